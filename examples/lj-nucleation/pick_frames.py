#!/usr/bin/env python3
"""Pick the starting frames of the shooting swarm from the spontaneous runs.

Usage: pick_frames.py DT TRIM TARGETS SPONT_COLVAR... > picks.txt

TRIM: only the frames kept in trajectories/ are candidates, i.e. each run up to
and including its first frame with largest >= TRIM (0: all frames).
TARGETS: comma-separated segments LO:HI:N of largest-cluster size, N targets
each, at the centres of N equal slices of [LO, HI), e.g.
"0:150:3,150:600:24,600:1000:4".

Spontaneous runs spend most of their kept frames in the liquid (largest < ~300)
and few on and past the barrier (critical nucleus ~200-300 atoms by 100-tau
shots). The MSM needs pre-critical nuclei seen dissolving and post-critical ones
growing, and above all many crossings of the barrier in both directions, so the
segments put most targets across the barrier and a few in the liquid and among
growing nuclei. Each target takes the unused candidate frame whose size is
nearest, preferring the run used least so far (then the lower run name and
frame: the choice is deterministic).
Prints: shot source frame step largest (frame is the 0-based index in the XTC).
"""
import sys
from pathlib import Path


def read_largest(path):
    """(time, largest) rows of a nucleate COLVAR, columns named by its FIELDS header."""
    fields, rows = None, []
    for line in open(path):
        if line.startswith("#! FIELDS"):
            fields = line.split()[2:]
        elif line.strip() and not line.startswith("#"):
            values = line.split()
            rows.append((float(values[fields.index("time")]),
                         int(round(float(values[fields.index("largest")])))))
    return rows


def kept_count(rows, trim):
    """Frames kept of a run: up to and including the first with largest >= trim (all if none)."""
    if trim > 0:
        for index, (_, largest) in enumerate(rows):
            if largest >= trim:
                return index + 1
    return len(rows)


def targets(spec):
    """Target sizes of a LO:HI:N,... spec: N slice centres per segment, in order."""
    result = []
    for segment in spec.split(","):
        lo, hi, n = segment.split(":")
        lo, hi, n = float(lo), float(hi), int(n)
        result += [lo + (i + 0.5) * (hi - lo) / n for i in range(n)]
    return result


def main():
    dt, trim, spec, paths = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    frames = []  # (largest, source, frame index, step)
    for path in paths:
        source = Path(path).name.split(".")[0]  # spont-01
        rows = read_largest(path)
        for index, (time, largest) in enumerate(rows[:kept_count(rows, trim)]):
            frames.append((largest, source, index, int(round(time / dt))))
    used, per_run = set(), {}
    print("# shot source frame step largest")
    for shot, target in enumerate(targets(spec), start=1):
        best = min((f for f in frames if (f[1], f[2]) not in used),
                   key=lambda f: (abs(f[0] - target), per_run.get(f[1], 0), f[1], f[2]))
        used.add((best[1], best[2]))
        per_run[best[1]] = per_run.get(best[1], 0) + 1
        print(f"{shot:03d} {best[1]} {best[2]} {best[3]} {best[0]}")


if __name__ == "__main__":
    main()
