#!/usr/bin/env bash
# Profiles a build that draws no diagram: bench/profile-pages.sh JAR CONTENT [WORK_DIR=/tmp/tcpstory-profile]
# Fills a diagram cache of its own with one build, then builds CONTENT into an empty folder under JDK Flight
# Recorder (execution samples every millisecond asked, full stacks; in one JVM with the flags cli/TunedJvm
# gives the build's) and prints bench/JfrSummary.java's table. Nothing here is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bench/profile-pages.sh JAR CONTENT [WORK_DIR]" >&2; exit 2; }
jar=$(realpath "$1"); content=$(realpath "$2"); work=${3:-/tmp/tcpstory-profile}
case "$work" in /|"$HOME"|"$PWD") echo "refusing to use $work as the work folder" >&2; exit 2 ;; esac
rm -rf "$work" && mkdir -p "$work"
export TCPSTORY_CACHE="$work/cache"
java -jar "$jar" build --content "$content" --out "$work/warm" >/dev/null
settings="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc"
sed 's|\(control="method-sampling-java-interval">\)[^<]*<|\11 ms<|' "$settings" >"$work/samples.jfc"
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:FlightRecorderOptions:stackdepth=1024 \
  -XX:StartFlightRecording=filename="$work/pages.jfr",settings="$work/samples.jfc" \
  -jar "$jar" build --content "$content" --out "$work/site" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
java bench/JfrSummary.java "$work/pages.jfr"
