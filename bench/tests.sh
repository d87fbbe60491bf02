#!/usr/bin/env bash
# The cost of the test suite: wall time, CPU time and memory of `mvn test`, as docs/benchmarks.md reports it.
# Usage: bench/tests.sh [MAVEN ARGUMENTS...]   (for example -o -Dtcpstory.buildDir=/tmp/tests-build)
# Prints /usr/bin/time's figures (wall, user and system CPU, the largest single process's peak RSS), the
# peak of the summed RSS of Maven and every process it started (and of the JVMs alone), sampled every
# 0.2 s (shared pages count once per process, so the sum overstates), Surefire's counts,
# and the load average before and after: the machine may be shared, so CPU time is the steadier figure.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp -d "${TMPDIR:-/tmp}/tcpstory-tests.XXXXXX")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/time -v -o "$log/time" mvn "$@" test >"$log/out" 2>&1 &
top=$!
peak=0
peak_java=0
while kill -0 "$top" 2>/dev/null; do
  # Every process below /usr/bin/time, by parent links: all of them, and the JVMs alone (Maven and the
  # test JVMs, without the browsers the browser tests start).
  read -r sum java < <(ps -e -o pid=,ppid=,rss=,comm= | awk -v root="$top" '
    { parent[$1] = $2; rss[$1] = $3; name[$1] = $4 }
    END {
      for (p in parent) {
        for (q = p; q != "" && q != 0 && q != 1; q = parent[q]) if (q == root) {
          total += rss[p]; if (name[p] == "java") jvms += rss[p]; break
        }
      }
      print total + 0, jvms + 0
    }')
  [ "$sum" -gt "$peak" ] && peak=$sum
  [ "$java" -gt "$peak_java" ] && peak_java=$java
  sleep 0.2
done
status=0
wait "$top" || status=$?

echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Elapsed \(wall clock\)|User time|System time|Maximum resident" "$log/time" | sed 's/^\s*//'
echo "Peak summed RSS of Maven and every process below it (MiB): $((peak / 1024))"
echo "Peak summed RSS of the JVMs alone, Maven's and the tests' (MiB): $((peak_java / 1024))"
sed 's/\x1b\[[0-9;]*m//g' "$log/out" | grep -E "^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, .*$" | tail -1
echo "log: $log/out"
exit "$status"
