#!/usr/bin/env bash
# Fuzzes every parser for SECONDS each:
#   run_fuzzers.sh FUZZ_BINARY SECONDS [--lanes N] [FORMAT...]
# Seed corpora are the test files of each format (tests/data, the examples),
# tests/fuzz/seeds/FORMAT and every earlier finding (tests/fuzz/findings/
# FORMAT, replayed first); libFuzzer adds what it finds to WORK/corpus/FORMAT.
# A finding ends that format's run with the input saved as
# WORK/findings/FORMAT/crash-* (or oom-*, timeout-*, leak-*), and the script
# exits non-zero. --lanes N fuzzes N formats at a time (one per core).
# WORK is $NUCLEATE_FUZZ_WORK, default build-fuzz/fuzz-work.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$1 seconds=$2
shift 2
lanes=1
if [[ ${1:-} == --lanes ]]; then
  lanes=$2
  shift 2
fi
formats=("$@")
[[ ${#formats[@]} -gt 0 ]] || formats=(xtc trr gro lammpstrj data dcd xyz pdb colvar dtraj npy cv.toml pipeline.toml msm.json)
work=${NUCLEATE_FUZZ_WORK:-$root/build-fuzz/fuzz-work}
mkdir -p "$work"

# The seed files of a format: tests/fuzz/seeds and tests/fuzz/findings, then
# by extension from the test data and examples.
seeds() {
  for d in "$root/tests/fuzz/seeds/$1" "$root/tests/fuzz/findings/$1"; do
    [[ -d $d ]] && find "$d" -type f
  done
  case $1 in
    lammpstrj) find "$root/tests/data" -type f \( -name '*.lammpstrj' -o -name '*.dump' \) ;;
    colvar) find "$root/tests/data" "$root/examples" -type f \( -name '*.colvar' -o -name 'COLVAR*' \) ;;
    dtraj) find "$root/tests/data" -type f -name '*.dtraj' ;;
    cv.toml) find "$root/src/cv/presets" "$root/tests/data" -type f -name '*.toml' ! -name 'pipeline*' ;;
    pipeline.toml) find "$root/examples" "$root/tests" -type f -name 'pipeline*.toml' ;;
    msm.json) find "$root/tests/data" "$root/examples" -type f -name 'msm*.json' ;;
    *) find "$root/tests/data" "$root/examples" -type f -name "*.$1" ;;
  esac
}

# Fuzzes one format; its summary goes to WORK/FORMAT.summary.
fuzz_one() {
  local format=$1
  local corpus=$work/corpus/$format findings=$work/findings/$format log=$work/$format.log
  mkdir -p "$corpus" "$findings"
  # Seeds over 1 MB slow every run; libFuzzer mutates the small ones as well.
  seeds "$format" | while read -r f; do
    if [[ $(stat -c %s "$f") -le 1048576 ]]; then cp -n "$f" "$corpus/seed-$(basename "$f")"; fi
  done
  local status=0
  # -rss_limit_mb: a reader must not believe a header that asks for more
  # memory than the file could fill. -timeout: no input may take 10 s.
  NUCLEATE_FUZZ_FORMAT=$format ASAN_OPTIONS=detect_leaks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$binary" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1 || status=$?
  {
    local runs cov
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o "cov: [0-9]*" "$log" | tail -1)
    echo "$format: ${seconds} s, ${runs:-0} inputs run, $cov, corpus $(ls "$corpus" | wc -l) inputs"
    if [[ $status != 0 ]]; then
      echo "FINDING in $format (log: $log; input: $(ls "$findings" | head -1)):"
      grep -E "ERROR|SUMMARY|terminate called|what\(\)" "$log" | head -8
    fi
  } > "$work/$format.summary"
  return $status
}

failed=0
pids=()
lane_formats=()
for ((lane = 0; lane < lanes; ++lane)); do
  mine=()
  for ((i = lane; i < ${#formats[@]}; i += lanes)); do mine+=("${formats[i]}"); done
  (
    status=0
    for format in "${mine[@]}"; do fuzz_one "$format" || status=1; done
    exit $status
  ) &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
for format in "${formats[@]}"; do cat "$work/$format.summary"; done
exit $failed
