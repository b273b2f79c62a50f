#!/usr/bin/env python3
"""runs.txt of the example: what each run did.

Usage: summarise.py WORK_DIR EXAMPLE_DIR > runs.txt
Reads WORK_DIR/seed-*.colvar (nucleate cv --preset nacl-finney2022: time n nq6 ...) and
EXAMPLE_DIR/trajectories/seed-*.xtc with EXAMPLE_DIR/ions_ref.gro (through mdtraj).
n^3 counts ions with Na-Cl coordination >= 5 (smoothly), nq6^3 those that are also
crystal-like (local q6 among same-charge neighbours). The seed's cluster: the largest
set of ions joined by Na-Cl contacts shorter than CONTACT that holds seed ions, in the
first and last frame, and the smallest and largest number of seed ions it holds over the run
(every STRIDE-th frame).
"""
import math
import sys
import warnings
from pathlib import Path

import numpy as np

CONTACT = 0.35  # nm: the first minimum of the Na-Cl g(r) in JC/SPC/E solutions
STRIDE = 10  # frames between the seed-cluster checks for the min/max columns


def read_colvar(path):
    fields, rows = None, []
    for line in open(path):
        if line.startswith("#! FIELDS"):
            fields = line.split()[2:]
        elif not line.startswith("#") and line.strip():
            rows.append(dict(zip(fields, map(float, line.split()))))
    return rows


def seed_ions(stem):
    """seed-4x4x2-r1 -> 32"""
    return math.prod(int(v) for v in stem.split("-")[1].split("x"))


def seed_cluster(xyz, box, seed):
    """(size, seed ions in it) of the largest Na-Cl contact cluster holding seed ions.
    The first half of the atoms are Na, the second Cl (seed ions first in each)."""
    pairs = len(xyz) // 2
    d = xyz[:pairs, None, :] - xyz[None, pairs:, :]
    d -= box * np.round(d / box)  # minimum image, rectangular box
    contact = np.linalg.norm(d, axis=2) < CONTACT
    best, seen = (0, 0), set()
    for start in seed:
        if start in seen:
            continue
        members, stack = {start}, [start]
        while stack:
            i = stack.pop()
            partners = np.nonzero(contact[i])[0] + pairs if i < pairs else np.nonzero(contact[:, i - pairs])[0]
            for j in partners.tolist():
                if j not in members:
                    members.add(j)
                    stack.append(j)
        seen |= members
        best = max(best, (len(members), len(members & set(seed))))
    return best


def main():
    work, example = Path(sys.argv[1]), Path(sys.argv[2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import mdtraj
    print("# run: seed ions; frames; last time (ps); n and nq6 (nacl-finney2022) in the first and last")
    print("# frame, min/max of n and nq6; the seed's cluster (ions, of which seed ions) in the first and")
    print("# last frame, min/max of its seed ions and max of its size over every STRIDE-th frame")
    print("# run seed_ions frames t_end n_start n_end n_min n_max nq6_start nq6_end nq6_min nq6_max "
          "cluster_start seed_in_start cluster_end seed_in_end seed_in_min seed_in_max cluster_max")
    for path in sorted(work.glob("seed-*.colvar"), key=lambda p: (seed_ions(p.stem), p.stem)):
        rows = read_colvar(path)
        ions = seed_ions(path.stem)
        traj = mdtraj.load(str(example / "trajectories" / f"{path.stem}.xtc"), top=str(example / "ions_ref.gro"))
        pairs = traj.n_atoms // 2
        seed = list(range(ions // 2)) + list(range(pairs, pairs + ions // 2))
        fate = [seed_cluster(traj.xyz[f], traj.unitcell_lengths[f], seed) for f in (0, traj.n_frames - 1)]
        every = [seed_cluster(traj.xyz[f], traj.unitcell_lengths[f], seed)
                 for f in range(0, traj.n_frames, STRIDE)] + fate
        n = [r["n"] for r in rows]
        nq6 = [r["nq6"] for r in rows]
        print(f"{path.stem} {ions} {len(rows)} {rows[-1]['time']:g} {n[0]:.2f} {n[-1]:.2f} {min(n):.2f} "
              f"{max(n):.2f} {nq6[0]:.2f} {nq6[-1]:.2f} {min(nq6):.2f} {max(nq6):.2f} "
              f"{fate[0][0]} {fate[0][1]} {fate[1][0]} {fate[1][1]} {min(e[1] for e in every)} "
              f"{max(e[1] for e in every)} {max(e[0] for e in every)}")


if __name__ == "__main__":
    main()
