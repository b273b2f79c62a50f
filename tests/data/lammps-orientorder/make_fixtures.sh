#!/bin/sh
# Regenerates orientorder.lammpstrj and lj.log with LAMMPS itself: Debian 12's
# `lammps` package (lmp, version 29 Sep 2021 - Update 2), serial, no MPI.
# Input: in.lj. See README.md for what each column is. Takes a few seconds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/in.lj" "$work/"
cd "$work"
export OMP_NUM_THREADS=1

lmp -in in.lj -log lj.log -screen none

# snapshots.lammpstrj is only rerun's input; orientorder.lammpstrj repeats
# its positions digit for digit.
cp orientorder.lammpstrj lj.log "$here/"
