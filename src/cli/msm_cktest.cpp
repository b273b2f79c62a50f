// `nucleate msm cktest DTRAJ... --lag L --pcca pcca.json --mlags 5
// [--bayesian N --seed S] -o ck.json`: Chapman-Kolmogorov test of the model
// at lag L on the PCCA+ sets, with Bayesian 95% bands on request.

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_commands.h"
#include "cli/progress.h"
#include "core/error.h"
#include "io/dtraj.h"
#include "msm/ck_test.h"

namespace nucleate::cli {
namespace {

struct CkCommand {
  std::vector<std::string> trajectories;
  std::size_t lag = 1;
  std::string pcca;
  std::size_t mlags = 5;
  bool nonreversible = false;
  std::size_t bayesian = 0;  // samples per model for the error bands; 0: none
  std::uint64_t seed = 0;
  std::string output;
};

struct SavedMemberships {
  std::vector<std::int32_t> labels;
  Eigen::MatrixXd rows;
};

// The memberships saved by `msm pcca`, by original state label.
SavedMemberships read_memberships(const std::string& path) {
  const nlohmann::json j = read_json(path);
  try {
    SavedMemberships out;
    out.labels = j.at("active_set").get<std::vector<std::int32_t>>();
    const auto rows = j.at("memberships").get<std::vector<std::vector<double>>>();
    if (rows.size() != out.labels.size() || rows.empty())
      throw InputError({path, {}, {}, {}}, "memberships and active_set differ in length");
    out.rows.resize(static_cast<Eigen::Index>(rows.size()),
                    static_cast<Eigen::Index>(rows[0].size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (std::size_t k = 0; k < rows[i].size(); ++k)
        out.rows(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = rows[i][k];
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not a pcca.json from `nucleate msm pcca`: {}", e.what()));
  }
}

nlohmann::json stack(const std::vector<Eigen::MatrixXd>& matrices) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : matrices) out.push_back(matrix_rows(m));
  return out;
}

void run_ck(const CkCommand& options) {
  const std::vector<msm::DiscreteTrajectory> trajectories =
      io::read_discrete_trajectories(options.trajectories);
  msm::EstimateOptions estimate;
  estimate.lag = options.lag;
  estimate.reversible = !options.nonreversible;
  const msm::MarkovModel model = msm::estimate_markov_model(trajectories, estimate);
  const SavedMemberships saved = read_memberships(options.pcca);
  std::size_t missing = 0;
  const Eigen::MatrixXd chi =
      msm::memberships_on(model.active_set, saved.labels, saved.rows, missing);
  if (missing > 0) {
    throw UsageError(fmt::format("--pcca: {} states of the model at lag {} are not in {}", missing,
                                 options.lag, options.pcca));
  }
  const msm::CkTest ck = msm::chapman_kolmogorov_test(trajectories, model, chi, options.mlags);
  nlohmann::json out;
  out["lag"] = options.lag;
  out["lags"] = ck.lags;
  out["predicted"] = stack(ck.predicted);
  out["estimated"] = stack(ck.estimated);
  out["warnings"] = ck.warnings;
  if (options.bayesian > 0) {
    Progress progress("nucleate msm cktest: sampling", "samples");
    msm::BayesianOptions bayes;
    bayes.on_samples = progress.callback();
    bayes.samples = options.bayesian;
    bayes.seed = options.seed;
    bayes.timescales = 1;
    const msm::CkBands b = msm::chapman_kolmogorov_bands(trajectories, options.lag, saved.labels,
                                                         saved.rows, options.mlags, bayes);
    out["predicted_lower"] = stack(b.predicted_lower);
    out["predicted_upper"] = stack(b.predicted_upper);
    out["estimated_lower"] = stack(b.estimated_lower);
    out["estimated_upper"] = stack(b.estimated_upper);
    out["bayesian"] = {{"samples", options.bayesian},
                       {"seed", options.seed},
                       {"count_mode", "effective"},
                       {"interval", "percentile 2.5 .. 97.5"}};
  }
  write_json(options.output, out);
  for (std::size_t k = 0; k < ck.lags.size(); ++k) {
    std::printf("lag %zu: largest |predicted - estimated| %.6f\n", ck.lags[k],
                (ck.predicted[k] - ck.estimated[k]).cwiseAbs().maxCoeff());
  }
}

}  // namespace

void add_msm_cktest(CLI::App& msm) {
  auto options = std::make_shared<CkCommand>();
  CLI::App* cmd = msm.add_subcommand("cktest", "Chapman-Kolmogorov test on PCCA+ sets");
  cmd->add_option("trajectories", options->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  cmd->add_option("--lag", options->lag, "Lag time of the model tested, frames")
      ->required()
      ->check(kPositive);
  cmd->add_option("--pcca", options->pcca, "pcca.json from `nucleate msm pcca`")->required();
  cmd->add_option("--mlags", options->mlags, "Test at lag, 2 lag, ..., mlags lag")
      ->default_val(5)
      ->check(kPositive);
  cmd->add_flag("--nonreversible", options->nonreversible,
                "Row-normalised counts instead of the reversible MLE");
  cmd->add_option("--bayesian", options->bayesian,
                  "Bayesian MSM samples per model for 95% bands (0: none)")
      ->default_val(0);
  cmd->add_option("--seed", options->seed, "Seed of the Bayesian sampler")->default_val(0);
  cmd->add_option("-o,--output", options->output, "ck.json")->required();
  cmd->callback([options] { run_ck(*options); });
}

}  // namespace nucleate::cli
