#pragma once
// Transition counts at lag tau from discrete trajectories (states 0..n-1;
// negative states are frames assigned to no state and break no count but
// their own). Counting as deeptime's TransitionCountEstimator does it:
//   sliding: every pair (x_t, x_{t+tau}), t = 0 .. T-1-tau, not divided by tau
//   sample:  non-overlapping windows, t = 0, tau, 2 tau, ...
// Trajectories shorter than tau + 1 frames contribute nothing.

#include <Eigen/SparseCore>
#include <cstdint>
#include <span>
#include <vector>

namespace nucleate::msm {

using DiscreteTrajectory = std::vector<std::int32_t>;
using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

enum class CountMode { sliding, sample };

/// Counts at `lag` (>= 1). `states` is the matrix size; 0 means one more
/// than the largest state seen. Throws UsageError for lag 0 or a state
/// >= `states`.
SparseMatrix count_transitions(std::span<const DiscreteTrajectory> trajectories, std::size_t lag,
                               CountMode mode = CountMode::sliding, std::size_t states = 0);

/// Labels as they occur in the wild (MSMBuilder and PyEMMA outputs,
/// hand-made files) are arbitrary non-negative integers; a matrix indexed by
/// label would be sized by the largest (a label 2e9 asks for gigabytes).
/// `labels` are those that occur, ascending; `trajectories` the same frames
/// with each label replaced by its index in `labels` (negative ones kept).
/// When the labels are exactly 0..n-1, `trajectories` is left empty and the
/// input serves as it is (`of` says which to count on).
struct CompactLabels {
  std::vector<std::int32_t> labels;
  std::vector<DiscreteTrajectory> trajectories;
  [[nodiscard]] std::span<const DiscreteTrajectory> of(
      std::span<const DiscreteTrajectory> original) const {
    return trajectories.empty() ? original : std::span<const DiscreteTrajectory>(trajectories);
  }
};
CompactLabels compact_labels(std::span<const DiscreteTrajectory> trajectories);

/// Frames each state holds over all trajectories (index = state).
std::vector<std::size_t> state_populations(std::span<const DiscreteTrajectory> trajectories,
                                           std::size_t states);

}  // namespace nucleate::msm
