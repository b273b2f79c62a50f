#include "msm/ck_test.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "msm/pcca_file.h"

namespace nucleate::msm {

Eigen::MatrixXd set_propagation(const SparseMatrix& transition_matrix,
                                const Eigen::VectorXd& stationary,
                                const Eigen::MatrixXd& memberships, std::size_t steps) {
  // Rows of p0: one initial distribution per set.
  Eigen::MatrixXd p = (stationary.asDiagonal() * memberships).transpose();
  for (Eigen::Index a = 0; a < p.rows(); ++a) {
    const double weight = p.row(a).sum();
    if (!(weight > 0)) throw Error(fmt::format("metastable set {} holds no stationary weight", a));
    p.row(a) /= weight;
  }
  for (std::size_t k = 0; k < steps; ++k) p = p * transition_matrix;  // dense x sparse, k times
  return p * memberships;
}

Eigen::MatrixXd memberships_on(const std::vector<std::int32_t>& active_set,
                               const std::vector<std::int32_t>& labels,
                               const Eigen::MatrixXd& memberships, std::size_t& missing) {
  Eigen::MatrixXd chi =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(active_set.size()), memberships.cols());
  missing = 0;
  for (std::size_t i = 0; i < active_set.size(); ++i) {
    const auto it = std::lower_bound(labels.begin(), labels.end(), active_set[i]);
    if (it != labels.end() && *it == active_set[i]) {
      chi.row(static_cast<Eigen::Index>(i)) = memberships.row(it - labels.begin());
    } else {
      ++missing;
    }
  }
  return chi;
}

namespace {

// Runs one lag's step, naming the lag in any error it raises (a CK test
// scans several lags; "at lag 40" tells which one had too few data).
template <class Step>
void at_lag(std::size_t lag, Step&& step) {
  try {
    step();
  } catch (const InputError&) {
    throw;  // names its file already
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("CK test at lag {}: {}", lag, e.what()));
  } catch (const Error& e) {
    throw Error(fmt::format("CK test at lag {}: {}", lag, e.what()));
  }
}

}  // namespace

CkTest chapman_kolmogorov_test(std::span<const DiscreteTrajectory> trajectories,
                               const MarkovModel& model, const Eigen::MatrixXd& memberships,
                               std::size_t mlags) {
  if (memberships.rows() != static_cast<Eigen::Index>(model.active_set.size())) {
    throw UsageError(fmt::format("the memberships cover {} states, the model {}",
                                 memberships.rows(), model.active_set.size()));
  }
  if (mlags < 1) throw UsageError("the CK test needs at least one multiple of the lag");
  CkTest out;
  for (std::size_t k = 1; k <= mlags; ++k) {
    const std::size_t lag = k * model.options.lag;
    out.lags.push_back(lag);
    at_lag(lag, [&] {
      out.predicted.push_back(
          set_propagation(model.transition_matrix, model.stationary_distribution, memberships, k));
      EstimateOptions options = model.options;
      options.lag = lag;
      const MarkovModel estimated = estimate_markov_model(trajectories, options);
      std::size_t missing = 0;
      const Eigen::MatrixXd chi =
          memberships_on(estimated.active_set, model.active_set, memberships, missing);
      if (missing > 0)
        out.warnings.push_back(fmt::format(
            "lag {}: {} states outside the base model carry no membership", lag, missing));
      out.estimated.push_back(
          set_propagation(estimated.transition_matrix, estimated.stationary_distribution, chi, 1));
    });
  }
  return out;
}

namespace {

// Percentile bands, entry by entry, of a list of equally shaped matrices.
void bands(const std::vector<Eigen::MatrixXd>& samples, Eigen::MatrixXd& lower,
           Eigen::MatrixXd& upper) {
  lower.resize(samples.front().rows(), samples.front().cols());
  upper.resizeLike(lower);
  std::vector<double> values(samples.size());
  for (Eigen::Index i = 0; i < lower.rows(); ++i) {
    for (Eigen::Index j = 0; j < lower.cols(); ++j) {
      for (std::size_t s = 0; s < samples.size(); ++s) values[s] = samples[s](i, j);
      std::sort(values.begin(), values.end());
      lower(i, j) = percentile_of_sorted(values, 2.5);
      upper(i, j) = percentile_of_sorted(values, 97.5);
    }
  }
}

}  // namespace

