#pragma once
// Strongly connected sets of the count graph: i -> j when c_ij > 0 and
// c_ij >= threshold (deeptime zeroes the counts below its threshold).
// An MSM is estimated on one such set (the largest by default): within it
// every state can be reached from every other, so the chain is ergodic.

#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::msm {

/// The strongly connected components, largest first (ties: the one holding
/// the smallest state first), each sorted ascending. Iterative Tarjan, so
/// 10^5 states do not overflow the stack.
std::vector<std::vector<std::int32_t>> strongly_connected_sets(const SparseMatrix& counts,
                                                               double threshold = 0.0);

/// The counts among `states` only, rows and columns in that order.
SparseMatrix restrict_to(const SparseMatrix& counts, const std::vector<std::int32_t>& states);

}  // namespace nucleate::msm
