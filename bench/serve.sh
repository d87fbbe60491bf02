#!/usr/bin/env bash
# The speed of `serve` and of the diagram cache, measured, never asserted:
#  1. save -> reload event while `serve` runs on the bundled story (ServeBenchmark, in-process);
#  2. `build` of a generated course (bench/corpus.sh's generator) with a cold diagram cache, then with a
#     warm one and nothing changed, then re-rendered into a fresh folder; and `check` of it, the floor;
#  3. save -> reload while `serve` runs on that course, from the diagram cache step 2 filled.
# Usage: bench/serve.sh [CHAPTERS=300] [RUNS=3] [EDITS=30]
# TCPSTORY_BENCH_BUILD moves Maven's build folder (default target), so this can run beside other builds.
set -euo pipefail
cd "$(dirname "$0")/.."
CHAPTERS=${1:-300}
RUNS=${2:-3}
EDITS=${3:-30}
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"

mvn -q -Dtcpstory.buildDir="$build" package -DskipTests
mvn -q -Dtcpstory.buildDir="$build" dependency:build-classpath \
    -Dmdep.outputFile="$build/bench.classpath" -Dmdep.includeScope=test
JAR="$build/tcpstory.jar"
CP="$build/classes:$build/test-classes:$(cat "$build/bench.classpath")"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tcpstory-bench-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== 1. serve: save -> reload (bundled story, $EDITS edits of each kind)"
java -cp "$CP" org.tcpstory.serve.ServeBenchmark content "$EDITS"

echo
echo "== 2. build: cold vs warm diagram cache ($CHAPTERS generated chapters)"
GEN="$WORK/content"
java -cp "$CP" org.tcpstory.bench.CorpusGenerator "$GEN" "$CHAPTERS" 1 >/dev/null
echo "$(ls "$GEN"/*.md | grep -vc '/_') chapters"

run_build() { # $1: label; prints wall-clock milliseconds of the whole process
    local start end
    start=$(date +%s%N)
    TCPSTORY_CACHE="$WORK/cache" java -jar "$JAR" build --content "$GEN" --out "$WORK/site" >"$WORK/$1.log" 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
run_check() { # the floor of any build: a fresh JVM that parses and checks every chapter
    local start end
    start=$(date +%s%N)
    java -jar "$JAR" check "$GEN" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}

cold=()
warm=()
rerender=()
check=()
for r in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/cache" "$WORK/site"
    cold+=("$(run_build cold)")
    echo "cold:      $(tail -1 "$WORK/cold.log")"
    warm+=("$(run_build warm)")
    echo "warm:      $(tail -1 "$WORK/warm.log")"
    # The same, but into a fresh folder: every page rendered again, every diagram from the cache.
    rm -rf "$WORK/site" "$WORK/cache/builds"
    rerender+=("$(run_build rerender)")
    echo "re-render: $(tail -1 "$WORK/rerender.log")"
    check+=("$(run_check)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
COLD=$(median "${cold[@]}")
WARM=$(median "${warm[@]}")
RERENDER=$(median "${rerender[@]}")
CHECK=$(median "${check[@]}")
ratio() { awk -v w="$1" -v c="$COLD" 'BEGIN {printf "%.1f%%", 100*w/c}'; }
echo "wall-clock of the whole process, ms (runs: ${cold[*]} | ${warm[*]} | ${rerender[*]} | ${check[*]})"
echo "median cold build             $COLD ms"
echo "median warm build (unchanged) $WARM ms = $(ratio "$WARM") of cold"
echo "median re-render, warm cache  $RERENDER ms = $(ratio "$RERENDER") of cold"
echo "median check (the floor)      $CHECK ms = $(ratio "$CHECK") of cold"
echo "cache: $(ls "$WORK/cache/diagrams" | grep -c '\.svg$') entries, $(du -sh "$WORK/cache" | cut -f1)"

echo
echo "== 3. serve: save -> reload ($CHAPTERS generated chapters, warm diagram cache, $EDITS edits of each kind)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" org.tcpstory.serve.ServeBenchmark "$GEN" "$EDITS" "$WORK/cache"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
