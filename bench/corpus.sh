#!/usr/bin/env bash
# Writes a generated course for benchmarks: bench/corpus.sh OUT_DIR [CHAPTERS=1000] [SEED=1]
# Every chapter is valid (10 to 40 events, Chinese prose, CJK labels); the same seed gives the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/corpus.sh OUT_DIR [CHAPTERS] [SEED]" >&2; exit 2; }
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
mvn -q -Dtcpstory.buildDir="$build" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$build/bench.classpath" -Dmdep.includeScope=test
exec java -cp "$build/classes:$build/test-classes:$(cat "$build/bench.classpath")" \
  org.tcpstory.bench.CorpusGenerator "$@"
