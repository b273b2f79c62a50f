#!/usr/bin/env bash
# Regenerates the nacl-seed fixtures with Debian's GROMACS (gmx 2022.5): a 6x6x6-ion
# rock-salt NaCl cube (3x3x3 conventional cells, a = 0.564 nm, 108 Na + 108 Cl) at the
# centre of a 3.4 nm box, 24 Na + 24 Cl inserted at random, SPC/E water, Joung-Cheatham
# ions; steepest descent, then 20 ps NPT at 298 K writing the ions every 0.5 ps.
# Takes about 1.5 min on 2 threads. MD is not bitwise reproducible across machines, so a
# rerun gives a different (equally valid) trajectory; the tests only compare nucleate
# with tests/validation/cv/nacl_preset_numpy.py on whatever XTC is here.
#   usage: tests/data/nacl-seed/make_fixtures.sh      (KEEP_WORK=1 keeps the work dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gmx=${GMX:-gmx}
work=$(mktemp -d)
if [[ -z "${KEEP_WORK:-}" ]]; then trap 'rm -rf "$work"' EXIT; else echo "work dir: $work"; fi
cd "$work"
export OMP_NUM_THREADS=2
box=3.4

# Seed: ions on the rock-salt lattice, nearest Na-Cl distance a/2 = 0.282 nm, centred in
# the box; Na where i+j+k is even. All Na first, then all Cl, matching seed.top.
/usr/bin/python3 - "$box" > seed.gro <<'PY'
import sys
box = float(sys.argv[1]); half = 0.282; n = 6
sites = [(i, j, k) for i in range(n) for j in range(n) for k in range(n)]
ions = [("NA", s) for s in sites if sum(s) % 2 == 0] + [("CL", s) for s in sites if sum(s) % 2 == 1]
print("rock-salt NaCl seed, 6x6x6 ions")
print(len(ions))
for idx, (name, (i, j, k)) in enumerate(ions, start=1):
    x, y, z = ((c - (n - 1) / 2) * half + box / 2 for c in (i, j, k))
    print(f"{idx:5d}{name:<5s}{name:>5s}{idx:5d}{x:8.3f}{y:8.3f}{z:8.3f}")
print(f"{box:10.5f}{box:10.5f}{box:10.5f}")
PY
printf 'one ion\n1\n    1NA      NA    1   0.000   0.000   0.000\n   1.0 1.0 1.0\n' > na.gro
printf 'one ion\n1\n    1CL      CL    1   0.000   0.000   0.000\n   1.0 1.0 1.0\n' > cl.gro

$gmx -quiet insert-molecules -f seed.gro -ci na.gro -nmol 24 -seed 7 -o s1.gro > insert.log 2>&1
$gmx -quiet insert-molecules -f s1.gro -ci cl.gro -nmol 24 -seed 11 -o s2.gro >> insert.log 2>&1
cp "$here/seed.top" system.top
$gmx -quiet solvate -cp s2.gro -cs spc216.gro -p system.top -o solv.gro > solvate.log 2>&1

$gmx -quiet grompp -f "$here/em.mdp" -c solv.gro -p system.top -o em.tpr -maxwarn 0 > grompp_em.log 2>&1
$gmx -quiet mdrun -deffnm em -ntmpi 1 -ntomp 2 -pin off > mdrun_em.log 2>&1
$gmx -quiet grompp -f "$here/md.mdp" -c em.gro -p system.top -o md.tpr -maxwarn 0 > grompp_md.log 2>&1
$gmx -quiet mdrun -deffnm md -ntmpi 1 -ntomp 2 -pin off > mdrun_md.log 2>&1

# Ions of frame 0 with their topology names (NA, CL): the topology nucleate selects from.
echo Ion | $gmx -quiet trjconv -f md.xtc -s md.tpr -dump 0 -o ions0.gro > trjconv.log 2>&1

cp md.xtc "$here/seed_prod_ions.xtc"
cp ions0.gro "$here/seed_ions_ref.gro"
cp system.top "$here/seed_solvated.top"
grep -E '^Steepest|^Potential Energy|^Maximum force' em.log | sed 's/^/em: /'
grep -E 'Performance' md.log | sed 's/^/md: /'
