#!/bin/sh
# Regenerates every fixture in this folder with LAMMPS itself: Debian 12's
# `lammps` package (lmp, version 29 Sep 2021 - Update 2), serial, no MPI.
# Inputs: in.argon, in.triclinic, in.molecules, water.mol. See README.md for
# what each output is and which reference values the tests take from it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/in.argon" "$here/in.triclinic" "$here/in.molecules" "$here/water.mol" "$work/"
cd "$work"
export OMP_NUM_THREADS=1

lmp -in in.argon -log argon.log -screen none
lmp -in in.triclinic -log triclinic.log -screen none
lmp -in in.molecules -log molecules.log -screen none

# A gzip copy of a dump (-n: no name or time stamp, so the bytes repeat).
gzip -9 -n -k positions.lammpstrj
# The same data file without the atom-style comment after "Atoms", which
# hand-written data files often lack (the reader then assumes atomic).
sed 's/^Atoms # atomic$/Atoms/' argon.data > argon_nostyle.data

for f in *.lammpstrj *.lammpstrj.gz *.data *.log; do
  cp "$f" "$here/$f"
done
