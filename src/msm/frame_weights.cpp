#include "msm/frame_weights.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace nucleate::msm {

std::vector<std::vector<double>> frame_weights(const std::vector<DiscreteTrajectory>& trajectories,
                                               const std::vector<std::int32_t>& active_set,
                                               const Eigen::VectorXd& stationary) {
  if (static_cast<Eigen::Index>(active_set.size()) != stationary.size()) {
    throw UsageError(fmt::format("frame weights: {} active states but {} stationary probabilities",
                                 active_set.size(), stationary.size()));
  }
  std::int32_t largest = active_set.empty() ? -1 : active_set.back();
  for (const auto& t : trajectories)
    for (std::int32_t s : t) largest = std::max(largest, s);
  const auto states = static_cast<std::size_t>(largest) + 1;
  std::vector<double> pi(states, 0.0);
  for (std::size_t k = 0; k < active_set.size(); ++k)
    pi[static_cast<std::size_t>(active_set[k])] = stationary[static_cast<Eigen::Index>(k)];
  std::vector<std::size_t> frames(states, 0);
  for (const auto& t : trajectories)
    for (std::int32_t s : t)
      if (s >= 0) ++frames[static_cast<std::size_t>(s)];
  std::vector<std::vector<double>> out;
  out.reserve(trajectories.size());
  for (const auto& t : trajectories) {
    std::vector<double> w(t.size(), 0.0);
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] < 0) continue;
      const auto s = static_cast<std::size_t>(t[i]);
      w[i] = frames[s] > 0 ? pi[s] / static_cast<double>(frames[s]) : 0.0;
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace nucleate::msm
