#!/usr/bin/python3
"""Writes system.data: mW water as ice Ih (basal plane on the surface) above a
frozen two-layer close-packed (fcc(111)-like) surface, for in.mw.

Geometry (lengths in Angstrom; see README.md):
- a, c: lattice constants of mW ice Ih at 210 K and zero pressure, measured
  with this LAMMPS and mW.sw (NPT, 768 molecules, 20 ps average): a = 4.416,
  c = 7.205 (c/a = 1.632, the ideal sqrt(8/3)).
- Surface: triangular layers of spacing b = a/sqrt(3), stacked as fcc(111)
  (layer spacing b*sqrt(2/3)). The ice basal bilayer is then the
  (sqrt3 x sqrt3)R30 overlayer: both of its sublayers sit over fcc hollows
  of the top layer.
- Water: 8 basal bilayers of ice Ih; the lowest sublayer H = 2.25 above the
  top surface layer (near 2.19, where a lone water in an fcc hollow has its
  LJ minimum for the sigma_ws = 2.4 that in.mw sets). in.mw melts all of it
  except a cylindrical seed.
Atom ids: water 1..N (type 1) bilayer by bilayer, then the surface (type 2).
"""
import math
import sys

A = 4.416          # mW ice Ih at 210 K
C = 7.205
B = A / math.sqrt(3.0)
NX, NY = 10, 6     # orthorhombic ice cells (A x sqrt(3) A) along x and y
BILAYERS = 8
SURFACE_LAYERS = 2
Z_TOP = 3.0        # top surface layer
H = 2.25           # lowest water sublayer above it
LZ = 55.0          # leaves ~24 A of vacuum above the water film

LX = NX * A
LY = NY * math.sqrt(3.0) * A


def wrap(x, length):
    return x - length * math.floor(x / length)


# Top surface layer: rectangular cell A x B holding (0, 0) and (A/2, B/2).
# Each lower layer shifts by (A/3, 0) (ABC stacking), so the top layer's
# hollows at (A/6, B/2) + lattice have no surface atom below them: the fcc
# hollows.
surface = []
d_layer = B * math.sqrt(2.0 / 3.0)
for k in range(SURFACE_LAYERS):
    z = Z_TOP - k * d_layer
    shift = k * A / 3.0
    for i in range(NX):
        for j in range(3 * NY):
            for ox, oy in ((0.0, 0.0), (A / 2, B / 2)):
                surface.append((wrap(i * A + ox + shift, LX), wrap(j * B + oy, LY), z))

# Ice Ih in the orthorhombic cell (A, sqrt(3) A, C), fractional lateral
# positions of the two sublattices of the basal plane:
S1 = ((0.0, 1.0 / 3.0), (0.5, 5.0 / 6.0))
S2 = ((0.5, 1.0 / 6.0), (0.0, 2.0 / 3.0))
# Bilayer n: lower sublayer at H + n C/2, upper C/8 higher; even n use S1
# below and S2 above, odd n the reverse, so the vertical bond joins the
# upper sublayer of one bilayer to the lower one of the next (Ih stacking).
# The shift puts S1 on the fcc hollows (A/6, B/2); S2 then also sits on fcc
# hollows (at (2A/3, 0)).
shift_x, shift_y = A / 6.0, -B / 2.0
water = []
for n in range(BILAYERS):
    z_low = Z_TOP + H + n * C / 2.0
    lower, upper = (S1, S2) if n % 2 == 0 else (S2, S1)
    for sites, z in ((lower, z_low), (upper, z_low + C / 8.0)):
        for i in range(NX):
            for j in range(NY):
                for fx, fy in sites:
                    x = (i + fx) * A + shift_x
                    y = (j + fy) * math.sqrt(3.0) * A + shift_y
                    water.append((wrap(x, LX), wrap(y, LY), z))

out = sys.stdout
out.write("mW ice Ih on a close-packed surface (tests/data/ice-surface/build_system.py)\n\n")
out.write(f"{len(water) + len(surface)} atoms\n2 atom types\n\n")
out.write(f"0 {LX:.6f} xlo xhi\n0 {LY:.6f} ylo yhi\n0 {LZ:.6f} zlo zhi\n\n")
# 18.015: water (mW); 50.0: matches no element, the surface is frozen anyway.
out.write("Masses\n\n1 18.015\n2 50.0\n\nAtoms # atomic\n\n")
for k, (x, y, z) in enumerate(water + surface):
    kind = 1 if k < len(water) else 2
    out.write(f"{k + 1} {kind} {x:.6f} {y:.6f} {z:.6f}\n")
