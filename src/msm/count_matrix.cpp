#include "msm/count_matrix.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace nucleate::msm {

SparseMatrix count_transitions(std::span<const DiscreteTrajectory> trajectories, std::size_t lag,
                               CountMode mode, std::size_t states) {
  if (lag == 0) throw UsageError("the lag time must be at least 1 frame");
  std::int32_t largest = -1;
  for (const auto& t : trajectories)
    for (std::int32_t s : t) largest = std::max(largest, s);
  if (states == 0) states = static_cast<std::size_t>(largest) + 1;
  if (largest >= 0 && static_cast<std::size_t>(largest) >= states) {
    throw UsageError(
        fmt::format("state {} is outside the {} states of the model", largest, states));
  }
  std::vector<Eigen::Triplet<double>> pairs;
  const std::size_t step = mode == CountMode::sliding ? 1 : lag;
  for (const auto& t : trajectories) {
    for (std::size_t i = 0; i + lag < t.size(); i += step) {
      if (t[i] < 0 || t[i + lag] < 0) continue;
      pairs.emplace_back(t[i], t[i + lag], 1.0);
    }
  }
  SparseMatrix counts(static_cast<Eigen::Index>(states), static_cast<Eigen::Index>(states));
  counts.setFromTriplets(pairs.begin(), pairs.end());  // duplicates are summed
  return counts;
}

std::vector<std::size_t> state_populations(std::span<const DiscreteTrajectory> trajectories,
                                           std::size_t states) {
  std::vector<std::size_t> population(states, 0);
  for (const auto& t : trajectories)
    for (std::int32_t s : t)
      if (s >= 0 && static_cast<std::size_t>(s) < states) ++population[static_cast<std::size_t>(s)];
  return population;
}

}  // namespace nucleate::msm
