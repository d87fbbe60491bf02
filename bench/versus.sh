#!/usr/bin/env bash
# CPU time (user + sys) of the one-shot commands at two revisions, run in turns so that both meet the
# same load: bench/versus.sh [OLD=main] [NEW=HEAD] [CHAPTERS=150] [TURNS=5]
# Cases: --version; check of the bundled book; check of a generated course of CHAPTERS chapters; its cold
# build (empty diagram cache), its build into an empty folder with every diagram cached, and its rebuild
# with nothing changed. Each revision is exported with git archive and built apart; its class-data-sharing
# archive (if it keeps one) lives in a cache folder of this run, written by an untimed first run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
old="${1:-main}"
new="${2:-HEAD}"
chapters="${3:-150}"
turns="${4:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for rev in old new; do
  bench_export "${!rev}" "$work/$rev"
  (cd "$work/$rev" && mvn -o -q -Dtcpstory.buildDir="$work/$rev/target" package -DskipTests >"$work/$rev.mvn.log") \
    || { cat "$work/$rev.mvn.log"; exit 1; }
done
TCPSTORY_BENCH_BUILD="$work/new/target" bench/corpus.sh "$work/course" "$chapters" 1 >/dev/null
export XDG_CACHE_HOME="$work/xdg"
mkdir -m 700 -p "$XDG_CACHE_HOME"

# case NAME PREPARE COMMAND...: PREPARE runs untimed before each run (a shell snippet; $rev is set).
cases=(
  "version|:|--version"
  "check-book|:|check content"
  "check-course|:|check $work/course"
  "cold-build|rm -rf \$TCPSTORY_CACHE \$out|build --content $work/course --out \$out"
  "cached-build|rm -rf \$out|build --content $work/course --out \$out"
  "unchanged-build|:|build --content $work/course --out \$out"
)
run() { # rev case -> appends "cpu wall" to $work/$rev.$case
  local rev=$1 spec=$2
  IFS='|' read -r name prepare command <<<"$spec"
  export TCPSTORY_CACHE="$work/$rev/diagram-cache"
  out="$work/$rev/site"
  eval "$prepare"
  /usr/bin/time -f "%U %S %e" -o "$work/time" sh -c "java -jar $work/$rev/target/tcpstory.jar $(eval echo "$command") >/dev/null 2>&1" || true
  awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$work/time" >> "$work/$rev.$name"
}
bench_machine
bench_load before
echo "course of $chapters chapters, $turns turns"
for rev in old new; do for spec in "${cases[@]}"; do run "$rev" "$spec"; done; done # untimed first runs
rm -f "$work"/old.* "$work"/new.*
for turn in $(seq "$turns"); do
  for spec in "${cases[@]}"; do for rev in old new; do run "$rev" "$spec"; done; done
done
bench_load after
printf "%-16s %12s %12s %8s %12s %12s %8s\n" case "old cpu s" "new cpu s" ratio "old wall s" "new wall s" ratio
for spec in "${cases[@]}"; do
  name=${spec%%|*}
  oc=$(bench_median "$work/old.$name" 1); nc=$(bench_median "$work/new.$name" 1)
  ow=$(bench_median "$work/old.$name" 2); nw=$(bench_median "$work/new.$name" 2)
  printf "%-16s %12s %12s %8.2f %12s %12s %8.2f\n" "$name" "$oc" "$nc" "$(echo "$nc / $oc" | bc -l)" \
    "$ow" "$nw" "$(echo "$nw / $ow" | bc -l)"
done
