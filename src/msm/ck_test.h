#pragma once
// Chapman-Kolmogorov test on metastable sets (PyEMMA/deeptime's cktest):
// start in set A with the local equilibrium p0_i(A) = pi_i chi_A(i) /
// sum_j pi_j chi_A(j) and ask for the probability to be in set B
//   predicted(k)_AB = p0(A)^T T(tau)^k chi_B        (the model at lag tau)
//   estimated(k)_AB = p0'(A)^T T(k tau) chi_B        (a model estimated at k tau)
// for k = 1 .. mlags. A Markovian model has the two agree within errors.

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/bayesian_msm.h"
#include "msm/markov_model.h"

namespace nucleate::msm {

struct CkTest {
  std::vector<std::size_t> lags;           ///< k tau, frames
  std::vector<Eigen::MatrixXd> predicted;  ///< one sets x sets matrix per lag
  std::vector<Eigen::MatrixXd> estimated;
  std::vector<std::string> warnings;
};

/// `memberships` rows follow `model.active_set`. Models at k tau are
/// estimated from `trajectories` with `model.options` and the lag replaced;
/// their states outside the base active set carry no membership.
CkTest chapman_kolmogorov_test(std::span<const DiscreteTrajectory> trajectories,
                               const MarkovModel& model, const Eigen::MatrixXd& memberships,
                               std::size_t mlags);

/// Memberships given for states `labels` (ascending), re-indexed onto
/// `active_set`; states without a membership get a zero row. Returns how
/// many had none through `missing`.
Eigen::MatrixXd memberships_on(const std::vector<std::int32_t>& active_set,
                               const std::vector<std::int32_t>& labels,
                               const Eigen::MatrixXd& memberships, std::size_t& missing);

/// 95% percentile bands of the CK test from Bayesian MSMs (effective
/// counts, as `msm bayes`): predicted(k) from each sample of the model at
/// tau, estimated(k) from each sample of a model at k tau.
struct CkBands {
  std::vector<Eigen::MatrixXd> predicted_lower, predicted_upper;
  std::vector<Eigen::MatrixXd> estimated_lower, estimated_upper;
};
CkBands chapman_kolmogorov_bands(std::span<const DiscreteTrajectory> trajectories, std::size_t lag,
                                 const std::vector<std::int32_t>& labels,
                                 const Eigen::MatrixXd& memberships, std::size_t mlags,
                                 const BayesianOptions& options);

/// p0(A)^T T^k chi_B for every pair of sets, for one transition matrix.
Eigen::MatrixXd set_propagation(const SparseMatrix& transition_matrix,
                                const Eigen::VectorXd& stationary,
                                const Eigen::MatrixXd& memberships, std::size_t steps);

// ---- the `msm cktest` analysis: options, result and ck.json -------------

struct CkOptions {
  std::size_t lag = 1;    ///< of the model tested, frames
  std::size_t mlags = 5;  ///< test at lag, 2 lag, ..., mlags lag
  bool nonreversible = false;
  std::size_t samples = 100;  ///< Bayesian samples per model for the bands; 0: none
  std::uint64_t seed = 0;
};
const OptionTable<CkOptions>& ck_options();

struct CkResult {
  CkTest test;
  std::optional<CkBands> bands;
};

/// The test of the model at options.lag on the metastable sets whose
/// memberships are given by original state label (`labels`, ascending).
/// UsageError when a state of the model has no membership.
CkResult chapman_kolmogorov(std::span<const DiscreteTrajectory> trajectories,
                            const CkOptions& options, const std::vector<std::int32_t>& labels,
                            const Eigen::MatrixXd& memberships,
                            const std::function<void(std::size_t)>& on_samples = nullptr);

/// ck.json: lag, lags, predicted, estimated, [their lower/upper bands,
/// bayesian], warnings.
Json ck_json(const CkResult& result, const CkOptions& options);

}  // namespace nucleate::msm
