#!/usr/bin/env bash
# CPU time of retelling one long generated connection (capture.Retelling alone, not the reading or the
# check), at two revisions, in turns:
#   bench/retell.sh [OLD=main] [NEW=HEAD] [DATA_SEGMENTS=13333] [LOSS_EVERY=0] [OPTIONS=none|sack]
# (13,333 data segments, each second one acknowledged, make 20,005 packets; LOSS_EVERY=K loses every Kth
# data segment, resent after three duplicate ACKs; OPTIONS=sack gives every segment timestamps and those
# ACKs SACK blocks: see CaptureGenerator). Each revision is exported
# with git archive and built apart; the same RetellingBenchmark class is compiled against each.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
old="${1:-main}"
new="${2:-HEAD}"
segments="${3:-13333}"
loss="${4:-0}"
options="${5:-none}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for rev in old new; do
  name="${!rev}"
  bench_export "$name" "$work/$rev"
  cp src/test/java/org/tcpstory/bench/RetellingBenchmark.java src/test/java/org/tcpstory/bench/CaptureGenerator.java \
    "$work/$rev/src/test/java/org/tcpstory/bench/"
  (cd "$work/$rev" && mvn -q -Dtcpstory.buildDir="$work/$rev/target" compile dependency:build-classpath \
    -Dmdep.outputFile="$work/$rev/classpath" -Dmdep.includeScope=runtime)
  mkdir -p "$work/$rev/bench-classes"
  javac -d "$work/$rev/bench-classes" -cp "$work/$rev/target/classes" \
    "$work/$rev/src/test/java/org/tcpstory/bench/RetellingBenchmark.java" \
    "$work/$rev/src/test/java/org/tcpstory/bench/CaptureGenerator.java"
done
java -cp "$work/new/bench-classes" org.tcpstory.bench.CaptureGenerator "$work/long.pcap" "$segments" "$loss" "$options" > /dev/null
bench_machine
bench_load before
for turn in 1 2 3; do
  for rev in old new; do
    result=$(java -cp "$work/$rev/bench-classes:$work/$rev/target/classes:$(cat "$work/$rev/classpath")" \
      org.tcpstory.bench.RetellingBenchmark "$work/long.pcap")
    echo "turn $turn, $rev (${!rev}): $result"
    echo "$result" | sed -E 's/.*median ([0-9]+) ms.*/\1/' >> "$work/$rev.ms"
  done
done
old_ms=$(bench_median "$work/old.ms")
new_ms=$(bench_median "$work/new.ms")
echo "median of the turns: $old ${old_ms} ms, $new ${new_ms} ms of CPU: $new takes $(echo "scale=3; $new_ms / $old_ms" | bc) of $old's time"
