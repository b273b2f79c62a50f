#!/usr/bin/env bash
# Runs one regression case: tests/regression/<command>/<case>/cmd is a bash
# snippet run inside tests/data/ with $NUCLEATE set to the binary and $SCRATCH
# to an empty directory; its stdout, stderr and exit code must equal the
# committed `expected` file. NUCLEATE_REGENERATE=1 rewrites `expected` instead.
#   run_case.sh NUCLEATE_BINARY CASE_DIR DATA_DIR
set -uo pipefail
nucleate=$1 case_dir=$2 data_dir=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
actual="$scratch/actual"
(
  cd "$data_dir" || exit 99
  NUCLEATE="$nucleate" SCRATCH="$scratch/work" bash -c "mkdir -p \"\$SCRATCH\"; $(cat "$case_dir/cmd")" 2>&1
  echo "exit code: $?"
) | sed "s|$scratch/work|\$SCRATCH|g" > "$actual"
if [[ "${NUCLEATE_REGENERATE:-0}" == 1 ]]; then
  cp "$actual" "$case_dir/expected"
  echo "regenerated $case_dir/expected"
  exit 0
fi
if ! diff -u "$case_dir/expected" "$actual"; then
  echo "FAILED: $case_dir (output above: - expected, + actual)"
  exit 1
fi
