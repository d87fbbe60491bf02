#!/usr/bin/env bash
# Engine throughput with JMH: events validated per second on one long generated conversation.
# Usage: bench/engine.sh [JMH options], e.g. bench/engine.sh -wi 3 -i 5 -f 1
# JMH forks a JVM per trial, so it needs a plain class path, not Maven's class loader.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main EngineBenchmark "$@"
