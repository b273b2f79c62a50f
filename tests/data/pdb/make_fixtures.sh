#!/usr/bin/env bash
# Makes the PDB fixtures, and the GROMACS trajectories the DCD and XYZ
# fixtures are converted from, with GROMACS itself (Debian's gromacs 2022).
# A small SPC/E water box runs a few MD steps, once in a rectangular box and
# once in a rhombic dodecahedron (triclinic); `gmx trjconv` writes the PDB
# files and `gmx dump` prints the reference values.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GMX_MAXBACKUP=-1

cat > "$work/topol.top" <<'TOP'
#include "oplsaa.ff/forcefield.itp"
#include "oplsaa.ff/spce.itp"
[ system ]
water
[ molecules ]
TOP
cat > "$work/md.mdp" <<'MDP'
integrator  = md
dt          = 0.002
nsteps      = 40
nstxout-compressed = 10
nstlog      = 0
nstenergy   = 0
nstcalcenergy = 0
cutoff-scheme = Verlet
coulombtype = reaction-field
rcoulomb    = 0.7
rvdw        = 0.7
tcoupl      = v-rescale
tc-grps     = System
tau-t       = 0.1
ref-t       = 300
gen-vel     = yes
gen-temp    = 300
gen-seed    = 11
ld-seed     = 5
constraints = h-bonds
MDP

run() {  # run NAME BOXTYPE: 100 waters, a few steps, then the box shape BOXTYPE
  local name=$1 boxtype=$2
  cp "$work/topol.top" "$work/$name.top"
  gmx solvate -cs spc216.gro -box 1.5 1.5 1.5 -maxsol 100 -o "$work/$name-solv.gro" \
    -p "$work/$name.top" >/dev/null 2>&1
  gmx editconf -f "$work/$name-solv.gro" -bt "$boxtype" -d 0.1 -o "$work/$name-box.gro" >/dev/null 2>&1
  gmx grompp -f "$work/md.mdp" -c "$work/$name-box.gro" -p "$work/$name.top" \
    -po "$work/mdout.mdp" -o "$work/$name.tpr" -maxwarn 2 >/dev/null 2>&1
  gmx mdrun -nt 1 -s "$work/$name.tpr" -deffnm "$work/$name" >/dev/null 2>&1
  cp "$work/$name.xtc" "$name.xtc"
  cp "$work/$name-box.gro" "$name.gro"
  gmx dump -f "$name.xtc" > "$name.xtc.dump.txt" 2>/dev/null
  # Multi-MODEL PDB with CRYST1 per frame.
  echo 0 | gmx trjconv -f "$name.xtc" -s "$work/$name.tpr" -o "$name.pdb" >/dev/null 2>&1
}

run water cubic          # rectangular box, 5 frames
run tric dodecahedron    # triclinic box (60/60/90 degrees), 5 frames

# Atom serials past 99999: a 10 nm water box (~100 000 atoms) written by
# `gmx editconf`; only the CRYST1 line and the atoms around serial 100 000
# are kept, to show what GROMACS writes there without a 8 MB fixture.
gmx solvate -cs spc216.gro -box 10.2 10.2 10.2 -o "$work/big.gro" >/dev/null 2>&1
gmx editconf -f "$work/big.gro" -o "$work/big.pdb" >/dev/null 2>&1
{
  grep '^CRYST1' "$work/big.pdb"
  grep -E '^(ATOM|HETATM)' "$work/big.pdb" | sed -n '99995,100006p'
  echo END
} > big_serials.pdb
# The same atoms from the GRO file, for their coordinates (nm) and names.
sed -n '2p' "$work/big.gro" > big_serials.gro.txt
sed -n "$((99995 + 2)),$((100006 + 2))p" "$work/big.gro" >> big_serials.gro.txt

ls -l
