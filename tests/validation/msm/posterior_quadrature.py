#!/usr/bin/python3
"""Posterior means and standard deviations of T01, T12 and pi0 for the reversible
3-state count matrix of BayesianMsm.SamplesThePosteriorOfAThreeStateMatrix
(test_posterior_quadrature.cpp), by direct numerical integration with NumPy
(Debian 12: python3-numpy 1.24.2), independently of nucleate.

With C = [[12, 4, 0], [3, 9, 5], [0, 6, 8]], c_i its row sums and X the symmetric
matrix of unnormalised weights (x_i its row sums, X's pattern that of C + C^T), the
posterior the sampler claims to sample for the reversible T = X / x (the density
stated in the test) is
  p(X) ~ x00^(c00-1) x11^(c11-1) x22^(c22-1) x01^(c01+c10-1) x12^(c12+c21-1)
         / (x0^c0 x1^c1 x2^c2),
homogeneous of degree -5, so it restricts to the plane
x00 + 2 x01 + x11 + 2 x12 + x22 = 1 with uniform measure. The midpoint rule on an
N^4 grid over (x00, x01, x11, x12) gives, for N = 64 (the default; about 13 s,
0.7 GB of memory):
  T01 0.25001 +- 0.10494
  T12 0.29415 +- 0.10744
  pi0 0.30457 +- 0.15094
and for N = 40: 0.25010 +- 0.10474, 0.29428 +- 0.10755, 0.30423 +- 0.15115.

usage: posterior_quadrature.py [N]
"""
import sys

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 64
C = np.array([[12, 4, 0], [3, 9, 5], [0, 6, 8]], dtype=float)
c = C.sum(axis=1)


def midpoints(upper):
    return (np.arange(n) + 0.5) / n * upper


# x01 and x12 count twice in the plane's sum, so they range over (0, 1/2).
x00, x01, x11, x12 = np.meshgrid(midpoints(1.0), midpoints(0.5), midpoints(1.0), midpoints(0.5),
                                 indexing="ij", sparse=True)
x22 = 1.0 - x00 - 2 * x01 - x11 - 2 * x12
inside = x22 > 0
x22 = np.where(inside, x22, 1.0)
x0, x1, x2 = x00 + x01, x01 + x11 + x12, x12 + x22
log_p = ((C[0, 0] - 1) * np.log(x00) + (C[1, 1] - 1) * np.log(x11) + (C[2, 2] - 1) * np.log(x22)
         + (C[0, 1] + C[1, 0] - 1) * np.log(x01) + (C[1, 2] + C[2, 1] - 1) * np.log(x12)
         - c[0] * np.log(x0) - c[1] * np.log(x1) - c[2] * np.log(x2))
log_p = np.where(inside, log_p, -np.inf)
weight = np.exp(log_p - log_p.max())
weight /= weight.sum()
for name, value in (("T01", x01 / x0), ("T12", x12 / x1), ("pi0", x0)):
    value = np.broadcast_to(value, weight.shape)
    mean = (weight * value).sum()
    std = np.sqrt((weight * value * value).sum() - mean * mean)
    print(f"{name} {mean:.5f} +- {std:.5f}")
