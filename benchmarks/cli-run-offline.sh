#!/usr/bin/env bash
# cli_run_offline_s: wall time of `./agentkeel run` with the offline demo model, from process
# start to exit, median of 5 runs, after one unmeasured run that builds the jar if needed and
# writes the class-data-sharing archive the launcher maps afterwards. Also prints the CPU time
# (user + system) of each run, which a shared machine's load inflates far less than wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
run() { ./agentkeel --data-dir "$data" run orders "Where is my order O-10001?" >/dev/null 2>&1; }
run
walls=()
cpus=()
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  /usr/bin/time -o "$data/cpu" -f "%U %S" \
    ./agentkeel --data-dir "$data" run orders "Where is my order O-10001?" >/dev/null 2>&1
  cpu=$(tail -n 1 "$data/cpu" | awk '{ printf "%.2f", $1 + $2 }')
  end=$(date +%s%N)
  walls+=("$(awk -v n=$((end - start)) 'BEGIN { printf "%.2f", n / 1e9 }')")
  cpus+=("$cpu")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "wall (s): ${walls[*]}"
echo "cpu  (s): ${cpus[*]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "cli_run_offline_s median: $(median "${walls[@]}") (cpu median $(median "${cpus[@]}"))"
