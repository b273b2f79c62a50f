#!/usr/bin/env bash
# Makes the XTC fixtures with GROMACS itself (Debian's gromacs 2022) and
# records what `gmx dump` decodes from each as the test reference.
#
#   tests/data/xtc/make_fixtures.sh            GROMACS-written files (needs gmx)
#   tests/data/xtc/make_fixtures.sh BUILD_DIR  also the nucleate-written files:
#       runs BUILD_DIR/tests/unit_io to write them, then lets `gmx check` and
#       `gmx dump` read them (needs unit_io built from this tree).
#
# GROMACS-written:
#   water.xtc      100 SPC/E waters (300 atoms), rectangular box, mdrun,
#                  11 frames, precision 1000 (mdrun's default)
#   tric.xtc       the same in a rhombic dodecahedron (triclinic box), 6 frames
#   prec100.xtc    rectangular run, compressed-x-precision = 100, 6 frames
#   prec10000.xtc  rectangular run, compressed-x-precision = 10000, 6 frames
#   few9.xtc       atoms 1-9 of water.xtc by `gmx trjconv -n`: <= 9 atoms are
#                  stored as plain floats
#   few10.xtc      atoms 1-10: the smallest compressed frame
#   sparse.xtc     water.gro scaled x20 by `gmx editconf` (30 nm spread), two
#                  frames written by `gmx trjconv -ndec 6` (precision 10^6):
#                  integer ranges past 2^24, the unpacked coordinate mode, and
#                  small-difference sizes near the top of the table
#   nacl_ions.xtc.dump.txt  `gmx dump` of ../plumed-nacl/sol_prod_ions.xtc
#                  (GROMACS 2022.5 NPT run, 240 ions, 261 frames), trimmed to
#                  every frame's header and box plus the coordinates of frames
#                  0, 1, 2, 130 and 260 (the full text would be 3.8 MB)
# nucleate-written (second step):
#   written.xtc        800 synthetic atoms, 4 frames at precisions 1000, 100,
#                      10^5 (unpacked mode) and 1000 again, by nucleate's writer
#   written_small.xtc  5 synthetic atoms (plain floats), 3 frames
#   *.xtc.check.txt    what `gmx check -f` said about them
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
build=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GMX_MAXBACKUP=-1 OMP_NUM_THREADS=1

dump() {  # dump FILE.xtc: gmx dump text, with the path replaced by the file name
  gmx dump -f "$1" 2>/dev/null | sed "s|^$(dirname "$1")/||"
}

if ! command -v gmx >/dev/null; then
  echo "gmx not found (apt-get install gromacs)" >&2
  exit 1
fi

cat > "$work/topol.top" <<'TOP'
#include "oplsaa.ff/forcefield.itp"
#include "oplsaa.ff/spce.itp"
[ system ]
water
[ molecules ]
TOP

mdp() {  # mdp NSTEPS PRECISION
  cat <<MDP
integrator  = md
dt          = 0.002
nsteps      = $1
nstxout-compressed = 10
compressed-x-precision = $2
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
gen-seed    = 7
ld-seed     = 3
constraints = h-bonds
MDP
}

run() {  # run NAME BOXTYPE NSTEPS PRECISION
  local name=$1 boxtype=$2 nsteps=$3 precision=$4
  cp "$work/topol.top" "$work/$name.top"
  gmx solvate -cs spc216.gro -box 1.5 1.5 1.5 -maxsol 100 -o "$work/$name-solv.gro" \
    -p "$work/$name.top" >/dev/null 2>&1
  gmx editconf -f "$work/$name-solv.gro" -bt "$boxtype" -d 0.1 -o "$work/$name-box.gro" \
    >/dev/null 2>&1
  mdp "$nsteps" "$precision" > "$work/$name.mdp"
  gmx grompp -f "$work/$name.mdp" -c "$work/$name-box.gro" -p "$work/$name.top" \
    -po "$work/mdout.mdp" -o "$work/$name.tpr" -maxwarn 2 >/dev/null 2>&1
  gmx mdrun -nt 1 -s "$work/$name.tpr" -deffnm "$work/$name" >/dev/null 2>&1
  cp "$work/$name.xtc" "$name.xtc"
  dump "$here/$name.xtc" > "$name.xtc.dump.txt"
}

run water cubic 100 1000
run tric dodecahedron 50 1000
run prec100 cubic 50 100
run prec10000 cubic 50 10000

# Subsets of atoms: index groups made by make_ndx, written by trjconv.
printf 'a 1-9\na 1-10\nq\n' | gmx make_ndx -f "$work/water.tpr" -o "$work/few.ndx" >/dev/null 2>&1
for n in 9 10; do
  echo "a_1-$n" | gmx trjconv -f water.xtc -s "$work/water.tpr" -n "$work/few.ndx" \
    -o "few$n.xtc" >/dev/null 2>&1
  dump "$here/few$n.xtc" > "few$n.xtc.dump.txt"
done

# A spread-out copy at precision 10^6, two frames (the second shifted).
gmx editconf -f "$work/water-box.gro" -scale 20 -o "$work/sparse0.gro" >/dev/null 2>&1
gmx editconf -f "$work/sparse0.gro" -translate 0.5 -1.25 2 -o "$work/sparse1.gro" >/dev/null 2>&1
cat "$work/sparse0.gro" "$work/sparse1.gro" > "$work/sparse.gro"
gmx trjconv -f "$work/sparse.gro" -ndec 6 -o sparse.xtc >/dev/null 2>&1
dump "$here/sparse.xtc" > sparse.xtc.dump.txt

# The NaCl reference run: headers of every frame, coordinates of a few.
dump "$here/../plumed-nacl/sol_prod_ions.xtc" | awk '
  /frame [0-9]+:$/ { f = $NF; sub(":", "", f); keep = (f == 0 || f == 1 || f == 2 || f == 130 || f == 260) }
  /^ +x\[/ && !keep { next }
  { print }' > nacl_ions.xtc.dump.txt

if [[ -n "$build" ]]; then
  # nucleate's writer: the unit test writes the files (the same bytes it
  # checks on every run), GROMACS reads them back.
  NUCLEATE_XTC_FIXTURE_DIR="$here" "$build/tests/unit_io" \
    --gtest_filter='XtcWriterFixtures.WriterStillMakesTheCheckedBytes' >/dev/null
  for name in written written_small; do
    gmx check -f "$name.xtc" > "$work/check.txt" 2>&1 || true
    # Keep GROMACS' verdict: what it found per frame and its summary table
    # (progress lines end in carriage returns), not its banner.
    tr '\r' '\n' < "$work/check.txt" | sed -n '/^# Atoms/,/^GROMACS reminds/p' |
      grep -v '^GROMACS reminds\|^Reading frame\|^ *$' > "$name.xtc.check.txt"
    dump "$here/$name.xtc" > "$name.xtc.dump.txt"
  done
fi
ls -l
