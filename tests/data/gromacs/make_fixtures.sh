#!/usr/bin/env bash
# Makes the GRO and TRR fixtures with GROMACS itself (Debian's gromacs 2022:
# `gmx` single and `gmx_d` double precision). A small SPC/E water box runs a
# few MD steps; the outputs and `gmx dump` of them are the references.
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
SOL 1
TOP
cat > "$work/md.mdp" <<'MDP'
integrator  = md
dt          = 0.002
nsteps      = 20
nstxout     = 5
nstvout     = 5
nstfout     = 10
nstlog      = 0
nstenergy   = 0
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
gen-seed    = 7
constraints = h-bonds
MDP

run() {  # run NAME BOXTYPE GMX
  local name=$1 boxtype=$2 gmx=$3
  cp "$work/topol.top" "$work/$name.top"
  # One water in a box of the wanted shape, then filled by solvate (which
  # appends its SOL count to the topology and handles triclinic boxes).
  { echo "one water"; echo 3; sed -n 3,5p "$(dirname "$(command -v gmx)")/../share/gromacs/top/spc216.gro"; echo " 1 1 1"; } > "$work/$name-one.gro"
  $gmx editconf -f "$work/$name-one.gro" -bt "$boxtype" -box 1.6 -o "$work/$name-empty.gro" >/dev/null 2>&1
  $gmx solvate -cs spc216.gro -cp "$work/$name-empty.gro" -maxsol 100 -o "$work/$name-box.gro" -p "$work/$name.top" >/dev/null 2>&1
  $gmx grompp -f "$work/md.mdp" -c "$work/$name-box.gro" -p "$work/$name.top" -o "$work/$name.tpr" -po "$work/mdout.mdp" -maxwarn 2 >/dev/null 2>&1
  $gmx mdrun -nt 1 -s "$work/$name.tpr" -deffnm "$work/$name" >/dev/null 2>&1
}

# Single precision, rectangular box: TRR with x, v (and f on some frames).
run water cubic gmx
cp "$work/water.trr" water.trr
gmx dump -f water.trr > water.trr.dump.txt 2>/dev/null
# Multi-frame GRO with velocities, written by trjconv.
echo 0 | gmx trjconv -f water.trr -s "$work/water.tpr" -o water.gro -vel >/dev/null 2>&1

# Double precision, triclinic (dodecahedron) box.
run water_d dodecahedron gmx_d
cp "$work/water_d.trr" water_d.trr
gmx_d dump -f water_d.trr > water_d.trr.dump.txt 2>/dev/null
echo 0 | gmx_d trjconv -f water_d.trr -s "$work/water_d.tpr" -o triclinic.gro -e 0.02 >/dev/null 2>&1

ls -l
