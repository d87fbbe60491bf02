#!/usr/bin/env bash
# Packets per second of `tcpstory import` on a generated capture of one long connection, and its peak memory
# in a small heap: bench/import.sh [DATA_SEGMENTS=700000] (about 1 GiB of full-size packets).
# Each run reads the whole file: --list counts every packet; the import keeps the first 2,000 segments and
# still reads to the end (to count the connection and the others).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
segments="${1:-700000}"
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -Dtcpstory.buildDir="$build" package -DskipTests
mvn -q -Dtcpstory.buildDir="$build" dependency:build-classpath -Dmdep.outputFile="$build/bench.classpath" -Dmdep.includeScope=test
java -cp "$build/classes:$build/test-classes:$(cat "$build/bench.classpath")" \
  org.tcpstory.bench.CaptureGenerator "$work/big.pcap" "$segments"
packets=$(( segments + segments / 2 + 6 ))
bench_machine
cat "$work/big.pcap" > /dev/null # in the page cache for every run alike
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in list import; do
  args=(import "$work/big.pcap" --list)
  [ "$mode" = import ] && args=(import "$work/big.pcap" -o "$work/chapter.md" --force)
  : > "$work/times"
  for run in 1 2 3 4 5; do
    start=$(date +%s.%N)
    status=0
    /usr/bin/time -f "%M" -o "$work/rss" java -Xmx64m -jar "$build/tcpstory.jar" "${args[@]}" > /dev/null 2>"$work/err" || status=$?
    end=$(date +%s.%N)
    [ "$status" -eq 0 ] || { echo "$mode failed ($status):"; cat "$work/err"; exit 1; }
    echo "$end - $start" | bc >> "$work/times"
    echo "  $mode run $run: $(tail -1 "$work/times") s, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB"
  done
  median=$(sort -n "$work/times" | sed -n 3p)
  echo "$mode: $packets packets, median of 5 runs $median s: $(echo "$packets / $median" | bc) packets/s (-Xmx64m)"
done
[ -s "$work/chapter.md" ] && echo "the chapter tells $(grep -c -- '-> \|~> \|-x ' "$work/chapter.md") segments of the connection"
