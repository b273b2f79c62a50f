#!/usr/bin/env bash
# Regenerates examples/lj-nucleation/trajectories/ from scratch with Debian's LAMMPS (serial)
# and nucleate (version 2 of the data):
#   1. NSPONT spontaneous runs (in.spontaneous.lammps, seeds 1..NSPONT), each STEPS steps of
#      production at T*=0.475, P*=1.0, a frame every EVERY steps; the largest crystalline
#      cluster of every frame (nucleate cv --preset lj-tenwolde) of the FULL run -> WORK;
#      spont-NN.xtc keeps the frames up to and including the first with largest >= TRIM
#      (after it the crystal only grows: such frames never join the MSM's connected set);
#   2. starting frames among the kept frames, placed by SHOT_TARGETS (pick_frames.py): segments
#      LO:HI:N of largest-cluster size, dense across the barrier;
#   3. from each two shots of SHOT_STEPS steps with fresh velocities (in.shoot.lammps)
#      -> shoot-NNN-a.xtc, shoot-NNN-b.xtc;
#   4. runs.txt and frames.txt (summarise.py).
# LAMMPS text dumps are converted to XTC (lengths in sigma stored as "nm", time in tau)
# and deleted. Logs, COLVARs and timings stay in WORK (default: a new /tmp directory).
# Deterministic: fixed seeds (spontaneous 1..NSPONT, shots 1001, 1002, ...) and a deterministic
# choice of frames; serial LAMMPS gives the same runs on the same build and machine.
# Environment: LMP, NUCLEATE (default: ../../build/nucleate, else nucleate on PATH), WORK,
# NSPONT, STEPS, EVERY, TRIM, SHOT_TARGETS, SHOT_STEPS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lmp=${LMP:-lmp}
if [[ -z ${NUCLEATE:-} ]]; then
  if [[ -x $root/build/nucleate ]]; then NUCLEATE=$root/build/nucleate; else NUCLEATE=nucleate; fi
fi
nspont=${NSPONT:-10}
steps=${STEPS:-100000}
every=${EVERY:-1000}
trim=${TRIM:-1000} # keep spontaneous frames up to the first with largest >= TRIM (0: all)
# 31 starting frames: 3 in the liquid, 24 across the barrier (critical nucleus ~200-300 atoms),
# 4 among growing nuclei; 2 shots each of 100 tau: 62 x 21 frames, ~14.6 MB of XTC.
shot_targets=${SHOT_TARGETS:-0:150:3,150:600:24,600:1000:4}
shot_steps=${SHOT_STEPS:-20000}
dt=0.005 # tau per step; LAMMPS dumps store only the step
work=${WORK:-$(mktemp -d /tmp/lj-nucleation.XXXXXX)}
out=$here/trajectories
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ next to the committed files
mkdir -p "$work" "$out"
rm -f "$out"/*.xtc
echo "work directory: $work" >&2

# run_lammps NAME INPUT VAR VALUE ...: one serial LAMMPS run, its wall time appended to timings.txt.
run_lammps() {
  local name=$1 input=$2 start
  shift 2
  local vars=()
  while (($#)); do vars+=(-var "$1" "$2"); shift 2; done
  start=$(date +%s.%N)
  "$lmp" -in "$input" -log "$work/$name.log" -screen none "${vars[@]}" </dev/null
  awk -v s="$start" -v e="$(date +%s.%N)" -v n="$name" 'BEGIN {printf "%s %.1f\n", n, e - s}' \
    >>"$work/timings.txt"
}

# to_xtc NAME: dump -> trajectories/NAME.xtc (1 sigma stored as 1 "nm", time = step x dt in tau)
# and its largest-cluster series -> WORK/NAME.colvar.
to_xtc() {
  "$NUCLEATE" convert --input-unit nm --timestep "$dt" "$work/$1.dump" "$out/$1.xtc" >&2
  "$NUCLEATE" cv --preset lj-tenwolde "$out/$1.xtc" -o "$work/$1.colvar" >&2
}

# kept_frames COLVAR: frames up to and including the first with largest >= trim (all if none).
kept_frames() {
  awk -v trim="$trim" '/^#! FIELDS/ { for (i = 3; i <= NF; i++) col[$i] = i - 2 }
    !/^#/ && NF { n++; if (trim > 0 && $col["largest"] + 0 >= trim) { print n; found = 1; exit } }
    END { if (!found) print n }' "$1"
}

: >"$work/timings.txt"
for seed in $(seq 1 "$nspont"); do
  name=$(printf 'spont-%02d' "$seed")
  echo "$name" >&2
  run_lammps "$name" "$here/in.spontaneous.lammps" seed "$seed" steps "$steps" every "$every" \
    dump "$work/$name.dump"
  # The full run's COLVAR (runs.txt summarises it) from a full XTC kept in WORK, then the trimmed XTC.
  "$NUCLEATE" convert --input-unit nm --timestep "$dt" "$work/$name.dump" "$work/$name.full.xtc" >&2
  "$NUCLEATE" cv --preset lj-tenwolde "$work/$name.full.xtc" -o "$work/$name.colvar" >&2
  "$NUCLEATE" convert --input-unit nm --timestep "$dt" --end "$(kept_frames "$work/$name.colvar")" \
    "$work/$name.dump" "$out/$name.xtc" >&2
done

/usr/bin/python3 "$here/pick_frames.py" "$dt" "$trim" "$shot_targets" "$work"/spont-*.colvar \
  >"$work/picks.txt"

# Shot seeds 1001, 1002 (shot 001 a, b), 1003, ...: away from the spontaneous runs' seeds.
grep -v '^#' "$work/picks.txt" | while read -r shot source _frame step largest; do
  for copy in a b; do
    seed=$((1000 + 2 * 10#$shot - 1)); [[ $copy == b ]] && seed=$((seed + 1))
    name=shoot-$shot-$copy
    echo "$name from $source step $step (largest $largest)" >&2
    run_lammps "$name" "$here/in.shoot.lammps" source "$work/$source.dump" frame "$step" \
      seed "$seed" steps "$shot_steps" every "$every" dump "$work/$name.dump"
    to_xtc "$name"
    rm "$work/$name.dump"
  done
done
rm "$work"/spont-*.dump

/usr/bin/python3 "$here/summarise.py" "$work" "$here" "$dt" "$trim"
awk '{t += $2} END {printf "LAMMPS wall time: %.0f s over %d runs\n", t, NR}' "$work/timings.txt" >&2
du -sb "$here" >&2 # the example must stay <= 19.5 MB
