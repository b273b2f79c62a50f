// `nucleate msm bayes`: a Bayesian MSM (reversible transition matrices
// sampled from their posterior) with error bars on the implied timescales and
// the stationary distribution.
//   bayes DTRAJ... --lag L [--samples N] [--seed S] [--steps K]
//         [--count-mode effective|sliding] [--dt T] [--nits K] -o bayes.json

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_commands.h"
#include "cli/progress.h"
#include "core/error.h"
#include "io/dtraj.h"
#include "io/npy.h"
#include "msm/bayesian_msm.h"

namespace nucleate::cli {
namespace {

struct BayesCommand {
  std::vector<std::string> trajectories;
  std::size_t lag = 1;
  std::size_t samples = 100;
  std::uint64_t seed = 0;
  std::optional<std::size_t> steps;
  std::string count_mode = "effective";
  std::optional<double> dt;
  std::size_t nits = 10;
  std::string samples_npy;  // the sampled transition matrices, on request
  std::string output;
};

// samples x (n*n) doubles, each row a row-major dense n x n matrix: numpy's
// .npy stays 2-D here, reshape with .reshape(samples, n, n).
void write_sample_matrices(const std::string& path, const msm::BayesianModel& model) {
  const auto n = static_cast<std::size_t>(model.mle_transition_matrix.rows());
  std::vector<double> values(model.samples.size() * n * n, 0.0);
  for (std::size_t s = 0; s < model.samples.size(); ++s) {
    const auto& t = model.samples[s].transition_matrix;
    for (Eigen::Index i = 0; i < t.outerSize(); ++i)
      for (msm::SparseMatrix::InnerIterator it(t, i); it; ++it)
        values[s * n * n + static_cast<std::size_t>(i) * n + static_cast<std::size_t>(it.col())] =
            it.value();
  }
  io::write_npy(path, values, {model.samples.size(), n * n});
}

nlohmann::json numbers(const std::vector<double>& xs, double unit = 1.0) {
  nlohmann::json out = nlohmann::json::array();
  for (double x : xs) out.push_back(number_or_null(x * unit));
  return out;
}

nlohmann::json intervals(const std::vector<msm::Interval>& xs, double unit = 1.0) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : xs)
    out.push_back({number_or_null(x.lower * unit), number_or_null(x.upper * unit)});
  return out;
}

nlohmann::json bayes_json(const msm::BayesianTrajectoryModel& result, const BayesCommand& options) {
  const msm::BayesianModel& model = result.model;
  const double unit = options.dt.value_or(1.0);
  nlohmann::json out;
  out["lag"] = options.lag;
  out["dt"] = options.dt ? nlohmann::json(*options.dt) : nlohmann::json(nullptr);
  out["time_unit"] = options.dt ? "the unit of --dt" : "frames";
  out["trajectories"] = options.trajectories;
  out["count_mode"] = result.count_mode == msm::BayesCountMode::effective ? "effective" : "sliding";
  out["n_states"] = result.active_set.size();
  out["active_set"] = result.active_set;
  out["dropped_states"] = result.dropped_states;
  out["dropped_frames"] = result.dropped_frames;
  out["n_samples"] = model.samples.size();
  out["seed"] = model.seed;
  out["n_steps"] = model.n_steps;
  out["prior"] = "sparse: count -1 on the non-zero pattern of C + C^T (deeptime's default)";
  out["confidence"] = 0.95;
  out["timescales_mle"] = numbers(model.mle_timescales, unit);
  out["timescales_mean"] = numbers(model.timescales.mean, unit);
  out["timescales_std"] = numbers(model.timescales.std, unit);
  out["timescales_lower"] = numbers(model.timescales.lower, unit);
  out["timescales_upper"] = numbers(model.timescales.upper, unit);
  out["timescales_ci95_deeptime"] = intervals(model.timescales.deeptime, unit);
  const Eigen::VectorXd& pi = model.mle_stationary_distribution;
  out["stationary_mle"] = numbers(std::vector<double>(pi.data(), pi.data() + pi.size()));
  out["stationary_mean"] = numbers(model.stationary_distribution.mean);
  out["stationary_std"] = numbers(model.stationary_distribution.std);
  out["stationary_lower"] = numbers(model.stationary_distribution.lower);
  out["stationary_upper"] = numbers(model.stationary_distribution.upper);
  out["stationary_ci95_deeptime"] = intervals(model.stationary_distribution.deeptime);
  out["intervals"] = {
      {"lower_upper", "percentiles 2.5 and 97.5 of the samples (linear interpolation)"},
      {"ci95_deeptime", "deeptime.util.confidence_interval(conf=0.95): centred on the mean"}};
  out["mle_converged"] = model.mle_converged;
  out["warnings"] = model.warnings;
  return out;
}

