#!/usr/bin/env python3
"""Tables of the generated example: runs.txt (spontaneous runs) and frames.txt (shots).

Usage: summarise.py WORK_DIR OUT_DIR DT TRIM
Reads WORK_DIR/picks.txt and the COLVAR files nucleate cv wrote there
(spont-NN.colvar of the FULL spontaneous runs, shoot-NNN-a.colvar, ...). runs.txt
summarises the full runs and says how many frames of each trajectories/spont-NN.xtc
keeps (up to and including the first with largest >= TRIM, as generate.sh trims).
"""
import sys
from pathlib import Path

from pick_frames import kept_count, read_largest


def first_step(rows, threshold, dt):
    for time, largest in rows:
        if largest >= threshold:
            return str(int(round(time / dt)))
    return "-"


def main():
    work, out, dt, trim = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    with open(out / "runs.txt", "w") as f:
        f.write("# Spontaneous runs at T*=0.475, P*=1.0: largest crystalline cluster (nucleate cv "
                "--preset lj-tenwolde).\n# first_100/first_1000: first production step where "
                "largest >= 100 / 1000 ('-': never); crystallised: largest >= 1000 at the end.\n"
                f"# kept: frames kept in trajectories/ (up to and including the first with largest >= "
                f"{trim}); the other columns describe the full run.\n")
        f.write("# run frames kept largest_min largest_max first_100 first_1000 largest_end crystallised\n")
        for path in sorted(work.glob("spont-*.colvar")):
            rows = read_largest(path)
            sizes = [r[1] for r in rows]
            f.write(f"{path.stem} {len(rows)} {kept_count(rows, trim)} {min(sizes)} {max(sizes)} "
                    f"{first_step(rows, 100, dt)} {first_step(rows, 1000, dt)} {sizes[-1]} "
                    f"{'yes' if sizes[-1] >= 1000 else 'no'}\n")
    with open(out / "frames.txt", "w") as f:
        f.write("# Shots: each started from frame FRAME (0-based, = production step STEP) of "
                "trajectories/SOURCE.xtc with fresh velocities.\n# largest: largest crystalline "
                "cluster at the start; min_a/end_a: smallest value along shoot-SHOT-a and its value "
                "at the end (likewise b).\n")
        f.write("# shot source frame step largest min_a end_a min_b end_b\n")
        for line in open(work / "picks.txt"):
            if line.startswith("#"):
                continue
            shot, source, frame, step, largest = line.split()
            cols = []
            for copy in "ab":
                sizes = [r[1] for r in read_largest(work / f"shoot-{shot}-{copy}.colvar")]
                cols += [str(min(sizes)), str(sizes[-1])]
            f.write(f"{shot} {source} {frame} {step} {largest} {' '.join(cols)}\n")


if __name__ == "__main__":
    main()
