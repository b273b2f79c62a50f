#!/usr/bin/env bash
# The Python tutorial must reproduce `nucleate run`'s headline on the LJ
# example: run the pipeline (no report), then the tutorial with --compare,
# which exits non-zero when a number differs by more than 1e-6 relative.
#   run_lj_tutorial.sh NUCLEATE_BINARY
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
sed -e "s#\"trajectories/\*.xtc\"#\"$root/examples/lj-nucleation/trajectories/*.xtc\"#" \
    -e 's/^\[report\]/[report]\nenabled = false/' "$root/examples/lj-nucleation/pipeline.toml" > "$scratch/pipeline.toml"
"$1" run "$scratch/pipeline.toml" -o "$scratch/out" > "$scratch/run.log" 2>&1 || { tail -5 "$scratch/run.log"; exit 1; }
/usr/bin/python3 "$root/examples/python/lj_tutorial.py" "$root/examples/lj-nucleation/pipeline.toml" \
  --compare "$scratch/out/summary.json"
