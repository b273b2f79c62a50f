// `nucleate msm gmrq COLVAR... --cvs a,b --kcenters 50,100,200 --lag L
// --folds 5 --seed S [--components 5] -o gmrq.json`: choose the number of
// microstates by cross-validated GMRQ (McGibbon & Pande 2015). In every fold
// the whole pipeline is fitted on the training trajectories only: k-centers
// on their frames, the MSM on their discrete trajectories; the held-out
// trajectories are assigned to those centres and scored.

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/cluster_inputs.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_commands.h"
#include "cli/msm_file.h"
#include "core/error.h"
#include "msm/cluster_assign.h"
#include "msm/cluster_kcenters.h"
#include "msm/gmrq.h"

namespace nucleate::cli {
namespace {

struct GmrqCommand {
  std::vector<std::string> inputs;
  std::string cvs;
  std::string kcenters;
  std::size_t lag = 1;
  std::size_t folds = 5;
  std::size_t components = 5;
  std::uint64_t seed = 0;
  std::string output;
};

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find(',', at), text.size());
    if (end > at) names.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  if (names.empty()) throw UsageError("--cvs: give column names, e.g. --cvs n,nq6");
  return names;
}

void run_gmrq(const GmrqCommand& options) {
  const std::vector<std::string> cvs = split_names(options.cvs);
  std::vector<msm::Points> data;
  for (const auto& path : options.inputs) data.push_back(read_cv_columns(path, cvs));
  const auto sizes = parse_state_list(options.kcenters, "--kcenters");
  const std::vector<std::size_t> fold = msm::assign_folds(data.size(), options.folds, options.seed);
  msm::EstimateOptions estimate;
  estimate.lag = options.lag;

  nlohmann::json out;
  out["cvs"] = cvs;
  out["lag"] = options.lag;
  out["folds"] = options.folds;
  out["components"] = options.components;
  out["seed"] = options.seed;
  out["fold_of_input"] = fold;
  out["n_states"] = nlohmann::json::array();
  out["train_scores"] = nlohmann::json::array();
  out["test_scores"] = nlohmann::json::array();
  for (std::int32_t k : sizes) {
    if (k < 1) throw UsageError(fmt::format("--kcenters: {} centres", k));
    std::vector<double> train_scores;
    std::vector<double> test_scores;
    for (std::size_t f = 0; f < options.folds; ++f) {
      std::vector<msm::Points> train_points;
      for (std::size_t t = 0; t < data.size(); ++t)
        if (fold[t] != f) train_points.push_back(data[t]);
      const msm::PointSet training = msm::PointSet::stack(train_points);
      const msm::KCentersResult centres =
          msm::k_centers(training.points, static_cast<std::size_t>(k), options.seed);
      std::vector<msm::DiscreteTrajectory> train;
      std::vector<msm::DiscreteTrajectory> test;
      for (std::size_t t = 0; t < data.size(); ++t) {
        (fold[t] == f ? test : train).push_back(msm::assign_to_centers(data[t], centres.centers));
      }
      const msm::MarkovModel model = msm::estimate_markov_model(train, estimate);
      train_scores.push_back(msm::gmrq_training_score(model, options.components));
      test_scores.push_back(msm::gmrq_test_score(model, test, options.components));
    }
    out["n_states"].push_back(k);
    out["train_scores"].push_back(train_scores);
    out["test_scores"].push_back(test_scores);
    double train_mean = 0, test_mean = 0;
    for (std::size_t f = 0; f < options.folds; ++f) {
      train_mean += train_scores[f] / static_cast<double>(options.folds);
      test_mean += test_scores[f] / static_cast<double>(options.folds);
    }
    std::printf("%d states: GMRQ train %.4f, test %.4f (mean of %zu folds)\n", k, train_mean,
                test_mean, options.folds);
  }
  write_json(options.output, out);
}

}  // namespace

void add_msm_gmrq(CLI::App& msm) {
  auto options = std::make_shared<GmrqCommand>();
  CLI::App* cmd =
      msm.add_subcommand("gmrq", "Cross-validated GMRQ scores to choose the number of microstates");
  cmd->add_option("inputs", options->inputs,
                  "CV time series (COLVAR or 2-D .npy), one per trajectory")
      ->required();
  cmd->add_option("--cvs", options->cvs, "Columns to cluster on, e.g. n,nq6 (indices for .npy)")
      ->required();
  cmd->add_option("--kcenters", options->kcenters,
                  "Numbers of k-centers microstates to score, e.g. 50,100,200")
      ->required();
  cmd->add_option("--lag", options->lag, "Lag time in frames")->required()->check(kPositive);
  cmd->add_option("--folds", options->folds, "Folds over trajectories")
      ->default_val(5)
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--components", options->components,
                  "Eigenvectors scored (the stationary one included)")
      ->default_val(5)
      ->check(kPositive);
  cmd->add_option("--seed", options->seed, "Seed for the fold split and k-centers' first centre")
      ->default_val(0);
  cmd->add_option("-o,--output", options->output, "gmrq.json")->required();
  cmd->callback([options] { run_gmrq(*options); });
}

}  // namespace nucleate::cli
