#!/usr/bin/env bash
# Checks the nacl-finney2022 preset on a GROMACS run with a rock-salt seed
# (tests/data/nacl-seed) against nacl_preset_numpy.py next to this script, an
# independent NumPy implementation of the PLUMED definitions reading the XTC
# with mdtraj (Debian 12: python3-numpy 1.24.2, python3-scipy 1.10.1,
# python3-mdtraj 1.9.7). Exit 0: every column agrees within
# 1e-4 relative (1e-6 absolute near zero); 1: a disagreement or a failed run;
# 77: python3-mdtraj or python3-scipy is missing (scripts/setup --engines), i.e. skipped.
#   tests/validation/cv/nacl_seed_check.sh [NUCLEATE_BINARY]     (default: build/nucleate)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
nucleate=${1:-$root/build/nucleate}
data=$root/tests/data/nacl-seed

if ! /usr/bin/python3 -c 'import mdtraj, scipy.special' 2> /dev/null; then
  echo "skipped: needs python3-mdtraj and python3-scipy (scripts/setup --engines)"
  exit 77
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$nucleate" cv --preset nacl-finney2022 "$data/seed_prod_ions.xtc" --top "$data/seed_ions_ref.gro" \
  -o "$scratch/nucleate.colvar"
/usr/bin/python3 "$here/nacl_preset_numpy.py" "$data/seed_prod_ions.xtc" "$data/seed_ions_ref.gro" \
  -o "$scratch/numpy.colvar" --compare "$scratch/nucleate.colvar"
