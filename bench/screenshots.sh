#!/usr/bin/env bash
# Screenshots of each kind of page for a reviewer: bench/screenshots.sh [OUT_DIR=target/screenshots]
# Builds the bundled tutorial (Chinese and English), the English sample story (src/test/resources/english)
# and the v2 example book (src/test/resources/windows, also with the site in Chinese) with the theme in
# templates/, and shoots the page of languages, home pages, chapters (one also on the third event of its
# step-through), a state page and the 404 page at 1280 and 390 px wide, light and dark, in headless Chromium
# (Debian's chromium and chromium-driver). TCPSTORY_BENCH_BUILD moves Maven's build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/screenshots}
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
mvn -q -Dtcpstory.buildDir="$build" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$build/bench.classpath" -Dmdep.includeScope=test
exec java -cp "$build/classes:$build/test-classes:$(cat "$build/bench.classpath")" \
  org.tcpstory.site.SiteScreenshots "$OUT"
