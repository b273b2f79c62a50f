// `nucleate msm its DTRAJ... --lags 1,2,5,10 [--nits K] [--dt T]
// [--bayesian N --seed S] -o its.json`: implied timescales against the lag
// time, to choose a lag where they level off; with --bayesian also their
// posterior mean and 95% percentile band from N Bayesian MSM samples per lag.

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_commands.h"
#include "cli/msm_file.h"
#include "cli/progress.h"
#include "core/error.h"
#include "io/dtraj.h"
#include "msm/bayesian_msm.h"
#include "msm/markov_model.h"

namespace nucleate::cli {
namespace {

struct ItsCommand {
  std::vector<std::string> trajectories;
  std::string lags;
  std::size_t nits = 5;
  std::optional<double> dt;
  bool nonreversible = false;
  std::size_t bayesian = 0;  // samples per lag; 0: none
  std::uint64_t seed = 0;
  std::string output;
};

std::vector<double> scaled(const std::vector<double>& values, std::size_t count, double unit) {
  std::vector<double> out;
  for (std::size_t k = 0; k < std::min(count, values.size()); ++k) out.push_back(values[k] * unit);
  return out;
}

void run_its(const ItsCommand& options) {
  const std::vector<msm::DiscreteTrajectory> trajectories =
      io::read_discrete_trajectories(options.trajectories);
  const auto lags = parse_state_list(options.lags, "--lags");
  nlohmann::json out;
  out["lags"] = nlohmann::json::array();
  out["timescales"] = nlohmann::json::array();
  out["n_states"] = nlohmann::json::array();
  out["dt"] = options.dt ? nlohmann::json(*options.dt) : nlohmann::json(nullptr);
  out["reversible"] = !options.nonreversible;
  nlohmann::json warnings = nlohmann::json::array();
  if (options.bayesian > 0) {
    out["timescales_mean"] = nlohmann::json::array();
    out["timescales_lower"] = nlohmann::json::array();
    out["timescales_upper"] = nlohmann::json::array();
    out["bayesian"] = {{"samples", options.bayesian},
                       {"seed", options.seed},
                       {"count_mode", "effective"},
                       {"interval", "percentile 2.5 .. 97.5"}};
  }
  for (std::int32_t lag : lags) {
    if (lag < 1) throw UsageError(fmt::format("--lags: lag {} must be at least 1", lag));
    msm::EstimateOptions estimate;
    estimate.lag = static_cast<std::size_t>(lag);
    estimate.reversible = !options.nonreversible;
    const msm::MarkovModel model = msm::estimate_markov_model(trajectories, estimate);
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t k = 0; k < std::min(options.nits, model.timescales.size()); ++k) {
      row.push_back(number_or_null(model.timescales[k] * options.dt.value_or(1.0)));
    }
    out["lags"].push_back(lag);
    out["timescales"].push_back(row);
    out["n_states"].push_back(model.active_set.size());
    if (options.bayesian > 0) {
      Progress progress("nucleate msm its: sampling", "samples");
      msm::BayesianOptions bayes;
      bayes.on_samples = progress.callback();
      bayes.samples = options.bayesian;
      bayes.seed = options.seed;
      bayes.timescales = options.nits;
      bayes.keep_transition_matrices = false;
      const auto sampled = msm::estimate_bayesian_msm(trajectories, estimate.lag,
                                                      msm::BayesCountMode::effective, bayes);
      const double unit = options.dt.value_or(1.0);
      out["timescales_mean"].push_back(scaled(sampled.model.timescales.mean, options.nits, unit));
      out["timescales_lower"].push_back(scaled(sampled.model.timescales.lower, options.nits, unit));
      out["timescales_upper"].push_back(scaled(sampled.model.timescales.upper, options.nits, unit));
    }
    for (const auto& w : model.warnings) warnings.push_back(fmt::format("lag {}: {}", lag, w));
    std::printf("lag %d: %zu states, timescales", lag, model.active_set.size());
    for (const auto& t : row) std::printf(" %s", t.dump().c_str());
    std::printf("\n");
  }
  out["warnings"] = warnings;
  write_json(options.output, out);
}

}  // namespace

void add_msm_its(CLI::App& msm) {
  auto options = std::make_shared<ItsCommand>();
  CLI::App* cmd = msm.add_subcommand("its", "Implied timescales against the lag time");
  cmd->add_option("trajectories", options->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  cmd->add_option("--lags", options->lags, "Lag times in frames, e.g. 1,2,5,10 or 1-20")
      ->required();
  cmd->add_option("--nits", options->nits, "How many timescales per lag")
      ->default_val(5)
      ->check(kPositive);
  cmd->add_option("--dt", options->dt, "Time between frames; timescales are then in its unit")
      ->check(kPositive);
  cmd->add_flag("--nonreversible", options->nonreversible,
                "Row-normalised counts instead of the reversible MLE");
  cmd->add_option("--bayesian", options->bayesian,
                  "Bayesian MSM samples per lag for error bands (0: none)")
      ->default_val(0);
  cmd->add_option("--seed", options->seed, "Seed of the Bayesian sampler")->default_val(0);
  cmd->add_option("-o,--output", options->output, "its.json")->required();
  cmd->callback([options] { run_its(*options); });
}

}  // namespace nucleate::cli
