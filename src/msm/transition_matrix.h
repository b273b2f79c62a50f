#pragma once
// Maximum-likelihood transition matrices from a count matrix C on a strongly
// connected set.
//
// Reversible (detailed balance pi_i T_ij = pi_j T_ji), by the fixed-point
// iteration deeptime and PyEMMA use (Bowman et al., J. Chem. Phys. 131,
// 124101 (2009); Trendelkamp-Schroer et al., J. Chem. Phys. 143, 174101
// (2015)), with c_i = sum_j c_ij:
//   x_i <- sum_j (c_ij + c_ji) / (c_i / x_i + c_j / x_j),  then x /= sum x,
// starting from x_i = sum_j (c_ij + c_ji) / sum (C + C^T), until
//   max_i |x_i - x_i'| / ((x_i + x_i') / 2) <= tolerance;
// then X_ij = (c_ij + c_ji) / (c_i / x_i + c_j / x_j), T_ij = X_ij / sum_k X_ik.
// deeptime reports pi = x; we report sum_k X_ik / sum X, which equals x to
// the tolerance and is the exact stationary distribution of this T.
// Non-reversible: T_ij = c_ij / c_i.

#include <Eigen/Core>
#include <cstddef>

#include "msm/count_matrix.h"

namespace nucleate::msm {

struct TransitionMatrixEstimate {
  SparseMatrix transition_matrix;
  Eigen::VectorXd stationary_distribution;  ///< from the iteration (reversible) or the eigenvector
  bool converged = true;
  std::size_t iterations = 0;
  double relative_change = 0.0;  ///< of the last iteration
};

/// Throws UsageError when a state has no outgoing counts (the set is not
/// strongly connected) and Error when the iteration degenerates.
TransitionMatrixEstimate reversible_mle(const SparseMatrix& counts, double tolerance = 1e-8,
                                        std::size_t max_iterations = 1000000);

TransitionMatrixEstimate nonreversible_mle(const SparseMatrix& counts);

/// The reversible MLE with a given stationary distribution pi (e.g. from
/// reweighted biased simulations), by the Lagrange-multiplier iteration of
/// Trendelkamp-Schroer et al. (2015) as deeptime's mle_trev_given_pi:
///   lambda_j <- sum_i (c_ij + c_ji) / (pi_j lambda_i / (pi_i lambda_j) + 1),
/// from lambda_i = sum_j (c_ij + c_ji) / 2, until |lambda - lambda'| <=
/// tolerance; then T_ij = (c_ij + c_ji) / (lambda_i + lambda_j pi_i / pi_j)
/// off the diagonal and T_ii = 1 - sum_j T_ij. UsageError when pi has the
/// wrong length or a non-positive entry.
TransitionMatrixEstimate reversible_mle_given_pi(const SparseMatrix& counts,
                                                 const Eigen::VectorXd& pi,
                                                 double tolerance = 1e-12,
                                                 std::size_t max_iterations = 1000000);

}  // namespace nucleate::msm
