#!/usr/bin/env bash
# CPU time per event of the engine on EngineBenchmark's two stories (v1, and v2 with options, windows,
# loss and congestion control), at two revisions, in turns, for a shared machine where JMH's wall-clock
# scores swing with the load:
#   bench/engine-cpu.sh [OLD=main] [NEW=HEAD] [RUNS=20] [TURNS=3]
# Each revision is exported with git archive and built apart; the same EngineCpu class is compiled
# against each.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
old="${1:-main}"
new="${2:-HEAD}"
runs="${3:-20}"
turns="${4:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for rev in old new; do
  name="${!rev}"
  bench_export "$name" "$work/$rev"
  cp src/test/java/org/tcpstory/bench/EngineCpu.java "$work/$rev/src/test/java/org/tcpstory/bench/"
  (cd "$work/$rev" && mvn -q -Dtcpstory.buildDir="$work/$rev/target" test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/$rev/classpath" -Dmdep.includeScope=test)
done
bench_machine
bench_load before
for turn in $(seq "$turns"); do
  for rev in old new; do
    result=$(java -cp "$work/$rev/target/test-classes:$work/$rev/target/classes:$(cat "$work/$rev/classpath")" \
      org.tcpstory.bench.EngineCpu "$runs")
    echo "turn $turn, $rev (${!rev}): $result"
    echo "$result" | sed -E 's/^v1 ([0-9.]+) ns.*/\1/' >> "$work/$rev.v1"
    echo "$result" | sed -E 's/.*v2 ([0-9.]+) ns.*/\1/' >> "$work/$rev.v2"
  done
done
bench_load after
for story in v1 v2; do
  o=$(bench_median "$work/old.$story")
  n=$(bench_median "$work/new.$story")
  echo "$story: median $old ${o} ns/event, $new ${n} ns/event: $new takes $(echo "scale=3; $n / $o" | bc) of $old's CPU time"
done
