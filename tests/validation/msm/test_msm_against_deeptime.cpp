// Markov state models against deeptime 0.4.5 on its 18-state reference chain.
//
// Reference: tests/data/deeptime-msm-small/small_ref.json with the
// trajectories small.txt (5 x 20,000 frames of a Metropolis walk on a 6x3
// grid with a double-well potential), copied from
// shared/reference/msm-small/ (tests/data/deeptime-msm-small/README.md). The
// JSON records deeptime_version 0.4.5 and its options: lag 5, sliding counts,
// strong connectivity, reversible MLE, A = {0,1,2}, B = {15,16,17}, PCCA+ with
// 2 sets, and for the Bayesian MSM effective counts, 100 samples, seed 42,
// n_steps 4. The Python script that ran deeptime was not kept with the
// outputs, so the exact deeptime calls are not recorded beyond those options.
//
// ctests (tests/validation/README.md gives each tolerance):
//   validation.msm.deeptime-estimate        Estimation.MatchesDeeptimeOnTheSmallChain
//   validation.msm.deeptime-effective-counts EffectiveCounts.ReproduceDeeptimesMleOnTheSmallChain
//   validation.msm.deeptime-bayesian        BayesianMsm.MatchesDeeptimesPosteriorOnTheSmallChain,
//                                           BayesianMsm.SlidingModeSamplesTheSlidingCounts
//   validation.msm.deeptime-mfpt            Mfpt.MatchesDeeptimeBetweenTheWells
//   validation.msm.deeptime-pcca            Pcca.MatchesDeeptimeOnTheSmallChain

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "msm/bayesian_msm.h"
#include "msm/connectivity.h"
#include "msm/effective_counts.h"
#include "msm/markov_model.h"
#include "msm/mfpt.h"
#include "msm/pcca.h"
#include "msm/spectral.h"
#include "msm/transition_matrix.h"
#include "support/deeptime_reference.h"

