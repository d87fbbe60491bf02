#!/usr/bin/env bash
# Speed at scale, side by side with the tools a user would otherwise run, on one generated course.
# Usage: bench/run.sh [CHAPTERS=1000] [RUNS=3] [WORK_DIR=/tmp/tcpstory-bench]
# Measures with hyperfine (medians of RUNS runs, one warm-up where it does not spoil the case):
#   - tcpstory build, cold (empty diagram cache, no site) and warm (nothing changed);
#   - tcpstory build into an empty folder with every diagram in the cache: pages only, no drawing;
#   - PlantUML's own command line (the very jar tcpstory uses, one JVM, as many threads as tcpstory)
#     drawing the same diagrams, exported first with `tcpstory diagrams --format puml`; as users run it,
#     and, for reference, under the JVM flags tcpstory gives its own build (see cli/TunedJvm);
#   - Hugo building the same chapters as plain Markdown with minimal layouts;
#   - Sphinx with sphinxcontrib-plantuml building the same chapters (MyST reads their Markdown) and drawing
#     the same diagrams as SVG with the same jar (bench/sphinx.sh writes the project), cold, with as many
#     writer processes as tcpstory has threads; its CPU time (user + system, hyperfine's mean) as well;
#   - tcpstory check of the course and of the bundled book (content/), and a bare JVM start (java -version);
# then the peak RSS of one cold build (/usr/bin/time), and prints a table of medians and ratios.
# The engine's own throughput is bench/engine.sh (JMH). Not part of the tests: nothing here is asserted.
# Installs hyperfine, hugo, time, Sphinx, MyST and sphinxcontrib-plantuml from Debian when they are missing
# (sudo when not root). SPHINX_RUNS (default RUNS) sets the runs of the Sphinx case, minutes each at 100 chapters
# (about 8 minutes at 150); SPHINX_RUNS=0 leaves Sphinx out, and its rows read n/a.
# TCPSTORY_BENCH_BUILD moves Maven's build folder (default target).
set -euo pipefail
cd "$(dirname "$0")/.."
CHAPTERS=${1:-1000}
RUNS=${2:-3}
WORK=${3:-/tmp/tcpstory-bench}
build="${TCPSTORY_BENCH_BUILD:-$PWD/target}"
threads=$(nproc)

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
# Debian's Python, the one its packages install into, whatever python3 comes first on the PATH.
/usr/bin/python3 -c 'import sphinx' 2>/dev/null || missing+=(python3-sphinx)
/usr/bin/python3 -c 'import myst_parser' 2>/dev/null || missing+=(python3-myst-parser)
/usr/bin/python3 -c 'import sphinxcontrib.plantuml' 2>/dev/null || missing+=(python3-sphinxcontrib.plantuml)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== building tcpstory and the corpus ($CHAPTERS chapters) into $WORK"
mvn -q -Dtcpstory.buildDir="$build" package -DskipTests
JAR="$build/tcpstory.jar"
plantuml_version=$(sed -n 's:.*<plantuml.version>\(.*\)</plantuml.version>.*:\1:p' pom.xml)
mvn -q -Dtcpstory.buildDir="$build" dependency:copy \
  -Dartifact="net.sourceforge.plantuml:plantuml-mit:$plantuml_version" -DoutputDirectory="$build/bench-plantuml"
PLANTUML="$build/bench-plantuml/plantuml-mit-$plantuml_version.jar"

case "$WORK" in /|"$HOME"|"$PWD") echo "refusing to use $WORK as the work folder" >&2; exit 2 ;; esac
rm -rf "$WORK"
mkdir -p "$WORK"
TCPSTORY_BENCH_BUILD="$build" bench/corpus.sh "$WORK/content" "$CHAPTERS" 1 >/dev/null
java -jar "$JAR" diagrams --content "$WORK/content" --out "$WORK/puml" --format puml >/dev/null

