#!/usr/bin/env bash
# Packets per second of `tcpstory import` on a generated capture of one long connection, and its peak memory
# in a small heap: bench/import.sh [DATA_SEGMENTS=700000] (about 1 GiB of full-size packets).
# Each run reads the whole file: --list counts every packet; the import keeps the first 2,000 segments and
# still reads to the end (to count the connection and the others).
set -euo pipefail
cd "$(dirname "$0")/.."
segments="${1:-700000}"
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -q -Dtcpstory.buildDir="$build" package -DskipTests
mvn -q -Dtcpstory.buildDir="$build" dependency:build-classpath -Dmdep.outputFile="$build/bench.classpath" -Dmdep.includeScope=test
java -cp "$build/classes:$build/test-classes:$(cat "$build/bench.classpath")" \
  org.tcpstory.bench.CaptureGenerator "$work/big.pcap" "$segments"
packets=$(( segments + segments / 2 + 6 ))
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
cat "$work/big.pcap" > /dev/null # in the page cache for every run alike
for run in 1 2 3; do
  for mode in list import; do
    args=(import "$work/big.pcap" --list)
    [ "$mode" = import ] && args=(import "$work/big.pcap" -o "$work/chapter.md" --force)
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" java -Xmx64m -jar "$build/tcpstory.jar" "${args[@]}" > /dev/null 2>"$work/err" || true
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc)
    echo "run $run $mode: $packets packets in $seconds s: $(echo "$packets / $seconds" | bc) packets/s, peak RSS $(( $(cat "$work/rss") / 1024 )) MiB (-Xmx64m)"
  done
done