CkBands chapman_kolmogorov_bands(std::span<const DiscreteTrajectory> trajectories, std::size_t lag,
                                 const std::vector<std::int32_t>& labels,
                                 const Eigen::MatrixXd& memberships, std::size_t mlags,
                                 const BayesianOptions& options) {
  CkBands out;
  BayesianOptions keep = options;
  keep.keep_transition_matrices = true;
  const auto base = estimate_bayesian_msm(trajectories, lag, BayesCountMode::effective, keep);
  std::size_t missing = 0;
  const Eigen::MatrixXd chi = memberships_on(base.active_set, labels, memberships, missing);
  for (std::size_t k = 1; k <= mlags; ++k) {
    std::vector<Eigen::MatrixXd> predicted;
    std::vector<Eigen::MatrixXd> estimated;
    at_lag(k * lag, [&] {
      for (const auto& sample : base.model.samples) {
        predicted.push_back(
            set_propagation(sample.transition_matrix, sample.stationary_distribution, chi, k));
      }
      const auto posterior =
          estimate_bayesian_msm(trajectories, k * lag, BayesCountMode::effective, keep);
      const Eigen::MatrixXd chi_k =
          memberships_on(posterior.active_set, labels, memberships, missing);
      for (const auto& sample : posterior.model.samples) {
        estimated.push_back(
            set_propagation(sample.transition_matrix, sample.stationary_distribution, chi_k, 1));
      }
    });
    Eigen::MatrixXd lo;
    Eigen::MatrixXd hi;
    bands(predicted, lo, hi);
    out.predicted_lower.push_back(lo);
    out.predicted_upper.push_back(hi);
    bands(estimated, lo, hi);
    out.estimated_lower.push_back(lo);
    out.estimated_upper.push_back(hi);
  }
  return out;
}

namespace {

Json stack(const std::vector<Eigen::MatrixXd>& matrices) {
  Json out = Json::array();
  for (const auto& m : matrices) out.push_back(matrix_rows(m));
  return out;
}

}  // namespace

const OptionTable<CkOptions>& ck_options() {
  using O = CkOptions;
  static const OptionTable<O> table{
      {"lag",
       &O::lag,
       "Lag time of the model tested",
       "frames",
       OptionCheck::positive,
       {},
       {},
       true},
      {"mlags", &O::mlags, "Test at lag, 2 lag, ..., mlags lag", "", OptionCheck::positive},
      {"nonreversible", &O::nonreversible, "Row-normalised counts instead of the reversible MLE"},
      {"samples",
       &O::samples,
       "Bayesian MSM samples per model for 95% bands (0: none)",
       "",
       OptionCheck::none,
       {},
       {"--bayesian"}},
      {"seed", &O::seed, "Seed of the Bayesian sampler (the same seed gives the same samples)"},
  };
  return table;
}

CkResult chapman_kolmogorov(std::span<const DiscreteTrajectory> trajectories,
                            const CkOptions& options, const std::vector<std::int32_t>& labels,
                            const Eigen::MatrixXd& memberships,
                            const std::function<void(std::size_t)>& on_samples) {
  check_options(options, ck_options());
  EstimateOptions estimate;
  estimate.lag = options.lag;
  estimate.reversible = !options.nonreversible;
  const MarkovModel model = estimate_markov_model(trajectories, estimate);
  std::size_t missing = 0;
  const Eigen::MatrixXd chi = memberships_on(model.active_set, labels, memberships, missing);
  if (missing > 0) {
    throw UsageError(fmt::format("{} states of the model at lag {} have no PCCA+ membership",
                                 missing, options.lag));
  }
  CkResult result;
  result.test = chapman_kolmogorov_test(trajectories, model, chi, options.mlags);
  if (options.samples > 0) {
    BayesianOptions bayes;
    bayes.on_samples = on_samples;
    bayes.samples = options.samples;
    bayes.seed = options.seed;
    bayes.timescales = 1;
    result.bands = chapman_kolmogorov_bands(trajectories, options.lag, labels, memberships,
                                            options.mlags, bayes);
  }
  return result;
}

Json ck_json(const CkResult& result, const CkOptions& options) {
  Json out;
  out["lag"] = options.lag;
  out["lags"] = result.test.lags;
  out["predicted"] = stack(result.test.predicted);
  out["estimated"] = stack(result.test.estimated);
  out["warnings"] = result.test.warnings;
  if (result.bands) {
    out["predicted_lower"] = stack(result.bands->predicted_lower);
    out["predicted_upper"] = stack(result.bands->predicted_upper);
    out["estimated_lower"] = stack(result.bands->estimated_lower);
    out["estimated_upper"] = stack(result.bands->estimated_upper);
    out["bayesian"] = {{"samples", options.samples},
                       {"seed", options.seed},
                       {"count_mode", "effective"},
                       {"interval", "percentile 2.5 .. 97.5"}};
  }
  return out;
}

}  // namespace nucleate::msm
