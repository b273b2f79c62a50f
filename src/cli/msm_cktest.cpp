// `nucleate msm cktest DTRAJ... --lag L --pcca pcca.json --mlags 5 -o ck.json`:
// Chapman-Kolmogorov test of the model at lag L on the PCCA+ sets.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_commands.h"
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
  std::string output;
};

// The memberships saved by `msm pcca`, re-indexed onto `active_set`.
Eigen::MatrixXd read_memberships(const std::string& path, const std::vector<std::int32_t>& active_set) {
  std::ifstream in(path);
  if (!in) throw InputError({path, {}, {}, {}}, "cannot open");
  try {
    const nlohmann::json j = nlohmann::json::parse(in);
    const auto labels = j.at("active_set").get<std::vector<std::int32_t>>();
    const auto rows = j.at("memberships").get<std::vector<std::vector<double>>>();
    if (rows.size() != labels.size() || rows.empty()) throw InputError({path, {}, {}, {}}, "memberships and active_set differ in length");
    Eigen::MatrixXd chi = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(active_set.size()), static_cast<Eigen::Index>(rows[0].size()));
    for (std::size_t i = 0; i < active_set.size(); ++i) {
      const auto it = std::lower_bound(labels.begin(), labels.end(), active_set[i]);
      if (it == labels.end() || *it != active_set[i]) {
        throw UsageError(fmt::format("--pcca: state {} of the model at this lag is not in {}", active_set[i], path));
      }
      const auto& row = rows[static_cast<std::size_t>(it - labels.begin())];
      for (std::size_t k = 0; k < row.size(); ++k) chi(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k)) = row[k];
    }
    return chi;
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}}, fmt::format("not a pcca.json from `nucleate msm pcca`: {}", e.what()));
  }
}

nlohmann::json stack(const std::vector<Eigen::MatrixXd>& matrices) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : matrices) out.push_back(matrix_rows(m));
  return out;
}

void run_ck(const CkCommand& options) {
  const std::vector<msm::DiscreteTrajectory> trajectories = io::read_discrete_trajectories(options.trajectories);
  msm::EstimateOptions estimate;
  estimate.lag = options.lag;
  estimate.reversible = !options.nonreversible;
  const msm::MarkovModel model = msm::estimate_markov_model(trajectories, estimate);
  const Eigen::MatrixXd chi = read_memberships(options.pcca, model.active_set);
  const msm::CkTest ck = msm::chapman_kolmogorov_test(trajectories, model, chi, options.mlags);
  nlohmann::json out;
  out["lag"] = options.lag;
  out["lags"] = ck.lags;
  out["predicted"] = stack(ck.predicted);
  out["estimated"] = stack(ck.estimated);
  out["warnings"] = ck.warnings;
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
  cmd->add_option("trajectories", options->trajectories, "Discrete trajectories (text, one state per line)")->required();
  cmd->add_option("--lag", options->lag, "Lag time of the model tested, frames")->required()->check(kPositive);
  cmd->add_option("--pcca", options->pcca, "pcca.json from `nucleate msm pcca`")->required();
  cmd->add_option("--mlags", options->mlags, "Test at lag, 2 lag, ..., mlags lag")->default_val(5)->check(kPositive);
  cmd->add_flag("--nonreversible", options->nonreversible, "Row-normalised counts instead of the reversible MLE");
  cmd->add_option("-o,--output", options->output, "ck.json")->required();
  cmd->callback([options] { run_ck(*options); });
}

}  // namespace nucleate::cli
