#!/bin/sh
# Regenerates system.data, ice.xtc, orientorder.lammpstrj.gz and mw.log:
# build_system.py writes the start structure, LAMMPS (Debian 12's `lmp`,
# 29 Sep 2021 - Update 2, serial) runs in.mw, and nucleate itself converts
# the dump to XTC in nm. About 2 minutes on one core. Needs
# /usr/bin/python3 and a built nucleate (NUCLEATE=path, else build/nucleate).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
nucleate=${NUCLEATE:-$root/build/nucleate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export OMP_NUM_THREADS=1

/usr/bin/python3 "$here/build_system.py" > system.data
cp "$here/in.mw" "$here/mW.sw" .
lmp -in in.mw -log mw.log -screen none

# The dump is in Angstrom (units real); XTC stores nm.
"$nucleate" convert dump.lammpstrj ice.xtc --input-unit angstrom
gzip -9 -n orientorder.lammpstrj
cp system.data ice.xtc orientorder.lammpstrj.gz mw.log "$here/"
