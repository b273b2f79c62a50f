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
#   3. build_system.py order puts all Na first, then all Cl, then the water (seed ions first in
#      each): every system has the same ion order, so one GRO (ions_ref.gro) names the ions of
#      every trajectory; the topology lists the seed's ions as NAS/CLS (ions.top), which only
#      differ from NA/CL by a position restraint under POSRES;
#   4. steepest descent (em.mdp), then EQ_NSTEPS of NPT with the seed restrained (eq.mdp,
#      gen-seed = NXNYNZ); the Volume of eq.edr (gmx energy) over the run goes to WORK/equilibration.txt;
#   5. REPLICAS NPT runs of NSTEPS steps at 298 K, 1 bar from eq.gro without restraints (md.mdp)
#      with gen-seed = 10*NXNYNZ + replica (4422 for 4x4x2 r2), each on ONE thread, PARALLEL of
#      them at a time; the ions only go to trajectories/seed-NXxNYxNZ-rR.xtc every NSTXTC steps;
#   6. nucleate cv --preset nacl-finney2022 on every run -> WORK/*.colvar; runs.txt (summarise.py).
# A rerun with the same WORK reuses the equilibrated systems it finds (WORK/seed-*/eq.gro);
# EQ_ONLY=1 stops after step 4 (to time the equilibration before choosing NSTEPS).
# Inputs are deterministic (fixed seeds); MD is not bitwise reproducible across machines or
# builds, so a rerun gives other, equally valid, trajectories.
# Environment: GMX, NUCLEATE (default: ../../build/nucleate, else nucleate on PATH), WORK,
# SEEDS, REPLICAS, EQ_NSTEPS, NSTEPS, NSTXTC, TOTAL, MOLALITY, PARALLEL, EQ_ONLY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gmx=${GMX:-gmx}
if [[ -z ${NUCLEATE:-} ]]; then
  if [[ -x $root/build/nucleate ]]; then NUCLEATE=$root/build/nucleate; else NUCLEATE=nucleate; fi
fi
read -r -a seeds <<<"${SEEDS:-2x2x2 4x4x2 4x4x3 4x4x4}"
replicas=${REPLICAS:-2}
eq_nsteps=${EQ_NSTEPS:-20000} # 40 ps of restrained NPT
nsteps=${NSTEPS:-150000}      # 300 ps at dt = 2 fs
nstxtc=${NSTXTC:-500}         # 1 ps
total=${TOTAL:-200}           # Na (and Cl) per system, seed + solution
molality=${MOLALITY:-6.0}     # mol/kg of the solution ions (JC/SPC/E solubility is about 3.7)
parallel=${PARALLEL:-1}       # mdruns at once, one thread each
work=${WORK:-$(mktemp -d /tmp/nacl-example.XXXXXX)}
out=$here/trajectories
mkdir -p "$work" "$out"
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

# topology SEED_PAIRS NA CL SOL > system.top: the seed's NAS/CLS first within each ion kind.
topology() {
  cat "$here/ions.top"
  printf 'NAS %d\nNA %d\nCLS %d\nCL %d\nSOL %d\n' "$1" $(($2 - $1)) "$1" $(($3 - $1)) "$4"
}

# mdrun_timed DEFFNM LABEL: one-thread mdrun; "LABEL seconds" -> WORK/timings.txt.
mdrun_timed() {
  local start
  start=$(date +%s.%N)
  $gmx -quiet mdrun -deffnm "$1" -nt 1 -ntmpi 1 -pin off >mdrun_"$1".log 2>&1
  awk -v s="$start" -v e="$(date +%s.%N)" -v n="$2" 'BEGIN {printf "%s %.1f\n", n, e - s}' \
    | tee -a "$work/timings.txt" >&2
  rm -f ./"$1".trr ./"$1".cpt ./"$1"_prev.cpt ./\#*
}

# throttle: wait until fewer than PARALLEL background jobs run.
throttle() { while (($(jobs -rp | wc -l) >= parallel)); do wait -n || true; done; }

