#pragma once
// The Bayesian MSM of `nucleate msm bayes` ([msm] samples of a pipeline):
// its options, and bayes.json, its saved form (error bars on the implied
// timescales and the stationary distribution).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/bayesian_msm.h"

namespace nucleate::msm {

struct BayesianMsmOptions {
  std::size_t lag = 1;  ///< frames
  std::optional<double> dt;
  std::size_t samples = 100;
  std::uint64_t seed = 0;
  std::optional<std::size_t> steps;  ///< Gibbs sweeps between samples; default floor(sqrt(states))
  std::string count_mode = "effective";  ///< effective or sliding
  std::size_t nits = 5;                  ///< implied timescales reported
};
const OptionTable<BayesianMsmOptions>& bayesian_msm_options();

/// Samples the posterior at the lag. `keep_matrices` keeps every sampled
/// transition matrix (for --samples-npy); `on_samples` reports progress.
BayesianTrajectoryModel bayesian_msm(std::span<const DiscreteTrajectory> trajectories,
                                     const BayesianMsmOptions& options, bool keep_matrices,
                                     const std::function<void(std::size_t)>& on_samples = nullptr);

/// bayes.json; times in dt's unit (frames without it); the trajectories' paths
/// relative to the folder of `output_file` (core/recorded_path.h).
Json bayes_json(const BayesianTrajectoryModel& result, const BayesianMsmOptions& options,
                const std::vector<std::string>& trajectories, const std::string& output_file);

/// What bayes.json holds, read back (times in frames, as sampled; no
/// sampled matrices). InputError naming the file and field.
BayesianTrajectoryModel read_bayes_file(const std::string& path);

/// The sampled transition matrices as a samples x (n*n) .npy, each row a
/// row-major dense n x n matrix (reshape with .reshape(samples, n, n)).
std::vector<double> sampled_matrices_rows(const BayesianModel& model);

}  // namespace nucleate::msm
