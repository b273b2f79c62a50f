#!/usr/bin/python3
"""Steinhardt q4, q6 and normalised w4, w6 of the first neighbour shell of perfect
lattices, computed from the ideal bond directions alone with SciPy's orthonormal
spherical harmonics and SymPy's Wigner 3j symbols (Debian 12: python3-scipy 1.10.1,
python3-sympy 1.11.1), independently of nucleate.

It reproduces the literature values that tests/validation/cv/test_steinhardt_literature.cpp
compares with (Steinhardt, Nelson & Ronchetti, Phys. Rev. B 28, 784 (1983), table I),
as a check on the quoted digits. Its output (deterministic):

  fcc  12 neighbours  q4 0.190941  q6 0.574524  w4 -0.159317  w6 -0.013161
  hcp  12 neighbours  q4 0.097222  q6 0.484762  w4  0.134097  w6 -0.012442
  bcc   8 neighbours  q4 0.509175  q6 0.628539  w4 -0.159317  w6  0.013161
  sc    6 neighbours  q4 0.763763  q6 0.353553  w4  0.159317  w6  0.013161

usage: steinhardt_lattices_scipy.py       (no arguments; about 2 s)
"""
import itertools

import numpy as np
from scipy.special import sph_harm
from sympy.physics.wigner import wigner_3j


def q_and_w(bonds, l):
    """Standard q_l = sqrt(4 pi / (2l+1) sum_m |q_lm|^2) and normalised w_l."""
    bonds = np.array(bonds, dtype=float)
    r = np.linalg.norm(bonds, axis=1)
    theta = np.arccos(bonds[:, 2] / r)
    phi = np.arctan2(bonds[:, 1], bonds[:, 0])
    qlm = np.array([sph_harm(m, l, phi, theta).mean() for m in range(-l, l + 1)])
    norm2 = np.sum(np.abs(qlm) ** 2)
    w = 0.0
    for m1, m2 in itertools.product(range(-l, l + 1), repeat=2):
        m3 = -m1 - m2
        if abs(m3) <= l:
            w += float(wigner_3j(l, l, l, m1, m2, m3)) * qlm[m1 + l] * qlm[m2 + l] * qlm[m3 + l]
    return np.sqrt(4 * np.pi / (2 * l + 1) * norm2), (w / norm2**1.5).real


def hcp_shell():
    """Ideal hcp (c/a = sqrt(8/3)), nearest-neighbour distance 1."""
    half_c = np.sqrt(8 / 3) / 2
    bonds = [(np.cos(k * np.pi / 3), np.sin(k * np.pi / 3), 0.0) for k in range(6)]
    for sign in (1, -1):
        for k in range(3):
            angle = np.pi / 6 + 2 * np.pi * k / 3
            bonds.append((np.cos(angle) / np.sqrt(3), np.sin(angle) / np.sqrt(3), sign * half_c))
    return bonds


SHELLS = {
    "fcc": [v for v in itertools.product((-1, 0, 1), repeat=3) if sorted(map(abs, v)) == [0, 1, 1]],
    "hcp": hcp_shell(),
    "bcc": list(itertools.product((-1, 1), repeat=3)),
    "sc": [v for v in itertools.product((-1, 0, 1), repeat=3) if sum(map(abs, v)) == 1],
}

for name, bonds in SHELLS.items():
    q4, w4 = q_and_w(bonds, 4)
    q6, w6 = q_and_w(bonds, 6)
    print(f"{name:4s} {len(bonds):2d} neighbours  q4 {q4:.6f}  q6 {q6:.6f}  w4 {w4: .6f}  w6 {w6: .6f}")
