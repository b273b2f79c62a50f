#!/usr/bin/env python3
"""Geometry helpers for make_example.sh (adapted from the inline Python of
tests/data/nacl-seed/make_fixtures.sh).

  build_system.py seed NX NY NZ BOX          > seed.gro
      An NX x NY x NZ-ion rock-salt block (nearest Na-Cl distance a/2 = 0.282 nm,
      JC/SPC/E lattice constant about 0.564 nm), centred in a cubic BOX (nm);
      Na where i+j+k is even. NX*NY*NZ must be even so that the seed is neutral.
  build_system.py box SEED_IONS WATERS        -> box edge (nm) that gmx solvate fills
      with about WATERS waters around a seed of SEED_IONS ions.
  build_system.py trim IN.gro OUT.gro WATERS SEED
      Keeps every ion and WATERS of the waters (a random choice, fixed SEED; file order
      kept), so that the solution has exactly the molality asked for.
  build_system.py order IN.gro OUT.gro       -> "NA CL SOL" counts on stdout
      Rewrites a solvated structure with every Na first, then every Cl, then the
      waters, so that all systems with the same number of ions share one ion
      topology (the GRO that `nucleate cv --top` reads), whatever the seed size.
"""
import random
import sys

HALF = 0.282  # nm, nearest Na-Cl distance in the rock-salt seed
WATER_PER_NM3 = 33.0  # waters per nm^3 that gmx solvate leaves in bulk (spc216, ~0.99 g/cm^3)
ION_VOLUME = 0.0224  # nm^3 per ion in rock salt: a^3 / 8 with a = 0.564 nm
SHELL = 0.30  # nm of water-free skin around the seed left by solvate's overlap check


def seed(nx, ny, nz, box):
    if (nx * ny * nz) % 2:
        sys.exit(f"seed {nx}x{ny}x{nz} has an odd number of ions: not neutral")
    dims = (nx, ny, nz)
    sites = [(i, j, k) for i in range(nx) for j in range(ny) for k in range(nz)]
    ions = [("NA", s) for s in sites if sum(s) % 2 == 0] + [("CL", s) for s in sites if sum(s) % 2]
    print(f"rock-salt NaCl seed, {nx}x{ny}x{nz} ions")
    print(len(ions))
    for idx, (name, s) in enumerate(ions, start=1):
        x, y, z = ((c - (n - 1) / 2) * HALF + box / 2 for c, n in zip(s, dims))
        print(f"{idx:5d}{name:<5s}{name:>5s}{idx:5d}{x:8.3f}{y:8.3f}{z:8.3f}")
    print(f"{box:10.5f}{box:10.5f}{box:10.5f}")


def box_edge(seed_ions, waters):
    # The seed excludes its own volume plus a skin of water; the rest is bulk water.
    side = (seed_ions * ION_VOLUME) ** (1 / 3)
    excluded = (side + 2 * SHELL) ** 3 if seed_ions else 0.0
    print(f"{(waters / WATER_PER_NM3 + excluded) ** (1 / 3):.4f}")


def read_gro(src):
    lines = open(src).read().splitlines()
    title, natoms, atoms, box = lines[0], int(lines[1]), lines[2:-1], lines[-1]
    if len(atoms) != natoms:
        sys.exit(f"{src}: header says {natoms} atoms, found {len(atoms)}")
    return title, atoms, box


def write_gro(dst, title, atoms, box):
    """Renumbers residues and atoms (GRO columns: residue number 5, residue name 5,
    atom name 5, atom number 5, coordinates)."""
    with open(dst, "w") as out:
        out.write(f"{title}\n{len(atoms)}\n")
        residue = 0
        for index, atom in enumerate(atoms, start=1):
            if atom[10:15].strip() in ("NA", "CL", "OW"):  # first atom of a residue
                residue += 1
            out.write(f"{residue % 100000:5d}{atom[5:15]}{index % 100000:5d}{atom[20:]}\n")
        out.write(box + "\n")


def trim(src, dst, waters, seed):
    title, atoms, box = read_gro(src)
    ions = [a for a in atoms if a[5:10].strip() != "SOL"]
    sol = [atoms[i:i + 3] for i, a in enumerate(atoms) if a[5:10].strip() == "SOL" and a[10:15].strip() == "OW"]
    if len(sol) < waters:
        sys.exit(f"{src}: {len(sol)} waters, fewer than the {waters} asked for")
    keep = sorted(random.Random(seed).sample(range(len(sol)), waters))
    write_gro(dst, title, ions + [a for i in keep for a in sol[i]], box)


def order(src, dst):
    title, atoms, box = read_gro(src)
    natoms = len(atoms)
    na = [a for a in atoms if a[5:10].strip() == "NA"]
    cl = [a for a in atoms if a[5:10].strip() == "CL"]
    sol = [a for a in atoms if a[5:10].strip() == "SOL"]
    if len(na) + len(cl) + len(sol) != natoms:
        sys.exit(f"{src}: residues other than NA, CL, SOL")
    write_gro(dst, title, na + cl + sol, box)
    print(len(na), len(cl), len(sol) // 3)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "seed":
        seed(*(int(v) for v in sys.argv[2:5]), float(sys.argv[5]))
    elif cmd == "box":
        box_edge(int(sys.argv[2]), int(sys.argv[3]))
    elif cmd == "trim":
        trim(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "order":
        order(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
