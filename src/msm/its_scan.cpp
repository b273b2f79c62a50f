#include "msm/its_scan.h"

#include <fmt/format.h>

#include "core/error.h"
#include "msm/bayesian_msm.h"
#include "msm/markov_model.h"
#include "msm/model_file.h"

namespace nucleate::msm {
namespace {

std::vector<double> first(const std::vector<double>& values, std::size_t count) {
  return {values.begin(),
          values.begin() + static_cast<std::ptrdiff_t>(std::min(count, values.size()))};
}

Json scaled(const std::vector<double>& values, double unit) {
  Json out = Json::array();
  for (double v : values) out.push_back(number_or_null(v * unit));
  return out;
}

}  // namespace

const OptionTable<ItsOptions>& its_options() {
  using O = ItsOptions;
  static const OptionTable<O> table{
      {"lags",
       &O::lags,
       "Lag times, e.g. 1,2,5,10 or 1-20",
       "frames",
       OptionCheck::positive,
       {},
       {},
       true},
      {"nits", &O::nits, "How many timescales per lag", "", OptionCheck::positive},
      {"nonreversible", &O::nonreversible, "Row-normalised counts instead of the reversible MLE"},
      {"samples",
       &O::samples,
       "Bayesian MSM samples per lag for 95% bands (0: none)",
       "",
       OptionCheck::none,
       {},
       {"--bayesian"}},
      {"seed", &O::seed, "Seed of the Bayesian sampler (the same seed gives the same samples)"},
      dt_option<O>(),
  };
  return table;
}

ItsResult implied_timescales_scan(std::span<const DiscreteTrajectory> trajectories,
                                  const ItsOptions& options,
                                  const std::function<void(std::size_t)>& on_samples) {
  check_options(options, its_options());
  if (options.lags.empty()) throw UsageError("lags: give at least one lag time");
  ItsResult out;
  for (std::size_t lag : options.lags) {
    EstimateOptions estimate;
    estimate.lag = lag;
    estimate.reversible = !options.nonreversible;
    const MarkovModel model = estimate_markov_model(trajectories, estimate);
    out.lags.push_back(lag);
    out.timescales.push_back(first(model.timescales, options.nits));
    out.n_states.push_back(model.active_set.size());
    if (options.samples > 0) {
      BayesianOptions bayes;
      bayes.on_samples = on_samples;
      bayes.samples = options.samples;
      bayes.seed = options.seed;
      bayes.timescales = options.nits;
      bayes.keep_transition_matrices = false;
      const auto sampled =
          estimate_bayesian_msm(trajectories, lag, BayesCountMode::effective, bayes);
      out.mean.push_back(first(sampled.model.timescales.mean, options.nits));
      out.lower.push_back(first(sampled.model.timescales.lower, options.nits));
      out.upper.push_back(first(sampled.model.timescales.upper, options.nits));
    }
    for (const auto& w : model.warnings) out.warnings.push_back(fmt::format("lag {}: {}", lag, w));
  }
  return out;
}

Json its_json(const ItsResult& result, const ItsOptions& options) {
  const std::optional<double> dt = options.dt;
  const double unit = dt.value_or(1.0);
  Json out;
  out["lags"] = result.lags;
  out["timescales"] = Json::array();
  for (const auto& row : result.timescales) out["timescales"].push_back(scaled(row, unit));
  out["n_states"] = result.n_states;
  out["dt"] = dt ? Json(*dt) : Json(nullptr);
  out["reversible"] = !options.nonreversible;
  if (options.samples > 0) {
    for (const auto& [key, rows] :
         {std::pair{"timescales_mean", &result.mean}, std::pair{"timescales_lower", &result.lower},
          std::pair{"timescales_upper", &result.upper}}) {
      out[key] = Json::array();
      for (const auto& row : *rows) out[key].push_back(scaled(row, unit));
    }
    out["bayesian"] = {{"samples", options.samples},
                       {"seed", options.seed},
                       {"count_mode", "effective"},
                       {"interval", "percentile 2.5 .. 97.5"}};
  }
  out["warnings"] = result.warnings;
  return out;
}

}  // namespace nucleate::msm