void run_bayes(const BayesCommand& options) {
  const std::vector<msm::DiscreteTrajectory> trajectories =
      io::read_discrete_trajectories(options.trajectories);
  Progress progress("nucleate msm bayes: sampling", "samples");
  msm::BayesianOptions bayes;
  bayes.on_samples = progress.callback();
  bayes.samples = options.samples;
  bayes.seed = options.seed;
  bayes.steps = options.steps;
  bayes.timescales = options.nits;
  bayes.keep_transition_matrices = !options.samples_npy.empty();
  const auto mode = options.count_mode == "sliding" ? msm::BayesCountMode::sliding
                                                    : msm::BayesCountMode::effective;
  const auto result = msm::estimate_bayesian_msm(trajectories, options.lag, mode, bayes);
  write_json(options.output, bayes_json(result, options));
  if (!options.samples_npy.empty()) write_sample_matrices(options.samples_npy, result.model);
  for (const auto& w : result.model.warnings)
    std::fprintf(stderr, "nucleate msm bayes: warning: %s\n", w.c_str());
  const auto& t = result.model.timescales;
  const double unit = options.dt.value_or(1.0);
  std::string slowest = "none";
  if (!t.mean.empty()) {
    slowest = fmt::format("{:.4g} +- {:.2g} [{:.4g}, {:.4g}]", t.mean[0] * unit, t.std[0] * unit,
                          t.lower[0] * unit, t.upper[0] * unit);
  }
  std::printf(
      "%zu states (%zu dropped), lag %zu, %zu samples %zu sweeps apart (seed %llu): slowest "
      "timescale %s %s "
      "-> %s\n",
      result.active_set.size(), result.dropped_states.size(), options.lag,
      result.model.samples.size(), result.model.n_steps,
      static_cast<unsigned long long>(options.seed), slowest.c_str(),
      options.dt ? "(time units of --dt)" : "frames", options.output.c_str());
}

}  // namespace

void add_msm_bayes(CLI::App& msm) {
  auto options = std::make_shared<BayesCommand>();
  CLI::App* cmd = msm.add_subcommand(
      "bayes", "Bayesian MSM: sampled reversible transition matrices, error bars");
  cmd->add_option("trajectories", options->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  cmd->add_option("--lag", options->lag, "Lag time in frames")->required()->check(kPositive);
  cmd->add_option("--samples", options->samples, "Transition matrices to sample")
      ->default_val(100)
      ->check(kPositive);
  cmd->add_option("--seed", options->seed, "Seed of the sampler (same seed, same samples)")
      ->default_val(0);
  cmd->add_option("--steps", options->steps,
                  "Gibbs sweeps between samples (default: floor(sqrt(states)))")
      ->check(kPositive);
  cmd->add_option("--count-mode", options->count_mode,
                  "effective (statistically uncorrelated, as deeptime) or sliding (over-counts: "
                  "too narrow errors)")
      ->check(CLI::IsMember({"effective", "sliding"}))
      ->default_val("effective");
  cmd->add_option("--dt", options->dt, "Time between frames; timescales are then in its unit")
      ->check(kPositive);
  cmd->add_option("--nits", options->nits, "Implied timescales to report")
      ->default_val(10)
      ->check(kPositive);
  cmd->add_option("--samples-npy", options->samples_npy,
                  "Also write the sampled transition matrices: .npy of shape (samples, n*n), rows "
                  "row-major n x n");
  cmd->add_option("-o,--output", options->output, "bayes.json")->required();
  cmd->callback([options] { run_bayes(*options); });
}

}  // namespace nucleate::cli
