#!/usr/bin/env bash
# Regenerates examples/nacl/ from scratch with Debian's GROMACS 2022.5 (`gmx`) and nucleate.
# Adapted from tests/data/nacl-seed/make_fixtures.sh (same force field and run parameters).
#
# For every seed NXxNYxNZ in SEEDS:
#   1. a rock-salt NaCl block of NX*NY*NZ ions (build_system.py seed) at the centre of a cubic
#      box just large enough that gmx solvate puts in the water for MOLALITY mol/kg of the
#      solution ions; the surplus waters are dropped at random (build_system.py trim);
#   2. gmx genion replaces waters with TOTAL - NX*NY*NZ/2 Na+Cl pairs (fixed -seed, at least
#      0.35 nm from any ion), so every system has TOTAL Na and TOTAL Cl;
#   3. build_system.py order puts all Na first, then all Cl, then the water: every system has
#      the same ion order, so one GRO (ions_ref.gro) names the ions of every trajectory;
#   4. steepest descent (em.mdp), then REPLICAS NPT runs of NSTEPS steps at 298 K, 1 bar
#      (md.mdp) with gen-seed = 10*NXNYNZ + replica (4422 for 4x4x2 r2), on ONE thread;
#      the ions only go to trajectories/seed-NXxNYxNZ-rR.xtc every NSTXTC steps;
#   5. nucleate cv --preset nacl-finney2022 on every run -> WORK/*.colvar; runs.txt (summarise.py).
# Inputs are deterministic (fixed seeds); MD is not bitwise reproducible across machines or
# builds, so a rerun gives other, equally valid, trajectories.
# Environment: GMX, NUCLEATE (default: ../../build/nucleate, else nucleate on PATH), WORK,
# SEEDS, REPLICAS, NSTEPS, NSTXTC, TOTAL, MOLALITY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gmx=${GMX:-gmx}
if [[ -z ${NUCLEATE:-} ]]; then
  if [[ -x $root/build/nucleate ]]; then NUCLEATE=$root/build/nucleate; else NUCLEATE=nucleate; fi
