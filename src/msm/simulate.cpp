#include "msm/simulate.h"

#include <fmt/format.h>

#include <random>

#include "core/error.h"

namespace nucleate::msm {

DiscreteTrajectory simulate(const SparseMatrix& transition_matrix, std::int32_t start,
                            std::size_t steps, std::uint64_t seed) {
  if (start < 0 || start >= transition_matrix.rows()) {
    throw UsageError(
        fmt::format("start state {} is not one of the {} states", start, transition_matrix.rows()));
  }
  std::mt19937_64 rng(seed);
  DiscreteTrajectory out;
  out.reserve(steps);
  std::int32_t state = start;
  for (std::size_t t = 0; t < steps; ++t) {
    out.push_back(state);
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    double cumulative = 0.0;
    std::int32_t next = state;
    for (SparseMatrix::InnerIterator it(transition_matrix, state); it; ++it) {
      cumulative += it.value();
      next = static_cast<std::int32_t>(it.col());
      if (u < cumulative) break;
    }
    state = next;  // rounding leaving u above the last sum picks the last entry
  }
  return out;
}

}  // namespace nucleate::msm
