# Shared by the bench scripts that compare two revisions in turns: source it after `cd` to the repository.

# One line naming the machine, so that every figure printed after it can be read against it.
bench_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
}

# The load average now: a shared machine's figures mean little without it.
bench_load() {
  echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# The median of column K (default 1) of FILE, one number per line.
bench_median() {
  sort -n -k"${2:-1}" "$1" | awk -v k="${2:-1}" '{ v[NR] = $k } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Exports revision REV of the repository into the empty folder DIR, to be built apart from the working tree.
bench_export() {
  mkdir -p "$2"
  git archive "$1" | tar -x -C "$2"
}
