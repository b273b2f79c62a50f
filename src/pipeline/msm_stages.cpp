#include "pipeline/msm_stages.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "io/cv_columns.h"
#include "io/dtraj.h"
#include "io/number_column.h"

namespace nucleate::pipeline {

msm::SavedModel run_msm_estimate(const msm::MsmEstimateOptions& options,
                                 const std::vector<std::string>& dtrajs,
                                 const std::string& stationary) {
  const std::vector<msm::DiscreteTrajectory> trajectories = io::read_discrete_trajectories(dtrajs);
  std::optional<Eigen::VectorXd> pi;
  if (!stationary.empty()) {
    const std::vector<double> values =
        io::read_number_column(stationary, "stationary probability", true);
    pi = Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
  }
  msm::SavedModel saved;
  saved.model =
      msm::estimate_markov_model(trajectories, msm::estimate_options(options, trajectories, pi));
  saved.dt = options.dt;
  saved.trajectories = dtrajs;
  return saved;
}

std::string msm_estimate_headline(const msm::SavedModel& saved, const std::string& output) {
  const msm::MarkovModel& model = saved.model;
  std::string slowest;
  for (std::size_t k = 0; k < std::min<std::size_t>(3, model.timescales.size()); ++k) {
    slowest +=
        fmt::format("{}{:.4g}", k == 0 ? "" : ", ", model.timescales[k] * saved.frame_time());
  }
  return fmt::format("{} states ({} dropped), lag {}, slowest timescales {} {} -> {}",
                     model.active_set.size(), model.dropped.states.size(), model.options.lag,
                     slowest, saved.dt ? "(time units of --dt)" : "frames", output);
}

msm::ItsResult run_its(const msm::ItsOptions& options, const std::vector<std::string>& dtrajs,
                       const Progress& progress) {
  return msm::implied_timescales_scan(io::read_discrete_trajectories(dtrajs), options, progress);
}

std::vector<std::string> its_lines(const msm::ItsResult& result, const msm::ItsOptions& options) {
  const Json j = msm::its_json(result, options);
  std::vector<std::string> lines;
  for (std::size_t k = 0; k < result.lags.size(); ++k) {
    std::string line =
        fmt::format("lag {}: {} states, timescales", result.lags[k], result.n_states[k]);
    for (const auto& t : j["timescales"][k]) line += fmt::format(" {}", t.dump());
    lines.push_back(std::move(line));
  }
  return lines;
}

msm::BayesianTrajectoryModel run_bayes(const msm::BayesianMsmOptions& options,
                                       const std::vector<std::string>& dtrajs, bool keep_matrices,
                                       const Progress& progress) {
  return msm::bayesian_msm(io::read_discrete_trajectories(dtrajs), options, keep_matrices,
                           progress);
}

std::string bayes_headline(const msm::BayesianTrajectoryModel& result,
                           const msm::BayesianMsmOptions& options, const std::string& output) {
  const auto& t = result.model.timescales;
  const double unit = options.dt.value_or(1.0);
  std::string slowest = "none";
  if (!t.mean.empty()) {
    slowest = fmt::format("{:.4g} +- {:.2g} [{:.4g}, {:.4g}]", t.mean[0] * unit, t.std[0] * unit,
                          t.lower[0] * unit, t.upper[0] * unit);
  }
  return fmt::format(
      "{} states ({} dropped), lag {}, {} samples {} sweeps apart (seed {}): slowest timescale {} "
      "{} -> {}",
      result.active_set.size(), result.dropped_states.size(), options.lag,
      result.model.samples.size(), result.model.n_steps, options.seed, slowest,
      options.dt ? "(time units of --dt)" : "frames", output);
}

msm::MacrostateModel run_pcca(const msm::PccaOptions& options, const std::string& model_file) {
  return msm::macrostates(msm::read_model_file(model_file).model, options);
}

std::vector<std::string> pcca_lines(const msm::MacrostateModel& result) {
  std::vector<std::string> lines;
  for (std::size_t k = 0; k < result.sets.size(); ++k) {
    lines.push_back(
        fmt::format("set {}: {} states, stationary weight {:.4g}", k, result.sets[k].size(),
                    result.pcca.coarse_stationary_distribution[static_cast<Eigen::Index>(k)]));
  }
  return lines;
}

msm::CkResult run_cktest(const msm::CkOptions& options, const std::vector<std::string>& dtrajs,
                         const std::string& pcca_file, const Progress& progress) {
  const std::vector<msm::DiscreteTrajectory> trajectories = io::read_discrete_trajectories(dtrajs);
  const msm::MacrostateModel saved = msm::read_pcca_file(pcca_file);
  try {
    return msm::chapman_kolmogorov(trajectories, options, saved.active_set, saved.pcca.memberships,
                                   progress);
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("{} (memberships from {})", e.what(), pcca_file));
  }
}

std::vector<std::string> cktest_lines(const msm::CkResult& result) {
  std::vector<std::string> lines;
  const msm::CkTest& ck = result.test;
  for (std::size_t k = 0; k < ck.lags.size(); ++k) {
    lines.push_back(fmt::format("lag {}: largest |predicted - estimated| {:.6f}", ck.lags[k],
                                (ck.predicted[k] - ck.estimated[k]).cwiseAbs().maxCoeff()));
  }
  return lines;
}

msm::GmrqScan run_gmrq(const msm::GmrqOptions& options, const std::vector<std::string>& inputs) {
  std::vector<msm::Points> data;
  data.reserve(inputs.size());
  for (const auto& path : inputs) data.push_back(io::read_cv_columns(path, options.cvs));
  return msm::gmrq_state_count_scan(data, options);
}

std::vector<std::string> gmrq_lines(const msm::GmrqScan& scan, const msm::GmrqOptions& options) {
  std::vector<std::string> lines;
  for (std::size_t k = 0; k < scan.n_states.size(); ++k) {
    double train = 0.0;
    double test = 0.0;
    for (std::size_t f = 0; f < options.folds; ++f) {
      train += scan.train_scores[k][f] / static_cast<double>(options.folds);
      test += scan.test_scores[k][f] / static_cast<double>(options.folds);
    }
    lines.push_back(fmt::format("{} states: GMRQ train {:.4f}, test {:.4f} (mean of {} folds)",
                                scan.n_states[k], train, test, options.folds));
  }
  return lines;
}

}  // namespace nucleate::pipeline
