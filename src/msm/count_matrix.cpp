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

CompactLabels compact_labels(std::span<const DiscreteTrajectory> trajectories) {
  CompactLabels out;
  std::size_t frames = 0;
  std::int32_t largest = -1;
  for (const auto& t : trajectories) {
    frames += t.size();
    for (std::int32_t s : t) largest = std::max(largest, s);
  }
  if (largest < 0) return out;
  const auto span = static_cast<std::size_t>(largest) + 1;
  // Dense enough for a table by label (the usual case: states of a
  // clustering); otherwise the labels are sorted, and looked up by bisection.
  std::vector<std::int32_t> index;
  if (span <= 4 * frames + 1024) {
    index.assign(span, -1);
    for (const auto& t : trajectories)
      for (std::int32_t s : t)
        if (s >= 0) index[static_cast<std::size_t>(s)] = 0;
    for (std::size_t label = 0; label < span; ++label) {
      if (index[label] == 0) {
        index[label] = static_cast<std::int32_t>(out.labels.size());
        out.labels.push_back(static_cast<std::int32_t>(label));
      }
    }
    if (out.labels.size() == span) return out;  // 0..n-1: nothing to relabel
  } else {
    for (const auto& t : trajectories)
      for (std::int32_t s : t)
        if (s >= 0) out.labels.push_back(s);
    std::sort(out.labels.begin(), out.labels.end());
    out.labels.erase(std::unique(out.labels.begin(), out.labels.end()), out.labels.end());
  }
  out.trajectories.reserve(trajectories.size());
  for (const auto& t : trajectories) {
    DiscreteTrajectory& relabelled = out.trajectories.emplace_back(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::int32_t s = t[i];
      if (s < 0) {
        relabelled[i] = s;
      } else if (!index.empty()) {
        relabelled[i] = index[static_cast<std::size_t>(s)];
      } else {
        relabelled[i] = static_cast<std::int32_t>(
            std::lower_bound(out.labels.begin(), out.labels.end(), s) - out.labels.begin());
      }
    }
  }
  return out;
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