fi
read -r -a seeds <<<"${SEEDS:-2x2x2 4x4x2 4x4x3 4x4x4 6x6x6}"
replicas=${REPLICAS:-3}
nsteps=${NSTEPS:-25000}   # 50 ps at dt = 2 fs
nstxtc=${NSTXTC:-250}     # 0.5 ps
total=${TOTAL:-200}       # Na (and Cl) per system, seed + solution
molality=${MOLALITY:-6.0} # mol/kg of the solution ions (JC/SPC/E solubility is about 3.7)
work=${WORK:-$(mktemp -d /tmp/nacl-example.XXXXXX)}
out=$here/trajectories
mkdir -p "$work" "$out"
rm -f "$out"/*.xtc
echo "work directory: $work" >&2
export OMP_NUM_THREADS=1
py=/usr/bin/python3
build=$here/build_system.py

# solvate_seed DIMS EDGE: seed.gro in a cubic EDGE box, solvated -> solv.gro; prints the water count.
solvate_seed() {
  read -r nx ny nz <<<"${1//x/ }"
  $py "$build" seed "$nx" "$ny" "$nz" "$2" >seed.gro
  $gmx -quiet solvate -cp seed.gro -cs spc216.gro -o solv.gro >solvate.log 2>&1
  awk 'NR > 2 && substr($0, 6, 5) ~ /SOL/ && substr($0, 11, 5) ~ /OW/ {n++} END {print n}' solv.gro
}

# topology NA CL SOL > system.top
topology() { cat "$here/ions.top"; printf 'NA %d\nCL %d\nSOL %d\n' "$@"; }

: >"$work/timings.txt"
echo "# system box_edge_nm(initial) seed_ions Na Cl water solution_molality" >"$work/systems.txt"
first=1
for dims in "${seeds[@]}"; do
  index=${dims//x/} # 4x4x2 -> 442: the seed of genion and trim; gen-seed = 10 * index + replica
  name=seed-$dims
  dir=$work/$name
  mkdir -p "$dir"
  cd "$dir"
  read -r nx ny nz <<<"${dims//x/ }"
  seed_pairs=$((nx * ny * nz / 2))
  solution=$((total - seed_pairs))
  # waters after genion: solution pairs / (molality * 0.018015 kg/mol); genion takes 2 per pair.
  waters=$($py -c "print(round($solution / ($molality * 0.018015)))")
  want=$((waters + 2 * solution))
  edge=$($py "$build" box $((2 * seed_pairs)) "$want")
  # Grow the box by 1% until solvate gives enough water, then drop the surplus at random.
  while got=$(solvate_seed "$dims" "$edge"); ((got < want)); do
    edge=$($py -c "print(f'{$edge * 1.01:.4f}')")
  done
  $py "$build" trim solv.gro trimmed.gro "$want" "$index"
  topology "$seed_pairs" "$seed_pairs" "$want" >solv.top # seed Na, seed Cl, water
  $gmx -quiet grompp -f "$here/em.mdp" -c trimmed.gro -p solv.top -o genion.tpr -maxwarn 0 \
    >grompp_genion.log 2>&1
  echo SOL | $gmx -quiet genion -s genion.tpr -pname NA -nname CL -np "$solution" -nn "$solution" \
    -rmin 0.35 -seed "$index" -o ions.gro >genion.log 2>&1
  read -r nna ncl nsol < <($py "$build" order ions.gro system.gro)
  topology "$nna" "$ncl" "$nsol" >system.top
  awk -v n="$name" -v e="$edge" -v s="$((2 * seed_pairs))" -v na="$nna" -v cl="$ncl" -v w="$nsol" \
    -v p="$solution" 'BEGIN {printf "%s %s %d %d %d %d %.3f\n", n, e, s, na, cl, w, p / (w * 0.018015)}' \
    | tee -a "$work/systems.txt" >&2

  $gmx -quiet grompp -f "$here/em.mdp" -c system.gro -p system.top -o em.tpr -maxwarn 0 >grompp_em.log 2>&1
  $gmx -quiet mdrun -deffnm em -nt 1 -ntmpi 1 -pin off >mdrun_em.log 2>&1
  for rep in $(seq 1 "$replicas"); do
    run=$name-r$rep
    sed -e "s/GEN_SEED/$((10 * index + rep))/" -e "s/NSTEPS/$nsteps/" -e "s/NSTXTC/$nstxtc/" \
      "$here/md.mdp" >md-r"$rep".mdp
    $gmx -quiet grompp -f md-r"$rep".mdp -c em.gro -p system.top -o md-r"$rep".tpr -maxwarn 0 \
      >grompp_md-r"$rep".log 2>&1
    start=$(date +%s.%N)
    $gmx -quiet mdrun -deffnm md-r"$rep" -nt 1 -ntmpi 1 -pin off >mdrun_md-r"$rep".log 2>&1
    awk -v s="$start" -v e="$(date +%s.%N)" -v n="$run" 'BEGIN {printf "%s %.1f\n", n, e - s}' \
      | tee -a "$work/timings.txt" >&2
    cp md-r"$rep".xtc "$out/$run.xtc"
  done
  # The ions with their topology names (Na then Cl): the same for every system.
  if ((first)); then
    first=0
    echo Ion | $gmx -quiet trjconv -f md-r1.xtc -s md-r1.tpr -dump 0 -o "$work/ions_ref.gro" \
      >trjconv.log 2>&1
    cp "$work/ions_ref.gro" "$here/ions_ref.gro"
  fi
  rm -f ./*.trr ./*.cpt ./\#*
done

for xtc in "$out"/*.xtc; do
  "$NUCLEATE" cv --preset nacl-finney2022 "$xtc" --top "$here/ions_ref.gro" \
    -o "$work/$(basename "$xtc" .xtc).colvar" --threads 1 >&2
done
$py "$here/summarise.py" "$work" "$here" >"$here/runs.txt"
cp "$work/systems.txt" "$here/systems.txt"
awk '{t += $2} END {printf "mdrun wall time: %.0f s over %d runs\n", t, NR}' "$work/timings.txt" >&2
du -sh "$out" >&2
