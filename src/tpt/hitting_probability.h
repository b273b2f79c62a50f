#pragma once
// The probability h_i that a Markov chain started in i enters the set `hit`
// before the set `avoid`: h = 1 on `hit`, 0 on `avoid`, h_i = sum_j P_ij h_j
// elsewhere. Committors are this with (hit, avoid) = (B, A) for T and
// (A, B) for the time-reversed chain; the fraction of reactive flux through a
// region is this for the chain conditioned on reaching B. One sparse LU solve
// on the states in neither set, so 10^5 states take well under a second on
// chains with a few neighbours per state.

#include <Eigen/Core>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::tpt {

/// `hit` and `avoid` are masks over the states of P (row-stochastic or
/// sub-stochastic). Throws Error when from some state neither set can be
/// reached (the linear system is singular).
Eigen::VectorXd hitting_probability(const msm::SparseMatrix& p, const std::vector<bool>& hit,
                                    const std::vector<bool>& avoid);

}  // namespace nucleate::tpt
