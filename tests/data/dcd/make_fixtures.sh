#!/usr/bin/env bash
# Makes the DCD fixtures from the GROMACS trajectories in ../pdb/ (made by
# ../pdb/make_fixtures.sh): Debian's python3-mdanalysis writes CHARMM-style
# DCD files (unit cell as [A, gamma, B, beta, alpha, C], angles in degrees) and
# prints what it reads back; the other variants are rewritten from those files
# record by record by the Python below (documented in README.md).
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3   # the python3 first on PATH may lack numpy

$PY - <<'PYTHON'
import math
import struct
import warnings

import MDAnalysis as mda
from MDAnalysis.coordinates.DCD import DCDWriter

warnings.simplefilter("ignore")

# CHARMM convention as MDAnalysis writes it: frame k is MD step istart + k*nsavc,
# delta = the MD time step (AKMA units in the file). The GROMACS runs saved
# every 10 steps of 0.002 ps.
def write(name, source, istart):
    u = mda.Universe(f"../pdb/{source}.gro", f"../pdb/{source}.xtc")
    with DCDWriter(f"{name}.dcd", u.atoms.n_atoms, dt=0.02, nsavc=10, istart=istart,
                   remarks=f"from ../pdb/{source}.xtc by MDAnalysis") as w:
        for ts in u.trajectory:
            w.write(u.atoms)

write("water", "water", 0)   # same steps and times as the XTC
write("tric", "tric", 10)    # CHARMM default istart = nsavc: times shifted by one interval


def records(data, marker_bytes=4, order="<"):
    """The Fortran records of a DCD file, as (payload) byte strings."""
    fmt = order + ("i" if marker_bytes == 4 else "q")
    out, pos = [], 0
    while pos < len(data):
        (n,) = struct.unpack_from(fmt, data, pos)
        pos += marker_bytes
        out.append(data[pos:pos + n])
        pos += n
        (m,) = struct.unpack_from(fmt, data, pos)
        assert m == n
        pos += marker_bytes
    return out


def swap_words(payload, size):
    """Reverses the bytes of every `size`-byte word (ints/floats or doubles)."""
    return b"".join(payload[i:i + size][::-1] for i in range(0, len(payload), size))


def rewrite(source, target, marker_bytes=4, order="<", transform=lambda i, r: r):
    recs = records(open(source, "rb").read())
    fmt = order + ("i" if marker_bytes == 4 else "q")
    with open(target, "wb") as f:
        for i, r in enumerate(recs):
            r = transform(i, r)
            f.write(struct.pack(fmt, len(r)) + r + struct.pack(fmt, len(r)))


def big_endian(i, r):
    if i == 0:    # "CORD" stays as it is, the 20 control words are swapped
        return r[:4] + swap_words(r[4:], 4)
    if i == 1:    # NTITLE, then text
        return swap_words(r[:4], 4) + r[4:]
    if len(r) == 48:  # unit cell: 6 doubles
        return swap_words(r, 8)
    return swap_words(r, 4)

# Big-endian copy of water.dcd (32-bit markers).
rewrite("water.dcd", "water_bigendian.dcd", 4, ">", big_endian)
# tric.dcd with 64-bit record markers (gfortran -frecord-marker=8 style).
rewrite("tric.dcd", "tric_marker64.dcd", 8, "<")


def cell_as_cosines(i, r):
    """CHARMM, NAMD > 2.5 and LAMMPS store the cosines of the cell angles
    where MDAnalysis 2.4 stores degrees; 90 degrees becomes an exact 0 as
    LAMMPS writes it for orthogonal boxes."""
    if i >= 3 and len(r) == 48:
        a, g, b, be, al, c = struct.unpack("<6d", r)
        cos = lambda x: 0.0 if x == 90.0 else math.cos(math.radians(x))
        return struct.pack("<6d", a, cos(g), b, cos(be), cos(al), c)
    return r

rewrite("tric.dcd", "tric_cosines.dcd", 4, "<", cell_as_cosines)


def lammps_header(i, r):
    """Header as LAMMPS `dump dcd` writes it (see README.md): title
    "Written by LAMMPS", START = first step, SKIP = dump interval, DELTA = the
    LAMMPS time step in its own units (here 2.0, `units real` fs)."""
    if i == 0:
        words = list(struct.unpack("<20i", r[4:]))
        words[1] = 0      # START
        words[2] = 10     # SKIP
        words[9] = struct.unpack("<i", struct.pack("<f", 2.0))[0]
        return r[:4] + struct.pack("<20i", *words)
    if i == 1:
        return struct.pack("<i", 2) + b"Written by LAMMPS".ljust(80, b"\0") + \
            b"REMARKS Created 01 January,2024 at 00:00".ljust(80, b" ")
    return r

rewrite("water.dcd", "lammps_header.dcd", 4, "<", lammps_header)

# What MDAnalysis reads back (its reference values for time and cell).
for name in ("water", "tric", "water_bigendian", "tric_cosines"):
    top = "water" if name.startswith("water") else "tric"
    u = mda.Universe(f"../pdb/{top}.gro", f"{name}.dcd")
    with open(f"{name}.dcd.mdanalysis.txt", "w") as out:
        out.write(f"# MDAnalysis {mda.__version__} reading {name}.dcd: "
                  "frame time(ps) A B C alpha beta gamma (A, degrees); then x y z of atoms 0 and 299\n")
        for ts in u.trajectory:
            out.write(f"{ts.frame} {ts.time!r} " + " ".join(repr(float(x)) for x in ts.dimensions) + "\n")
            for k in (0, 299):
                out.write("  " + " ".join(repr(float(x)) for x in ts.positions[k]) + "\n")
PYTHON
ls -l
