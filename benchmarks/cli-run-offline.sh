#!/usr/bin/env bash
# cli_run_offline_s: wall time of `./agentkeel run` with the offline demo model, from process
# start to exit, median of 5 runs (after one unmeasured run that builds the jar if needed and
# writes the class-data-sharing archive the launcher reuses). Prints each run and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
run() { ./agentkeel --data-dir "$data" run orders "Where is my order O-10001?" >/dev/null 2>&1; }
run
times=()
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  run
  end=$(date +%s%N)
  times+=("$(awk -v n=$((end - start)) 'BEGIN { printf "%.2f", n / 1e9 }')")
done
echo "runs (s): ${times[*]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | sed 's/^/cli_run_offline_s median: /'
