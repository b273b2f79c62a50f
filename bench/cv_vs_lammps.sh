#!/usr/bin/env bash
# Order-parameter hot path: nucleate (bench_cv_order) against LAMMPS `rerun`
# on the same frames, for Lennard-Jones systems of 4,000, 32,000 and 256,000
# atoms.
#   bench/cv_vs_lammps.sh [BUILD_DIR]        (NUCLEATE_BENCH_SIZES="10 20" for a subset)
# Same definitions on both sides: q6 of all neighbours within 1.5 sigma
# (LAMMPS compute orientorder/atom nnn NULL cutoff 1.5 components 6), solid
# bonds d_ij > 0.5 (coord/atom orientorder 0.5), solid-like = >= 7 bonds,
# clusters of solid-like atoms within 1.5 (cluster/atom 1.5 on a dynamic
# group). The solid-like count and the largest cluster of every frame must
# agree between the two, else the script stops.
#
# The systems are made once by LAMMPS and cached in $work: fcc at rho* = 0.95,
# upper half melted at T* = 2 (400 steps) while the lower half stays at 0.7,
# then all at T* = 0.7 (100 steps), then 8 frames 25 steps apart as a text
# dump sorted by id: a crystal slab, a supercooled liquid and the interface.
#
# LAMMPS runs serially (one MPI rank, no OpenMP suffix). Its "Loop time" for
# rerun includes reading and parsing the dump, building its perpetual half
# neighbour list, and the computes (which build their own occasional full
# lists). A second rerun without the computes measures the first two, so
#   computes = Loop(with computes) - Loop(without)
# is the LAMMPS figure that matches what bench_cv_order times (neighbour
# search included, reading excluded). Both ratios are printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/bench_cv_order
work=${NUCLEATE_BENCH_DIR:-/tmp/nucleate-bench-cv}
sizes=${NUCLEATE_BENCH_SIZES:-10 20 40}  # fcc unit cells per side: 4k, 32k, 256k atoms
lammps_repeats=${NUCLEATE_BENCH_LAMMPS_REPEATS:-2}  # best of N, as nucleate's best of 3
mkdir -p "$work"
[[ -x $bench ]] || { echo "no $bench: build first (scripts/build $build)" >&2; exit 1; }

make_system() {  # $1 = cells per side
  local n=$1 dir=$work/lj-$1
  [[ -f $dir/lj.dump ]] && return
  echo "making $dir (LAMMPS MD, once)" >&2
  mkdir -p "$dir"
  cat >"$dir/make.in" <<'EOF'
units lj
atom_style atomic
lattice fcc 0.95
region box block 0 ${n} 0 ${n} 0 ${n}
create_box 1 box
create_atoms 1 box
mass 1 1.0
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
velocity all create 0.7 4928459 loop geom
region top block INF INF INF INF $(v_n/2) INF
group hot region top
group cold subtract all hot
fix melt hot nvt temp 2.0 2.0 0.1
fix keep cold nvt temp 0.7 0.7 0.1
thermo 100
run 400
unfix melt
unfix keep
fix all all nvt temp 0.7 0.7 0.1
run 100
reset_timestep 0
dump d all custom 25 lj.dump.part id type x y z
dump_modify d sort id
run 175
write_data lj.data nocoeff
EOF
  (cd "$dir" && OMP_NUM_THREADS=1 lmp -in make.in -var n "$n" -log make.log -screen none &&
    mv lj.dump.part lj.dump)
}

