#include "msm/ck_test.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.h"

namespace nucleate::msm {

Eigen::MatrixXd set_propagation(const SparseMatrix& transition_matrix, const Eigen::VectorXd& stationary,
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

CkTest chapman_kolmogorov_test(std::span<const DiscreteTrajectory> trajectories, const MarkovModel& model,
                               const Eigen::MatrixXd& memberships, std::size_t mlags) {
  if (memberships.rows() != static_cast<Eigen::Index>(model.active_set.size())) {
    throw UsageError(fmt::format("the memberships cover {} states, the model {}", memberships.rows(), model.active_set.size()));
  }
  if (mlags < 1) throw UsageError("the CK test needs at least one multiple of the lag");
  CkTest out;
  for (std::size_t k = 1; k <= mlags; ++k) {
    const std::size_t lag = k * model.options.lag;
    out.lags.push_back(lag);
    out.predicted.push_back(set_propagation(model.transition_matrix, model.stationary_distribution, memberships, k));
    EstimateOptions options = model.options;
    options.lag = lag;
    MarkovModel at_lag;
    try {
      at_lag = estimate_markov_model(trajectories, options);
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("CK test at lag {}: {}", lag, e.what()));
    }
    // Memberships of the states this model keeps, by original label.
    Eigen::MatrixXd chi = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(at_lag.active_set.size()), memberships.cols());
    std::size_t missing = 0;
    for (std::size_t i = 0; i < at_lag.active_set.size(); ++i) {
      const auto it = std::lower_bound(model.active_set.begin(), model.active_set.end(), at_lag.active_set[i]);
      if (it != model.active_set.end() && *it == at_lag.active_set[i]) {
        chi.row(static_cast<Eigen::Index>(i)) = memberships.row(it - model.active_set.begin());
      } else {
        ++missing;
      }
    }
    if (missing > 0) out.warnings.push_back(fmt::format("lag {}: {} states outside the base model carry no membership", lag, missing));
    out.estimated.push_back(set_propagation(at_lag.transition_matrix, at_lag.stationary_distribution, chi, 1));
  }
  return out;
}

}  // namespace nucleate::msm
