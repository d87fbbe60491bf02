#!/usr/bin/env bash
# The cost of a deck, measured, never asserted: `diagrams --steps --format pptx` (one PowerPoint deck per
# chapter) against `diagrams --steps --format png` (the same chapters' diagrams and frames as PNGs), on
# the bundled story, each in a fresh output folder every run, timed by hyperfine in one run.
# Usage: bench/slides.sh [RUNS=5] [SCALE=1]
# TCPSTORY_BENCH_BUILD moves Maven's build folder (default target), so this can run beside other builds.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
SCALE=${2:-1}
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }

mvn -q -Dtcpstory.buildDir="$build" package -DskipTests
JAR="$build/tcpstory.jar"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tcpstory-slides-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "== machine"
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$WORK/slides.md" \
    --prepare "rm -rf '$WORK/png' '$WORK/pptx'" \
    -n png "java -jar '$JAR' diagrams --content content --out '$WORK/png' --steps --format png --scale $SCALE" \
    -n pptx "java -jar '$JAR' diagrams --content content --out '$WORK/pptx' --steps --format pptx --scale $SCALE"
echo
cat "$WORK/slides.md"
echo
java -jar "$JAR" diagrams --content content --out "$WORK/png" --steps --format png --scale "$SCALE" | tail -1
java -jar "$JAR" diagrams --content content --out "$WORK/pptx" --steps --format pptx --scale "$SCALE" | tail -1
echo "png: $(du -sh "$WORK/png" | cut -f1), pptx: $(du -sh "$WORK/pptx" | cut -f1)"
