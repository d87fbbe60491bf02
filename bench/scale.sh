#!/usr/bin/env bash
# Does a build stay as cheap per chapter on a big course? Cold builds (empty diagram cache, no site) of two
# generated courses, SMALL and LARGE chapters (bench/corpus.sh, seed 1), in interleaved turns: CPU time
# (user + system, both JVMs) per chapter, wall time, and the peak RSS of the build (the largest process,
# from /usr/bin/time). Issue 20's target: LARGE = 5,000 costs no more per chapter than SMALL = 1,000, and
# peaks under 1 GiB. Measured, never asserted.
# Usage: bench/scale.sh [SMALL=1000] [LARGE=5000] [TURNS=2] [WORK_DIR=/tmp/tcpstory-scale]
# TCPSTORY_BENCH_BUILD moves Maven's build folder (default target).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
SMALL=${1:-1000}
LARGE=${2:-5000}
TURNS=${3:-2}
WORK=${4:-/tmp/tcpstory-scale}
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
case "$WORK" in /|"$HOME"|"$PWD") echo "refusing to use $WORK as the work folder" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }

mvn -q -B -Dtcpstory.buildDir="$build" package -DskipTests
JAR="$build/tcpstory.jar"
rm -rf "$WORK"
mkdir -p "$WORK"
for n in "$SMALL" "$LARGE"; do
  TCPSTORY_BENCH_BUILD="$build" bench/corpus.sh "$WORK/content-$n" "$n" 1 >/dev/null
done

bench_machine
bench_load before
echo "| chapters | turn | CPU s | CPU ms per chapter | wall s | peak RSS MiB | load before |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for turn in $(seq "$TURNS"); do
  for n in "$SMALL" "$LARGE"; do
    rm -rf "$WORK/cache" "$WORK/site"
    load=$(cut -d' ' -f1 /proc/loadavg)
    TCPSTORY_CACHE="$WORK/cache" /usr/bin/time -f "%U %S %e %M" -o "$WORK/time.txt" \
      java -jar "$JAR" build --content "$WORK/content-$n" --out "$WORK/site" --threads "$(nproc)" >/dev/null
    read -r user sys wall rss_kb < <(tail -1 "$WORK/time.txt")
    awk -v n="$n" -v t="$turn" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss_kb" -v l="$load" \
      'BEGIN { printf "| %d | %d | %.1f | %.1f | %.1f | %d | %s |\n", n, t, u + s, 1000 * (u + s) / n, w, r / 1024, l }'
  done
done
bench_load after
