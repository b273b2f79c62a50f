#pragma once
// A trajectory sampled from a transition matrix (Markov chain Monte Carlo of
// the model), e.g. long synthetic runs for first-passage statistics.

#include <cstdint>

#include "msm/count_matrix.h"

namespace nucleate::msm {

/// `steps` states starting with `start` (index into T). The same seed gives
/// the same trajectory on every platform: uniform numbers are built from
/// the top 53 bits of std::mt19937_64, not by a library distribution.
DiscreteTrajectory simulate(const SparseMatrix& transition_matrix, std::int32_t start,
                            std::size_t steps, std::uint64_t seed);

}  // namespace nucleate::msm