namespace nucleate::msm {
namespace {

TEST(Estimation, MatchesDeeptimeOnTheSmallChain) {
  const auto trajectories = testing::deeptime_small_trajectories();
  ASSERT_EQ(trajectories.size(), 5U);
  const auto ref = testing::deeptime_small_reference();
  EstimateOptions options;
  options.lag = ref["options"]["lag"];
  const MarkovModel model = estimate_markov_model(trajectories, options);

  ASSERT_EQ(model.active_set, ref["connected_set"].get<std::vector<std::int32_t>>());
  const auto counts = ref["count_matrix"].get<std::vector<std::vector<double>>>();
  const auto t = ref["transition_matrix"].get<std::vector<std::vector<double>>>();
  const Eigen::MatrixXd c_dense(model.counts);
  const Eigen::MatrixXd t_dense(model.transition_matrix);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    for (std::size_t j = 0; j < counts.size(); ++j) {
      EXPECT_EQ(c_dense(i, j), counts[i][j]) << i << "," << j;
      EXPECT_NEAR(t_dense(i, j), t[i][j], 1e-6) << i << "," << j;
    }
  }
  const auto pi = ref["stationary_distribution"].get<std::vector<double>>();
  for (std::size_t i = 0; i < pi.size(); ++i)
    EXPECT_NEAR(model.stationary_distribution[i], pi[i], 1e-6);
  const auto its = ref["implied_timescales"].get<std::vector<double>>();
  for (std::size_t i = 0; i < its.size(); ++i)
    EXPECT_NEAR(model.timescales[i], its[i], 1e-6 * its[i]) << i;
  const auto lambda = ref["eigenvalues"].get<std::vector<double>>();
  for (std::size_t i = 0; i < lambda.size(); ++i)
    EXPECT_NEAR(model.spectrum.eigenvalues[i].real(), lambda[i], 1e-6);
  EXPECT_TRUE(model.converged);
  EXPECT_TRUE(model.warnings.empty());
}

TEST(EffectiveCounts, ReproduceDeeptimesMleOnTheSmallChain) {
  // deeptime 0.4.5, count_mode="effective", lag 5: the reversible MLE on these
  // counts has slowest timescale 139.409..., not the sliding counts' 139.759
  // (row-wise scaling changes the reversible MLE, a global factor would not).
  const auto trajectories = testing::deeptime_small_trajectories();
  const auto ref = testing::deeptime_small_reference();
  const std::size_t lag = ref["options"]["lag"];
  const SparseMatrix full = effective_counts(trajectories, lag);
  const SparseMatrix sliding = count_transitions(trajectories, lag);
  ASSERT_EQ(full.nonZeros(), sliding.nonZeros());
  const auto active = strongly_connected_sets(full).front();
  ASSERT_EQ(active, ref["connected_set"].get<std::vector<std::int32_t>>());
  const auto mle = reversible_mle(restrict_to(full, active));
  std::vector<std::string> warnings;
  const auto its = implied_timescales(
      eigenvalues(mle.transition_matrix, 0, mle.stationary_distribution), lag, warnings);
  const double expected = ref["bayes"]["slowest_timescale_mle"];
  EXPECT_NEAR(its[0], expected, 1e-6 * expected);
  // Each row is the sliding row scaled by one factor in (0, 1].
  const Eigen::MatrixXd e(full);
  const Eigen::MatrixXd s(sliding);
  for (Eigen::Index i = 0; i < e.rows(); ++i) {
    const double factor = e.row(i).sum() / s.row(i).sum();
    EXPECT_GT(factor, 0.0);
    EXPECT_LE(factor, 1.0);
    EXPECT_LT((e.row(i) - factor * s.row(i)).cwiseAbs().maxCoeff(), 1e-9);
  }
}

// deeptime 0.4.5 (100 samples, 4 sweeps apart) reports for the slowest
// timescale: mean 139.19, std 4.12, percentile interval [131.76, 147.29], its
// own interval [131.90, 147.52]. Its sampler is the same algorithm with
// another random stream, so the numbers agree within sampling error only. We
// draw 2000 samples (our own error is then small) and allow 2.5 standard
// errors of deeptime's 100-sample figures, taken as if independent:
//   mean: SE = 4.12 / sqrt(100) = 0.41 -> 1.0
//   2.5 / 97.5 percentiles: SE = sqrt(p (1 - p) / 100) / density(quantile)
//         = 0.0156 / (0.0584 / 4.12) = 1.1 -> 2.75 (also for deeptime's interval).
// The std is NOT matched within its sampling error: long runs of our sampler
// give 3.38 (autocorrelation gone after ~5 sweeps), and 100-sample runs like
// deeptime's exceed 4.12 in 3 of 3000 seeds. The sampler is checked against
// direct integration above, and the counts against deeptime's MLE; the cause of
// deeptime's wider spread is not known. The std is held only to within 30%,
// which still catches a count matrix off by a factor (counts divided by the
// lag would give ~7.5).
TEST(BayesianMsm, MatchesDeeptimesPosteriorOnTheSmallChain) {
  const auto trajectories = testing::deeptime_small_trajectories();
  const auto ref = testing::deeptime_small_reference()["bayes"];
  BayesianOptions options;
  options.samples = 2000;
  options.seed = 42;
  options.timescales = 3;
  options.keep_transition_matrices = false;
  const auto result = estimate_bayesian_msm(trajectories, 5, BayesCountMode::effective, options);
  const BayesianModel& model = result.model;
  EXPECT_EQ(model.n_steps, ref["n_steps"].get<std::size_t>());  // floor(sqrt(18))
  EXPECT_EQ(result.active_set.size(), ref["n_states_active"].get<std::size_t>());
  const double mle = ref["slowest_timescale_mle"];
  EXPECT_NEAR(model.mle_timescales[0], mle, 1e-6 * mle);
  EXPECT_NEAR(model.timescales.mean[0], ref["slowest_timescale_mean"].get<double>(), 1.0);
  const double deeptime_std = ref["slowest_timescale_std"];
  EXPECT_GT(model.timescales.std[0], deeptime_std / 1.3);
  EXPECT_LT(model.timescales.std[0], deeptime_std * 1.3);
  const auto percentile = ref["slowest_timescale_percentile_2.5_97.5"];
  EXPECT_NEAR(model.timescales.lower[0], percentile[0].get<double>(), 2.75);
  EXPECT_NEAR(model.timescales.upper[0], percentile[1].get<double>(), 2.75);
  const auto ci = ref["slowest_timescale_ci95_deeptime"];
  EXPECT_NEAR(model.timescales.deeptime[0].lower, ci[0].get<double>(), 2.75);
  EXPECT_NEAR(model.timescales.deeptime[0].upper, ci[1].get<double>(), 2.75);
  EXPECT_TRUE(model.warnings.empty());
}

TEST(BayesianMsm, SlidingModeSamplesTheSlidingCounts) {
  const auto trajectories = testing::deeptime_small_trajectories();
  BayesianOptions options;
  options.samples = 3;
  const auto result = estimate_bayesian_msm(trajectories, 5, BayesCountMode::sliding, options);
  const auto ref = testing::deeptime_small_reference();
  const auto counts = ref["count_matrix"].get<std::vector<std::vector<double>>>();
  const Eigen::MatrixXd c(result.model.counts);
  for (std::size_t i = 0; i < counts.size(); ++i)
    for (std::size_t j = 0; j < counts.size(); ++j) EXPECT_EQ(c(i, j), counts[i][j]);
  EXPECT_NEAR(result.model.mle_timescales[0], ref["implied_timescales"][0].get<double>(),
              1e-6 * 139.8);
}

TEST(Mfpt, MatchesDeeptimeBetweenTheWells) {
  const auto ref = testing::deeptime_small_reference();
  EstimateOptions options;
  options.lag = 5;
  const MarkovModel model = estimate_markov_model(testing::deeptime_small_trajectories(), options);
  const auto a = ref["A_active_idx"].get<std::vector<std::int32_t>>();
  const auto b = ref["B_active_idx"].get<std::vector<std::int32_t>>();
  // deeptime reports frames; the chain steps are lags.
  const double ab =
      5 * mean_first_passage_time(model.transition_matrix, model.stationary_distribution, a, b);
  const double ba =
      5 * mean_first_passage_time(model.transition_matrix, model.stationary_distribution, b, a);
  EXPECT_NEAR(ab, ref["mfpt_A_to_B_frames"].get<double>(), 1e-6 * ab);
  EXPECT_NEAR(ba, ref["mfpt_B_to_A_frames"].get<double>(), 1e-6 * ba);
}

TEST(Pcca, MatchesDeeptimeOnTheSmallChain) {
  const auto ref = testing::deeptime_small_reference();
  EstimateOptions options;
  options.lag = 5;
  const MarkovModel model = estimate_markov_model(testing::deeptime_small_trajectories(), options);
  const Pcca result = pcca(model.transition_matrix, model.stationary_distribution, 2);
  const auto chi = ref["pcca"]["memberships"].get<std::vector<std::vector<double>>>();
  // deeptime stops SciPy's Nelder-Mead at its default tolerances (1e-4 in the
  // rotation), we search further; both reach the same optimum (measured: the
  // memberships agree to better than 1e-10 here).
  for (std::size_t i = 0; i < chi.size(); ++i)
    for (std::size_t k = 0; k < 2; ++k)
      EXPECT_NEAR(result.memberships(i, k), chi[i][k], 1e-6) << i << "," << k;
  EXPECT_EQ(result.assignments, ref["pcca"]["assignments"].get<std::vector<std::int32_t>>());
  EXPECT_TRUE(result.optimiser_converged);
  // The coarse model is a transition matrix with the coarse stationary distribution.
  for (Eigen::Index i = 0; i < 2; ++i)
    EXPECT_NEAR(result.coarse_transition_matrix.row(i).sum(), 1.0, 1e-10);
  EXPECT_NEAR(result.coarse_stationary_distribution.sum(), 1.0, 1e-12);
  const Eigen::RowVectorXd pc = result.coarse_stationary_distribution.transpose();
  EXPECT_LT((pc * result.coarse_transition_matrix - pc).cwiseAbs().maxCoeff(), 1e-10);
}

}  // namespace
}  // namespace nucleate::msm