# Hugo: the same chapter files (front matter and all), a page per chapter and a home page listing them.
mkdir -p "$WORK/hugo/content" "$WORK/hugo/layouts/_default"
cp "$WORK"/content/*.md "$WORK/hugo/content/"
cat >"$WORK/hugo/hugo.toml" <<'EOF'
baseURL = "/"
languageCode = "zh-cn"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
EOF
cat >"$WORK/hugo/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
EOF
cat >"$WORK/hugo/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ .Content }}<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></body></html>
EOF

sphinx_runs=${SPHINX_RUNS:-$RUNS}
[ "$sphinx_runs" -eq 0 ] || bench/sphinx.sh "$WORK" "$PLANTUML"

export TCPSTORY_CACHE="$WORK/cache"
tcp="java -jar $JAR"
build_cmd="$tcp build --content $WORK/content --out $WORK/site --threads $threads"
hf() { hyperfine --style basic --runs "${hf_runs:-$RUNS}" --export-csv "$WORK/$1.csv" "${@:2}" >"$WORK/$1.log" 2>&1 || { cat "$WORK/$1.log"; exit 1; }; }

echo "== cold build"
hf cold --prepare "rm -rf $WORK/cache $WORK/site" "$build_cmd"
echo "== warm build, nothing changed"
hf warm --warmup 1 "$build_cmd"
echo "== build into an empty folder, every diagram from the cache"
hf pages --warmup 1 --prepare "rm -rf $WORK/site-pages" \
  "$tcp build --content $WORK/content --out $WORK/site-pages --threads $threads"
echo "== PlantUML command line, $threads threads"
hf plantuml --prepare "rm -rf $WORK/plantuml-svg" \
  "java -jar $PLANTUML -tsvg -nbthread $threads -o $WORK/plantuml-svg $WORK/puml/*.puml"
echo "== PlantUML command line with the JVM flags tcpstory runs its build with, for reference"
hf plantuml-tuned --prepare "rm -rf $WORK/plantuml-svg" \
  "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $PLANTUML -tsvg -nbthread $threads -o $WORK/plantuml-svg $WORK/puml/*.puml"
echo "== Hugo"
hf hugo --warmup 1 --prepare "rm -rf $WORK/hugo/public" "hugo --quiet -s $WORK/hugo -d $WORK/hugo/public"
if [ "$sphinx_runs" -gt 0 ]; then
  echo "== Sphinx with sphinxcontrib-plantuml, $((threads + 1)) processes ($threads writing pages and drawing)"
  hf_runs=$sphinx_runs hf sphinx --prepare "rm -rf $WORK/sphinx-html $WORK/sphinx-doctrees" \
    "/usr/bin/python3 -m sphinx -q -b html -j $((threads + 1)) -d $WORK/sphinx-doctrees $WORK/sphinx $WORK/sphinx-html"
fi
echo "== check and a bare JVM"
hf check --warmup 1 "$tcp check $WORK/content"
hf check-book --warmup 1 "$tcp check content"
hf jvm --warmup 1 -N "java -version"

echo "== peak RSS of one cold build"
rm -rf "$WORK/cache" "$WORK/site"
/usr/bin/time -f "%M" -o "$WORK/rss.txt" $build_cmd >/dev/null
rss_kb=$(tail -1 "$WORK/rss.txt")
/usr/bin/time -f "%M" -o "$WORK/rss-plantuml.txt" \
  java -jar "$PLANTUML" -tsvg -nbthread "$threads" -o "$WORK/plantuml-svg" "$WORK"/puml/*.puml
rss_plantuml_kb=$(tail -1 "$WORK/rss-plantuml.txt")

# A case left out has no CSV: its figures and ratios read n/a.
median() { [ -f "$WORK/$1.csv" ] && awk -F, 'NR == 2 { print $4 }' "$WORK/$1.csv" || echo n/a; }
cpu() { [ -f "$WORK/$1.csv" ] && awk -F, 'NR == 2 { print $5 + $6 }' "$WORK/$1.csv" || echo n/a; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a") { print "n/a"; exit } r = a / b; printf (r < 0.1 ? "%.3f" : "%.2f"), r }'; }
secs() { awk -v s="$1" 'BEGIN { if (s == "n/a") { print s; exit } printf (s < 1 ? "%.3f s" : "%.2f s"), s }'; }
cold=$(median cold); warm=$(median warm); pages=$(median pages); plantuml=$(median plantuml)
plantuml_tuned=$(median plantuml-tuned)
hugo=$(median hugo); sphinx=$(median sphinx); cold_cpu=$(cpu cold); sphinx_cpu=$(cpu sphinx)
check=$(median check); check_book=$(median check-book); jvm=$(median jvm)
diagrams=$(find "$WORK/puml" -name '*.puml' | wc -l)
distinct=$(sha256sum "$WORK"/puml/*.puml | cut -d' ' -f1 | sort -u | wc -l)
cat <<EOF

$(date -u +%F), $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), \
$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), \
$(java -version 2>&1 | head -1), $(hugo version | cut -d' ' -f1-2), \
Sphinx $(/usr/bin/python3 -c 'import sphinx; print(sphinx.__version__)') with sphinxcontrib-plantuml \
$(dpkg-query -W -f '${Version}' python3-sphinxcontrib.plantuml 2>/dev/null || echo '?'), hyperfine $(hyperfine --version | cut -d' ' -f2), \
load average $(cut -d' ' -f1-3 /proc/loadavg) at the end
$CHAPTERS chapters, $diagrams diagrams ($distinct distinct), medians of $RUNS runs:

| measure | time | against | ratio | target |
| --- | --- | --- | --- | --- |
| cold build / PlantUML CLI drawing the same diagrams | $(secs "$cold") | $(secs "$plantuml") | $(ratio "$cold" "$plantuml") | ≤ 1.0 |
| (cold build / PlantUML CLI under the same JVM flags) | $(secs "$cold") | $(secs "$plantuml_tuned") | $(ratio "$cold" "$plantuml_tuned") | |
| cold build / Sphinx with sphinxcontrib-plantuml | $(secs "$cold") | $(secs "$sphinx") | $(ratio "$cold" "$sphinx") | ≤ 0.2 |
| (the same in CPU time, user + system, means) | $(secs "$cold_cpu") | $(secs "$sphinx_cpu") | $(ratio "$cold_cpu" "$sphinx_cpu") | |
| warm build, nothing changed / cold build | $(secs "$warm") | $(secs "$cold") | $(ratio "$warm" "$cold") | ≤ 0.05 |
| build drawing no diagram (all cached) / Hugo | $(secs "$pages") | $(secs "$hugo") | $(ratio "$pages" "$hugo") | ≤ 2.0 |
| check of the course / bare JVM start (java -version) | $(secs "$check") | $(secs "$jvm") | $(ratio "$check" "$jvm") | ≤ 10 at 1,000 chapters |
| check of the bundled book / bare JVM start | $(secs "$check_book") | $(secs "$jvm") | $(ratio "$check_book" "$jvm") | ≤ 5 |
| peak RSS, cold build (PlantUML CLI alongside) | $((rss_kb / 1024)) MiB | $((rss_plantuml_kb / 1024)) MiB | $(ratio "$rss_kb" 1048576) GiB | ≤ 1 GiB |
EOF
