#pragma once
// A Markov state model estimated from discrete trajectories, end to end:
// counts at the lag, the largest strongly connected set, the transition
// matrix (reversible MLE or row-normalised), stationary distribution,
// eigenvalues and implied timescales.

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "msm/count_matrix.h"
#include "msm/spectral.h"

namespace nucleate::msm {

struct EstimateOptions {
  std::size_t lag = 1;
  bool reversible = true;
  CountMode count_mode = CountMode::sliding;
  double connectivity_threshold = 0.0;
  double tolerance = 1e-8;  ///< reversible MLE, as deeptime's MaximumLikelihoodMSM
  std::size_t max_iterations = 1000000;
  std::size_t timescales = 0;  ///< how many eigenvalues to compute (0: all, dense)
  /// A fixed stationary distribution by original state label (e.g. from
  /// reweighting); the reversible MLE is then constrained to it.
  std::optional<Eigen::VectorXd> stationary;
};

struct DroppedStates {
  std::vector<std::int32_t> states;
  std::size_t frames = 0;  ///< frames the dropped states hold
};

struct MarkovModel {
  EstimateOptions options;
  /// Largest label + 1: the size of a count matrix indexed by label (as
  /// deeptime's full count matrix; the Bayesian MSM's default sweeps).
  std::size_t states_seen = 0;
  std::vector<std::int32_t> active_set;  ///< original labels, ascending
  DroppedStates dropped;
  std::vector<std::int32_t> labels_seen;  ///< the labels that occur, ascending
  SparseMatrix full_counts;               ///< rows and columns: labels_seen, in order
  SparseMatrix counts;                    ///< on the active set
  SparseMatrix transition_matrix;
  Eigen::VectorXd stationary_distribution;
  Spectrum spectrum;
  std::vector<double> timescales;  ///< in frames (steps of the trajectories)
  bool converged = true;
  std::size_t iterations = 0;
  std::vector<std::string> warnings;
};

/// Throws UsageError when nothing can be counted (every trajectory shorter
/// than lag + 1 frames, or no trajectory).
MarkovModel estimate_markov_model(std::span<const DiscreteTrajectory> trajectories,
                                  const EstimateOptions& options);

}  // namespace nucleate::msm
