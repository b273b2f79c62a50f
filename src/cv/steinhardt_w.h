#pragma once
// The third-order Steinhardt invariant (Steinhardt, Nelson & Ronchetti,
// Phys. Rev. B 28, 784 (1983), eq. 1.4), normalised as LAMMPS `wl/hat`:
//   w^_l = sum_{m1+m2+m3=0} (l l l; m1 m2 m3) q_lm1 q_lm2 q_lm3
//          / (sum_m |q_lm|^2)^(3/2)
// with Wigner 3j symbols. It tells fcc (w^6 = -0.013161) from hcp
// (-0.012442) and bcc (+0.013161), which q_l alone barely does.

#include <cstddef>

#include "cv/steinhardt.h"

namespace nucleate::cv {

/// w^_l of one atom; 0 when its q_lm vector is zero.
double normalised_w(const BondOrderVectors& q, std::size_t atom);

/// The Wigner 3j symbol (j1 j2 j3; m1 m2 m3) for integer arguments, by
/// Racah's formula; 0 when the selection rules forbid it.
double wigner_3j(int j1, int j2, int j3, int m1, int m2, int m3);

}  // namespace nucleate::cv