# equilibrate DIR NAME INDEX: restrained NPT of em.gro -> eq.gro; its Volume -> eq_volume.txt:
# name, volume after EM, mean volume over the 1st, 2nd, 3rd and 4th quarter of the run (nm^3).
equilibrate() {
  cd "$1"
  sed -e "s/GEN_SEED/$3/" -e "s/EQ_NSTEPS/$eq_nsteps/" "$here/eq.mdp" >eq.mdp
  $gmx -quiet grompp -f eq.mdp -c em.gro -r em.gro -p system.top -o eq.tpr -maxwarn 0 \
    >grompp_eq.log 2>&1
  mdrun_timed eq "$2-eq"
  echo Volume | $gmx -quiet energy -f eq.edr -o eq_volume.xvg >energy_eq.log 2>&1
  awk -v n="$2" -v v0="$(awk 'END {print $(NF)}' em.gro)" '
    !/^[@#]/ {t[++m] = $1; v[m] = $2}
    END {
      printf "%s %.2f", n, v0 ^ 3
      for (q = 0; q < 4; q++) {
        s = 0; c = 0
        for (i = 1; i <= m; i++) if (i > q * m / 4 && i <= (q + 1) * m / 4) {s += v[i]; c++}
        printf " %.2f", s / c
      }
      printf "\n"
    }' eq_volume.xvg >eq_volume.txt
}

# produce DIR RUN SEED: an unrestrained NPT run from eq.gro -> trajectories/RUN.xtc.
produce() {
  cd "$1"
  local rep=${2##*-r}
  sed -e "s/GEN_SEED/$3/" -e "s/NSTEPS/$nsteps/" -e "s/NSTXTC/$nstxtc/" "$here/md.mdp" >md-r"$rep".mdp
  $gmx -quiet grompp -f md-r"$rep".mdp -c eq.gro -p system.top -o md-r"$rep".tpr -maxwarn 0 \
    >grompp_md-r"$rep".log 2>&1
  mdrun_timed md-r"$rep" "$2"
  cp md-r"$rep".xtc "$out/$2.xtc"
}

touch "$work/timings.txt"
echo "# system box_edge_nm(initial) seed_ions Na Cl water solution_molality" >"$work/systems.txt"
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
  topology "$seed_pairs" "$seed_pairs" "$seed_pairs" "$want" >solv.top # seed Na, seed Cl, water
  $gmx -quiet grompp -f "$here/em.mdp" -c trimmed.gro -p solv.top -o genion.tpr -maxwarn 0 \
    >grompp_genion.log 2>&1
  echo SOL | $gmx -quiet genion -s genion.tpr -pname NA -nname CL -np "$solution" -nn "$solution" \
    -rmin 0.35 -seed "$index" -o ions.gro >genion.log 2>&1
  read -r nna ncl nsol < <($py "$build" order ions.gro system.gro)
  topology "$seed_pairs" "$nna" "$ncl" "$nsol" >system.top
  awk -v n="$name" -v e="$edge" -v s="$((2 * seed_pairs))" -v na="$nna" -v cl="$ncl" -v w="$nsol" \
    -v p="$solution" 'BEGIN {printf "%s %s %d %d %d %d %.3f\n", n, e, s, na, cl, w, p / (w * 0.018015)}' \
    | tee -a "$work/systems.txt" >&2
  if [[ -s eq.gro && -s eq_volume.txt ]] && cmp -s system.gro system.gro.eq; then
    echo "$name: reusing $dir/eq.gro" >&2
    continue
  fi
  rm -f eq.gro eq_volume.txt
  cp system.gro system.gro.eq # what eq.gro was made from, for the reuse check above
  $gmx -quiet grompp -f "$here/em.mdp" -c system.gro -p system.top -o em.tpr -maxwarn 0 >grompp_em.log 2>&1
  $gmx -quiet mdrun -deffnm em -nt 1 -ntmpi 1 -pin off >mdrun_em.log 2>&1
  throttle
  (equilibrate "$dir" "$name" "$index") &
done
wait
cd "$work"
echo "# system volume_after_em mean_volume_quarter1..4_of_equilibration (nm^3)" >"$work/equilibration.txt"
for dims in "${seeds[@]}"; do
  cat "$work/seed-$dims/eq_volume.txt" >>"$work/equilibration.txt" # fails if an equilibration failed
done
cat "$work/equilibration.txt" >&2
[[ ${EQ_ONLY:-0} == 1 ]] && exit 0

rm -f "$out"/*.xtc
for dims in "${seeds[@]}"; do
  for rep in $(seq 1 "$replicas"); do
    throttle
    (produce "$work/seed-$dims" "seed-$dims-r$rep" "$((10 * ${dims//x/} + rep))") &
  done
done
wait
for dims in "${seeds[@]}"; do
  for rep in $(seq 1 "$replicas"); do
    [[ -s $out/seed-$dims-r$rep.xtc ]] || { echo "seed-$dims-r$rep failed: see $work/seed-$dims" >&2; exit 1; }
  done
done

# The ions with their topology names (Na then Cl): the same for every system.
first=seed-${seeds[0]}
echo Ion | $gmx -quiet trjconv -f "$work/$first/md-r1.xtc" -s "$work/$first/md-r1.tpr" -dump 0 \
  -o "$work/ions_ref.gro" >"$work/trjconv.log" 2>&1
cp "$work/ions_ref.gro" "$here/ions_ref.gro"

for xtc in "$out"/*.xtc; do
  "$NUCLEATE" cv --preset nacl-finney2022 "$xtc" --top "$here/ions_ref.gro" \
    -o "$work/$(basename "$xtc" .xtc).colvar" --threads 1 >&2
done
$py "$here/summarise.py" "$work" "$here" >"$here/runs.txt"
cp "$work/systems.txt" "$here/systems.txt"
cp "$work/equilibration.txt" "$here/equilibration.txt"
awk '/-eq /{e += $2; ne++} !/-eq /{t += $2; n++}
  END {printf "mdrun wall time: %.0f s over %d equilibrations, %.0f s over %d runs\n", e, ne, t, n}' \
  "$work/timings.txt" >&2
du -sh "$out" >&2
