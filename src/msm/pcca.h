#pragma once
// PCCA+ (Röblitz & Weber, Adv. Data Anal. Classif. 7, 147 (2013)): fuzzy
// memberships chi = V A of the states in m metastable sets, from the m
// dominant right eigenvectors V of a reversible T (pi-orthonormalised, the
// first made positive), with A started by the inner simplex algorithm and
// optimised for the crispness objective sum_ij A_ji^2 / A_0i, as deeptime's
// `pcca` does; memberships clipped to [0, 1] and renormalised per state.
// The coarse-grained transition matrix follows Kube & Weber (J. Chem. Phys.
// 126, 024103 (2007)): (chi^T D chi)^-1 chi^T D T chi with D = diag(pi).

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::msm {

struct Pcca {
  Eigen::MatrixXd memberships;            ///< states x sets, rows sum to 1
  std::vector<std::int32_t> assignments;  ///< the set of largest membership per state
  Eigen::MatrixXd coarse_transition_matrix;
  Eigen::VectorXd coarse_stationary_distribution;  ///< chi^T pi
  bool optimiser_converged = true;
};

/// Throws UsageError when sets < 2 or > states, Error when T is not
/// reversible with respect to pi.
Pcca pcca(const SparseMatrix& transition_matrix, const Eigen::VectorXd& stationary,
          std::size_t sets);

}  // namespace nucleate::msm
