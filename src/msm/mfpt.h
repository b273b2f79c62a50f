#pragma once
// Mean first passage times of a Markov chain, in steps of the chain (lag
// times): m_i = 0 for i in the target set, m_i = 1 + sum_j T_ij m_j
// otherwise (Kemeny & Snell); from a set A to B, the pi-weighted mean
// sum_{i in A} pi_i m_i / sum_{i in A} pi_i, as deeptime's msm.mfpt(A, B).

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::msm {

/// m_i for every state (indices into T). Throws UsageError for an empty or
/// out-of-range target and Error when the target cannot be reached.
Eigen::VectorXd mean_first_passage_times(const SparseMatrix& transition_matrix,
                                         const std::vector<std::int32_t>& target);

/// The pi-weighted MFPT from `source` to `target` (indices into T).
double mean_first_passage_time(const SparseMatrix& transition_matrix,
                               const Eigen::VectorXd& stationary,
                               const std::vector<std::int32_t>& source,
                               const std::vector<std::int32_t>& target);

}  // namespace nucleate::msm
