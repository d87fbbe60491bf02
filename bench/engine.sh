#!/usr/bin/env bash
# Engine throughput with JMH: events validated per second on one long generated conversation.
# Usage: bench/engine.sh [JMH options], e.g. bench/engine.sh -wi 3 -i 5 -f 1
# JMH forks a JVM per trial, so it needs a plain class path, not Maven's class loader.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
mvn -q -Dtcpstory.buildDir="$build" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$build/bench.classpath" -Dmdep.includeScope=test
exec java -cp "$build/classes:$build/test-classes:$(cat "$build/bench.classpath")" \
  org.openjdk.jmh.Main EngineBenchmark "$@"
