#include "msm/bayesian_file.h"

#include <fmt/format.h>

#include <limits>

#include "core/error.h"
#include "core/recorded_path.h"
#include "msm/model_file.h"

namespace nucleate::msm {
namespace {

Json numbers(const std::vector<double>& xs, double unit = 1.0) {
  Json out = Json::array();
  for (double x : xs) out.push_back(number_or_null(x * unit));
  return out;
}

Json intervals(const std::vector<Interval>& xs, double unit = 1.0) {
  Json out = Json::array();
  for (const auto& x : xs)
    out.push_back({number_or_null(x.lower * unit), number_or_null(x.upper * unit)});
  return out;
}

// JSON numbers back in frames; null (an infinite timescale) as infinity.
std::vector<double> values(const Json& j, double unit) {
  std::vector<double> out;
  for (const auto& x : j)
    out.push_back(x.is_null() ? std::numeric_limits<double>::infinity() : x.get<double>() / unit);
  return out;
}

}  // namespace

const OptionTable<BayesianMsmOptions>& bayesian_msm_options() {
  using O = BayesianMsmOptions;
  static const OptionTable<O> table{
      {"lag", &O::lag, "Lag time", "frames", OptionCheck::positive, {}, {}, true},
      dt_option<O>(),
      {"samples", &O::samples, "Transition matrices to sample", "", OptionCheck::positive},
      {"seed", &O::seed, "Seed of the sampler (the same seed gives the same samples)"},
      {"steps", &O::steps, "Gibbs sweeps between samples (default: floor(sqrt(states)))", "",
       OptionCheck::positive},
      {"count_mode",
       &O::count_mode,
       "effective (statistically uncorrelated, as deeptime) or sliding (over-counts: too narrow "
       "errors)",
       "",
       OptionCheck::none,
       {"effective", "sliding"}},
      {"nits", &O::nits, "Implied timescales to report", "", OptionCheck::positive},
  };
  return table;
}

BayesianTrajectoryModel bayesian_msm(std::span<const DiscreteTrajectory> trajectories,
                                     const BayesianMsmOptions& options, bool keep_matrices,
                                     const std::function<void(std::size_t)>& on_samples) {
  check_options(options, bayesian_msm_options());
  BayesianOptions bayes;
  bayes.on_samples = on_samples;
  bayes.samples = options.samples;
  bayes.seed = options.seed;
  bayes.steps = options.steps;
  bayes.timescales = options.nits;
  bayes.keep_transition_matrices = keep_matrices;
  const auto mode =
      options.count_mode == "sliding" ? BayesCountMode::sliding : BayesCountMode::effective;
  return estimate_bayesian_msm(trajectories, options.lag, mode, bayes);
}

Json bayes_json(const BayesianTrajectoryModel& result, const BayesianMsmOptions& options,
                const std::vector<std::string>& trajectories, const std::string& output_file) {
  const BayesianModel& model = result.model;
  const double unit = options.dt.value_or(1.0);
  Json out;
  out["lag"] = options.lag;
  out["dt"] = options.dt ? Json(*options.dt) : Json(nullptr);
  out["time_unit"] = options.dt ? "the unit of --dt" : "frames";
  out["trajectories"] = recorded_paths(trajectories, output_file);
  out["count_mode"] = result.count_mode == BayesCountMode::effective ? "effective" : "sliding";
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

BayesianTrajectoryModel read_bayes_file(const std::string& path) {
  const Json j = read_json_file(path);
  BayesianTrajectoryModel out;
  try {
    const double unit = j.at("dt").is_null() ? 1.0 : j.at("dt").get<double>();
    out.count_mode = j.at("count_mode").get<std::string>() == "sliding" ? BayesCountMode::sliding
                                                                        : BayesCountMode::effective;
    out.active_set = j.at("active_set").get<std::vector<std::int32_t>>();
    out.dropped_states = j.at("dropped_states").get<std::vector<std::int32_t>>();
    out.dropped_frames = j.at("dropped_frames").get<std::size_t>();
    BayesianModel& m = out.model;
    m.lag = j.at("lag").get<std::size_t>();
    m.seed = j.at("seed").get<std::uint64_t>();
    m.n_steps = j.at("n_steps").get<std::size_t>();
    m.mle_timescales = values(j.at("timescales_mle"), unit);
    m.timescales.mean = values(j.at("timescales_mean"), unit);
    m.timescales.std = values(j.at("timescales_std"), unit);
    m.timescales.lower = values(j.at("timescales_lower"), unit);
    m.timescales.upper = values(j.at("timescales_upper"), unit);
    m.stationary_distribution.mean = values(j.at("stationary_mean"), 1.0);
    m.stationary_distribution.lower = values(j.at("stationary_lower"), 1.0);
    m.stationary_distribution.upper = values(j.at("stationary_upper"), 1.0);
    m.mle_converged = j.at("mle_converged").get<bool>();
    m.warnings = j.at("warnings").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(
        {path, {}, {}, {}},
        fmt::format("not a bayes.json from `nucleate msm bayes`: {}", json_error_text(e)));
  }
  return out;
}

std::vector<double> sampled_matrices_rows(const BayesianModel& model) {
  const auto n = static_cast<std::size_t>(model.mle_transition_matrix.rows());
  std::vector<double> rows(model.samples.size() * n * n, 0.0);
  for (std::size_t s = 0; s < model.samples.size(); ++s) {
    const auto& t = model.samples[s].transition_matrix;
    for (Eigen::Index i = 0; i < t.outerSize(); ++i)
      for (SparseMatrix::InnerIterator it(t, i); it; ++it)
        rows[s * n * n + static_cast<std::size_t>(i) * n + static_cast<std::size_t>(it.col())] =
            it.value();
  }
  return rows;
}

}  // namespace nucleate::msm
