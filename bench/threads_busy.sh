#!/usr/bin/env bash
# Threads on a shared machine (issue 14): `nucleate cv` on the LJ example's
# trajectories with 1 and 2 threads, first on an idle machine, then with
# another process holding one core (a busy loop, as a colleague's job would).
# Prints wall seconds, frames/s and the ratio t(2 threads) / t(1 thread): 2
# threads must never be much slower than 1 (ratio well under 1 when idle,
# about 1 or below under load). Best of 3 each; the outputs of every run
# must be the same bytes, else the script stops.
#   bench/threads_busy.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
nc=$build/nucleate
[[ -x $nc ]] || { echo "no $nc: build first (scripts/build $build)" >&2; exit 1; }
work=$(mktemp -d)
busy_pid=
cleanup() { [[ -n $busy_pid ]] && kill "$busy_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trajectories=("$root"/examples/lj-nucleation/trajectories/*.xtc)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: ${#trajectories[@]} XTC files of the LJ example, preset lj-tenwolde"

best_of_3() {  # $1 = threads, $2 = tag; prints the best wall time in seconds
  local best=
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$nc" cv --preset lj-tenwolde "${trajectories[@]}" -o "$work/$2.colvar" --threads "$1" > /dev/null 2>&1 ||
      { echo "nucleate cv failed" >&2; exit 1; }
    end=$(date +%s.%N)
    best=$(awk -v a="$best" -v s="$start" -v e="$end" 'BEGIN { b = e - s; print (a == "" || b < a) ? b : a }')
  done
  echo "$best"
}

for load in idle busy; do
  if [[ $load == busy ]]; then
    bash -c 'while :; do :; done' &
    busy_pid=$!
    sleep 1
  fi
  t1=$(best_of_3 1 "$load-1")
  t2=$(best_of_3 2 "$load-2")
  frames=$(grep -vc '^#' "$work/$load-1.colvar")
  cmp -s "$work/$load-1.colvar" "$work/$load-2.colvar" || { echo "1 and 2 threads differ ($load)" >&2; exit 1; }
  printf '%-5s  1 thread %6.2f s (%s frames/s)   2 threads %6.2f s (%s frames/s)   t2/t1 = %.2f\n' \
    "$load" "$t1" "$(awk -v f="$frames" -v t="$t1" 'BEGIN { printf "%.0f", f / t }')" \
    "$t2" "$(awk -v f="$frames" -v t="$t2" 'BEGIN { printf "%.0f", f / t }')" \
    "$(awk -v a="$t2" -v b="$t1" 'BEGIN { print a / b }')"
done
cmp -s "$work/idle-1.colvar" "$work/busy-2.colvar" || { echo "idle and busy outputs differ" >&2; exit 1; }
echo "all outputs: the same bytes"