# LAMMPS rerun of $1/lj.dump; $2 = computes|baseline|check. Prints the best
# Loop time of $3 runs (default 1).
lammps_rerun() {
  local dir=$1 mode=$2
  {
    printf 'units lj\natom_style atomic\n'
    # pair zero: no forces, but LAMMPS needs a pair cutoff >= the computes' cutoff.
    printf 'pair_style zero 1.5\nread_data lj.data\npair_coeff * *\nneighbor 0.0 bin\n'
    if [[ $mode != baseline ]]; then
      cat <<'EOF'
compute q6 all orientorder/atom nnn NULL cutoff 1.5 degrees 1 6 components 6
compute bonds all coord/atom orientorder q6 0.5
variable solid atom c_bonds>=7
group solid dynamic all var solid
compute clus solid cluster/atom 1.5
compute nsolid all reduce sum v_solid
compute maxid all reduce max c_clus
EOF
    fi
    case $mode in
      baseline) printf 'thermo_style custom step\n' ;;
      computes) printf 'thermo_style custom step c_nsolid c_maxid\n' ;;
      check)  # largest cluster: count atoms per cluster id (untimed run)
        printf 'compute chunk all chunk/atom c_clus nchunk every compress yes discard yes\n'
        printf 'compute size all property/chunk chunk count\nvariable largest equal max(c_size)\n'
        printf 'thermo_style custom step c_nsolid v_largest\n' ;;
    esac
    printf 'thermo_modify norm no\nthermo 1\nrerun lj.dump dump x y z box yes\n'
  } >"$dir/rerun-$mode.in"
  local best="" loop
  for ((r = 0; r < ${3:-1}; ++r)); do
    (cd "$dir" && OMP_NUM_THREADS=1 lmp -in "rerun-$mode.in" -log "rerun-$mode.log" -screen none)
    loop=$(sed -n 's/^Loop time of \([0-9.e+-]*\) on.*/\1/p' "$dir/rerun-$mode.log")
    best=$(/usr/bin/python3 -c "import sys; print(min(float(x) for x in sys.argv[1:]))" ${best:+"$best"} "$loop")
  done
  echo "$best"
}

# Per-frame "solid largest" rows from a LAMMPS check log.
lammps_frames() {
  awk '/^ *Step/{on=1; next} /^Loop time/{on=0} on{print $2, $3}' "$1"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "LAMMPS: $(lmp -h | sed -n 's/^Large-scale.*Simulator - //p')"
for n in $sizes; do
  make_system "$n"
  dir=$work/lj-$n
  atoms=$((4 * n * n * n))
  echo
  echo "== $atoms atoms ($(du -h "$dir/lj.dump" | cut -f1) text dump; load average now $(cut -d' ' -f1 /proc/loadavg)) =="
  # One frame is computed in one thread (threads take whole frames:
  # bench/threads_busy.sh), so this is the per-core figure.
  "$bench" "$dir/lj.dump" 3 >"$dir/nucleate-1.txt"
  grep -E '^(solid clusters|LOCAL_Q6|  stages)' "$dir/nucleate-1.txt" | sed 's/^/nucleate /'
  # Same per-frame answers as LAMMPS? (nucleate prints them; LAMMPS check run)
  lammps_rerun "$dir" check >/dev/null
  ours=$(paste -d' ' \
    <(sed -n 's/^solid-like per frame: //p' "$dir/nucleate-1.txt" | tr ' ' '\n') \
    <(sed -n 's/^largest cluster per frame: //p' "$dir/nucleate-1.txt" | tr ' ' '\n'))
  theirs=$(lammps_frames "$dir/rerun-check.log")
  if [[ -z "$ours" || "$ours" != "$theirs" ]]; then
    echo "MISMATCH solid-like/largest per frame: nucleate vs LAMMPS" >&2
    paste <(echo "$ours") <(echo "$theirs") >&2
    exit 1
  fi
  echo "per frame (solid-like, largest cluster) equal to LAMMPS: $(echo "$ours" | tr '\n' ';')"
  base=$(lammps_rerun "$dir" baseline "$lammps_repeats")
  full=$(lammps_rerun "$dir" computes "$lammps_repeats")
  ours1=$(sed -n 's/^solid clusters: .* best of [0-9]*: \([0-9.e+-]*\) s.*/\1/p' "$dir/nucleate-1.txt")
  frames=$(sed -n 's/^solid clusters: [0-9]* atoms, \([0-9]*\) frames.*/\1/p' "$dir/nucleate-1.txt")
  /usr/bin/python3 - "$lammps_repeats" "$atoms" "$frames" "$base" "$full" "$ours1" <<'PY'
import sys
repeats, atoms, frames = map(int, sys.argv[1:4])
base, full, one = map(float, sys.argv[4:])
computes = full - base
rate = lambda s: atoms * frames / s
print(f"LAMMPS rerun Loop time (best of {repeats}): {full:.3f} s with computes, {base:.3f} s without "
      f"(read dump + half list) -> computes {computes:.3f} s, {rate(computes):.3g} atoms*frames/s")
print(f"nucleate 1 thread {one:.3f} s")
print(f"ratio nucleate(1 thread)/LAMMPS: {computes / one:.1f}x faster than LAMMPS computes, "
      f"{full / one:.1f}x faster than LAMMPS Loop time (which also reads the dump)")
PY
done
