#!/usr/bin/env python3
"""Pick the starting frames of the shooting swarm from the spontaneous runs.

Usage: pick_frames.py N_SHOTS DT SPONT_COLVAR... > picks.txt

Spontaneous runs spend most frames in the liquid (largest cluster < ~300) or in
the crystal (~2048), and few in between. The swarm must cover the whole range so
that the MSM sees pre-critical nuclei dissolve and post-critical ones grow (as in
Finney & Salvalaglio's NaCl study), so the targets are spaced evenly in
largest-cluster size from 0 to the largest value seen, and each target takes the
unused frame whose size is nearest, preferring the run used least so far.
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


def main():
    n_shots, dt, paths = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
    frames = []  # (largest, source, frame index, step)
    for path in paths:
        source = Path(path).name.split(".")[0]  # spont-01
        for index, (time, largest) in enumerate(read_largest(path)):
            frames.append((largest, source, index, int(round(time / dt))))
    top = max(f[0] for f in frames)
    used, per_run = set(), {}
    print("# shot source frame step largest")
    for shot in range(1, n_shots + 1):
        target = top * (shot - 1) / (n_shots - 1)
        best = min((f for f in frames if (f[1], f[2]) not in used),
                   key=lambda f: (abs(f[0] - target), per_run.get(f[1], 0), f[1], f[2]))
        used.add((best[1], best[2]))
        per_run[best[1]] = per_run.get(best[1], 0) + 1
        print(f"{shot:03d} {best[1]} {best[2]} {best[3]} {best[0]}")


if __name__ == "__main__":
    main()
