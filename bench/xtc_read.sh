#!/usr/bin/env bash
# XTC reading speed: nucleate against mdtraj (Debian's python3-mdtraj, whose
# XTC reader is the C xdrfile library) on the same file, one core each.
#   bench/xtc_read.sh [BUILD_DIR]
# The file is made from real data: GROMACS runs a 116,640-atom SPC/E water box
# (spc216 replicated 6x6x5) for 400 steps writing a TRR every step, and
# `nucleate convert` turns that TRR into an XTC (precision 1000, as mdrun).
# Needs `scripts/setup --engines` (gromacs, python3-mdtraj).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
work=${NUCLEATE_BENCH_DIR:-/tmp/nucleate-bench}
mkdir -p "$work"
xtc="$work/water-116k.xtc"
export GMX_MAXBACKUP=-1 OMP_NUM_THREADS=1

if [[ ! -f "$xtc" ]]; then
  echo "making $xtc (GROMACS run + nucleate convert; once)" >&2
  (
    cd "$work"
    gmx genconf -f "$(dirname "$(command -v gmx)")/../share/gromacs/top/spc216.gro" -nbox 6 6 5 -o big.gro >/dev/null 2>&1
    natoms=$(sed -n 2p big.gro | tr -d ' ')
    printf '#include "oplsaa.ff/forcefield.itp"\n#include "oplsaa.ff/spce.itp"\n[ system ]\nwater\n[ molecules ]\nSOL %d\n' $((natoms / 3)) > big.top
    printf 'integrator=md\ndt=0.002\nnsteps=400\nnstxout=1\nnstlog=0\nnstenergy=0\ncutoff-scheme=Verlet\ncoulombtype=reaction-field\nrcoulomb=0.8\nrvdw=0.8\ntcoupl=v-rescale\ntc-grps=System\ntau-t=0.1\nref-t=300\nconstraints=h-bonds\n' > big.mdp
    gmx grompp -f big.mdp -c big.gro -p big.top -o big.tpr -maxwarn 2 >/dev/null 2>&1
    gmx mdrun -nt 2 -s big.tpr -deffnm big >/dev/null 2>&1
    "$build/nucleate" convert big.trr "$xtc"
    rm -f big.trr
  )
fi

echo "file: $xtc ($(du -h "$xtc" | cut -f1))"
taskset -c 0 "$build/bench/bench_read_trajectory" "$xtc" 3 | tee "$work/nucleate.txt"
OPENBLAS_NUM_THREADS=1 taskset -c 0 /usr/bin/python3 - "$xtc" <<'PY' | tee "$work/mdtraj.txt"
import sys, time
import mdtraj.formats
path = sys.argv[1]
best = 1e300
for _ in range(3):
    t0 = time.perf_counter()
    with mdtraj.formats.XTCTrajectoryFile(path) as f:
        frames = 0
        while True:
            xyz, _, _, _ = f.read(n_frames=50)
            if len(xyz) == 0:
                break
            frames += len(xyz)
    best = min(best, time.perf_counter() - t0)
import os
mb = os.path.getsize(path) / 1e6
print(f"mdtraj: {frames} frames, best of 3: {best:.3f} s, {frames / best:.1f} frames/s, {mb / best:.1f} MB/s")
PY
/usr/bin/python3 - "$work/nucleate.txt" "$work/mdtraj.txt" <<'PY'
import re, sys
rate = lambda p: float(re.search(r"([\d.]+) frames/s", open(p).read()).group(1))
print(f"ratio nucleate/mdtraj: {rate(sys.argv[1]) / rate(sys.argv[2]):.2f}x frames/s")
PY
