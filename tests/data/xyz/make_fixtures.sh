#!/usr/bin/env bash
# Makes the XYZ fixtures:
#  - lammps.xyz: LAMMPS (Debian's lmp) `dump xyz` of a small Lennard-Jones
#    run in a triclinic box, with lammps.dump (`dump custom`, more digits,
#    velocities, forces, per-atom energy, box) of the same steps as reference;
#  - lammps.extxyz(.gz): lammps.dump rewritten as extended XYZ by the Python
#    below (numbers copied as text, the Lattice from the dump's box);
#  - water.xyz: MDAnalysis' XYZ writer from ../pdb/water.xtc (GROMACS);
#  - tric.extxyz: ../pdb/tric.xtc (GROMACS, triclinic) written as extended
#    XYZ by the Python below with numpy, positions and Lattice in Angstrom.
# Run ../pdb/make_fixtures.sh first: this reads its trajectories.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3   # the python3 first on PATH may lack numpy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/in.lj" <<'LMP'
units           lj
atom_style      atomic
lattice         fcc 0.8442
region          box prism 0 3 0 3 0 3 1.0 0.5 0.3 units lattice
create_box      2 box
create_atoms    1 box
set             type 1 type/fraction 2 0.3 12345
mass            * 1.0
velocity        all create 1.5 87287 loop geom
pair_style      lj/cut 2.5
pair_coeff      * * 1.0 1.0 2.5
neighbor        0.3 bin
fix             1 all nve
compute         pe all pe/atom
dump            1 all xyz 10 lammps.xyz
dump_modify     1 element Ar Kr sort id
dump            2 all custom 10 lammps.dump id type element x y z vx vy vz fx fy fz c_pe
dump_modify     2 element Ar Kr sort id format float %.10g
run             30
LMP
lmp -in "$work/in.lj" -log none -screen none

$PY - <<'PYTHON'
import gzip
import warnings

import numpy as np

warnings.simplefilter("ignore")


def lammps_frames(path):
    """Frames of a LAMMPS dump custom file as (step, bounds lines, columns, rows)."""
    lines = open(path).read().splitlines()
    i = 0
    while i < len(lines):
        assert lines[i] == "ITEM: TIMESTEP"
        step = int(lines[i + 1])
        n = int(lines[i + 3])
        bounds = [[float(x) for x in lines[i + 5 + k].split()] for k in range(3)]
        columns = lines[i + 8].split()[2:]
        rows = [lines[i + 9 + k].split() for k in range(n)]
        yield step, bounds, columns, rows
        i += 9 + n


def lattice_from_bounds(bounds):
    # LAMMPS Howto_triclinic: the dump gives the bounding box of the tilted
    # cell plus the tilt factors xy, xz, yz.
    (xlo_b, xhi_b, xy), (ylo_b, yhi_b, xz), (zlo_b, zhi_b, yz) = bounds
    xlo = xlo_b - min(0.0, xy, xz, xy + xz)
    xhi = xhi_b - max(0.0, xy, xz, xy + xz)
    ylo = ylo_b - min(0.0, yz)
    yhi = yhi_b - max(0.0, yz)
    return [[xhi - xlo, 0, 0], [xy, yhi - ylo, 0], [xz, yz, zhi_b - zlo_b]]


dt = 0.005  # LAMMPS default time step for units lj
out = []
for step, bounds, columns, rows in lammps_frames("lammps.dump"):
    col = {name: k for k, name in enumerate(columns)}
    lattice = " ".join(repr(float(x)) for row in lattice_from_bounds(bounds) for x in row)
    out.append(str(len(rows)))
    out.append(f'Lattice="{lattice}" Properties=species:S:1:pos:R:3:velo:R:3:force:R:3:'
               f'c_pe:R:1:id:I:1:type:I:1 Time={step * dt!r} Step={step} pbc="T T T"')
    for r in rows:
        fields = [r[col["element"]]] + [r[col[c]] for c in
                  ("x", "y", "z", "vx", "vy", "vz", "fx", "fy", "fz", "c_pe", "id", "type")]
        out.append(" ".join(fields))
text = "\n".join(out) + "\n"
open("lammps.extxyz", "w").write(text)
with gzip.open("lammps.extxyz.gz", "wt") as f:
    f.write(text)

import MDAnalysis as mda
from MDAnalysis.coordinates.XYZ import XYZWriter

u = mda.Universe("../pdb/water.gro", "../pdb/water.xtc")
with XYZWriter("water.xyz", remark="from ../pdb/water.xtc by MDAnalysis") as w:
    for ts in u.trajectory:
        w.write(u.atoms)

# The triclinic GROMACS run as extended XYZ: nm -> Angstrom, box rows as Lattice.
from MDAnalysis.lib.mdamath import triclinic_vectors

u = mda.Universe("../pdb/tric.gro", "../pdb/tric.xtc")
names = u.atoms.names
with open("tric.extxyz", "w") as f:
    for ts in u.trajectory:
        box = triclinic_vectors(ts.dimensions).astype(np.float64)
        f.write(f"{len(names)}\n")
        f.write('Lattice="' + " ".join(f"{x:.6f}" for x in box.ravel()) + '" '
                f"Properties=species:S:1:pos:R:3 Time={ts.time:.6f} Step={ts.data['step']}\n")
        for name, p in zip(names, ts.positions.astype(np.float64)):
            f.write(f"{name} {p[0]:.6f} {p[1]:.6f} {p[2]:.6f}\n")
PYTHON
ls -l
