// Effective counts and the Bayesian MSM: against hand-checkable statistics,
// invariants of the samples on deeptime's 18-state chain, and chains
// simulated from a known reversible matrix. Against deeptime 0.4.5's own
// numbers and against a direct integration of the posterior: see
// tests/validation/msm/.

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"
#include "msm/bayesian_msm.h"
#include "msm/connectivity.h"
#include "msm/effective_counts.h"
#include "msm/spectral.h"
#include "msm/transition_matrix.h"
#include "support/deeptime_reference.h"

namespace nucleate::msm {
namespace {

TEST(EffectiveCounts, StatisticalInefficiencyOfHandCheckableSeries) {
  // Alternating: the lag-1 autocovariance is negative at once, tau = 1/2, I = 1.
  std::vector<std::vector<double>> alternating = {{0, 1, 0, 1, 0, 1}};
  EXPECT_DOUBLE_EQ(statistical_inefficiency(alternating), 1.0);
  // 1,1,0,0,1,1,0,0: mean 1/2, A(1) = (4 - 3) / 4 / 7 = 1/28, A(2) < 0;
  // tau = 1/2 + (1/28)(1 - 1/8) / <x^2> with <x^2> = 1/2 -> 9/16, I = 8/9.
  std::vector<std::vector<double>> pairs = {{1, 1, 0, 0, 1, 1, 0, 0}};
  EXPECT_NEAR(statistical_inefficiency(pairs), 8.0 / 9.0, 1e-15);
  // Two series pool their lagged pairs; the damping uses the longest (N = 4).
  // mean 2/3, y = (1/3, 1/3, -2/3, -2/3), (1/3, 1/3);
  // A(1) = ((1 - 2 + 4) / 9 + 1 / 9) / 4 = 1/9, A(2) = (-4/9) / 2 < 0;
  // tau = 1/2 + (1/9)(1 - 1/4) / <x^2> with <x^2> = 2/3 -> 5/8, I = 4/5.
  std::vector<std::vector<double>> split = {{1, 1, 0, 0}, {1, 1}};
  EXPECT_NEAR(statistical_inefficiency(split), 0.8, 1e-15);
  std::vector<std::vector<double>> empty = {{}};
  EXPECT_THROW(statistical_inefficiency(empty), UsageError);
}

TEST(BayesianSummary, PercentilesAndDeeptimesIntervalByHand) {
  const std::vector<double> sorted = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 2.5), 1.075);  // numpy.percentile
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 97.5), 3.925);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 100), 4.0);
  // deeptime: mean 4 sits at sorted index pm = 3 (im = 3); left 3 - 0.95 * 3 =
  // 0.15 -> 1.15; right 3 + 0.95 * (5 - 3) = 4.9 -> clipped to index 4 -> 10.
  const std::vector<double> skewed = {10, 2, 1, 4, 3};
  const Interval ci = deeptime_confidence_interval(skewed, 0.95);
  EXPECT_NEAR(ci.lower, 1.15, 1e-12);
  EXPECT_NEAR(ci.upper, 10.0, 1e-12);
  // Mean between two values: {0, 1, 2, 9}, mean 3, im = 3, pm = 2 + 1/7.
  const std::vector<double> between = {0, 1, 2, 9};
  const double pm = 2.0 + 1.0 / 7.0;
  const Interval c2 = deeptime_confidence_interval(between, 0.5);
  const double pl = pm - 0.5 * pm;
  const double pr = pm + 0.5 * (4 - 3);
  EXPECT_NEAR(c2.lower, 1.0 + (pl - 1.0) * 1.0, 1e-12);
  EXPECT_NEAR(c2.upper, 2.0 + (pr - 2.0) * 7.0, 1e-12);
  const auto summary = summarize_samples({{1.0, 5.0}, {3.0, 5.0}});
  EXPECT_DOUBLE_EQ(summary.mean[0], 2.0);
  EXPECT_DOUBLE_EQ(summary.std[0], 1.0);  // ddof 0
  EXPECT_DOUBLE_EQ(summary.std[1], 0.0);
  EXPECT_DOUBLE_EQ(summary.deeptime[1].lower, 5.0);
  EXPECT_THROW(summarize_samples({{1.0}, {1.0, 2.0}}), UsageError);
}

TEST(BayesianMsm, SamplesAreReversibleStochasticMatricesOnThePattern) {
  const auto trajectories = testing::deeptime_small_trajectories();
  BayesianOptions options;
  options.samples = 20;
  options.seed = 7;
  const auto result = estimate_bayesian_msm(trajectories, 5, BayesCountMode::effective, options);
  const SparseMatrix symmetric =
      SparseMatrix(result.model.counts + SparseMatrix(result.model.counts.transpose()));
  const Eigen::MatrixXd pattern(symmetric);
  for (const auto& sample : result.model.samples) {
    const Eigen::MatrixXd t(sample.transition_matrix);
    const Eigen::VectorXd& pi = sample.stationary_distribution;
    EXPECT_NEAR(pi.sum(), 1.0, 1e-12);
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      EXPECT_NEAR(t.row(i).sum(), 1.0, 1e-12);
      for (Eigen::Index j = 0; j < t.cols(); ++j) {
        EXPECT_EQ(t(i, j) > 0.0, pattern(i, j) > 0.0) << i << "," << j;
        EXPECT_GE(t(i, j), 0.0);
        EXPECT_NEAR(pi[i] * t(i, j), pi[j] * t(j, i), 1e-12);
      }
    }
    EXPECT_LT((pi.transpose() * t - pi.transpose()).cwiseAbs().maxCoeff(), 1e-12);
    ASSERT_EQ(sample.timescales.size(), 17U);
  }
  // Samples move: the first two differ.
  const Eigen::MatrixXd a(result.model.samples[0].transition_matrix);
  const Eigen::MatrixXd b(result.model.samples[1].transition_matrix);
  EXPECT_GT((a - b).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(BayesianMsm, SameSeedSameSamplesOtherSeedOtherSamples) {
  const auto trajectories = testing::deeptime_small_trajectories();
  BayesianOptions options;
  options.samples = 5;
  options.seed = 123;
  const auto counts =
      restrict_to(count_transitions(trajectories, 5),
                  strongly_connected_sets(count_transitions(trajectories, 5)).front());
  const auto first = sample_bayesian_msm(counts, 5, 18, options);
  const auto again = sample_bayesian_msm(counts, 5, 18, options);
  options.seed = 124;
  const auto other = sample_bayesian_msm(counts, 5, 18, options);
  for (std::size_t s = 0; s < 5; ++s) {
    const Eigen::MatrixXd a(first.samples[s].transition_matrix);
    const Eigen::MatrixXd b(again.samples[s].transition_matrix);
    const Eigen::MatrixXd c(other.samples[s].transition_matrix);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_EQ(first.samples[s].timescales, again.samples[s].timescales);
  }
}

// A reversible 3-state chain: pi = (0.5, 0.3, 0.2), pi_i T_ij = pi_j T_ji.
Eigen::MatrixXd known_chain() {
  Eigen::MatrixXd t(3, 3);
  t << 0.96, 0.03, 0.01,  //
      0.05, 0.90, 0.05,   //
      0.025, 0.075, 0.90;
  return t;
}

DiscreteTrajectory simulate(const Eigen::MatrixXd& t, std::size_t frames, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  DiscreteTrajectory out(frames);
  std::int32_t state = 0;
  for (std::size_t k = 0; k < frames; ++k) {
    out[k] = state;
    const double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
    double cumulative = 0.0;
    std::int32_t next = 2;
    for (std::int32_t j = 0; j < 3; ++j) {
      cumulative += t(state, j);
      if (u < cumulative) {
        next = j;
        break;
      }
    }
    state = next;
  }
  return out;
}

// Data simulated from a known matrix: its slowest timescale should fall in
// the 95% interval in about 95% of independent data sets. With 40 sets the
// number of misses is ~Binomial(40, 0.05) (mean 2); 7 or more misses has
// probability 0.5% for a calibrated posterior. The posterior std must also
// match the actual scatter of the MLE over the data sets (within 30%, the
// scatter of a 40-set std being ~11%): too many counts or too few would make
// it fail. (At lag 2 the effective counts of this chain are ~1.7x too many:
// posterior std 0.84 against a scatter of 1.10, 34/40 inside; deeptime's
// estimator is a heuristic that it says tends to overestimate counts.)
TEST(BayesianMsm, KnownChainLiesInTheIntervalAboutNinetyFivePercentOfTheTime) {
  const Eigen::MatrixXd t = known_chain();
  Eigen::EigenSolver<Eigen::MatrixXd> solver(t, false);
  std::vector<double> moduli;
  for (Eigen::Index i = 0; i < 3; ++i) moduli.push_back(std::abs(solver.eigenvalues()[i]));
  std::sort(moduli.rbegin(), moduli.rend());
  {
    const std::size_t lag = 1;
    const double truth =
        -static_cast<double>(lag) / std::log(std::pow(moduli[1], static_cast<double>(lag)));
    int inside = 0;
    double mle_sum = 0.0;
    double mle_squares = 0.0;
    double posterior_std = 0.0;
    constexpr int kSets = 40;
    for (int set = 0; set < kSets; ++set) {
      const std::vector<DiscreteTrajectory> data = {simulate(t, 4000, 1000 + set)};
      BayesianOptions options;
      options.samples = 400;
      options.seed = static_cast<std::uint64_t>(set);
      const auto result = estimate_bayesian_msm(data, lag, BayesCountMode::effective, options);
      const auto& ts = result.model.timescales;
      inside += ts.lower[0] <= truth && truth <= ts.upper[0] ? 1 : 0;
      mle_sum += result.model.mle_timescales[0];
      mle_squares += result.model.mle_timescales[0] * result.model.mle_timescales[0];
      posterior_std += ts.std[0];
    }
    const double mle_mean = mle_sum / kSets;
    const double mle_scatter = std::sqrt(mle_squares / kSets - mle_mean * mle_mean);
    posterior_std /= kSets;
    EXPECT_GE(inside, 34) << "lag " << lag << ", true timescale " << truth;
    EXPECT_NEAR(posterior_std / mle_scatter, 1.0, 0.3) << "lag " << lag;
  }
}

TEST(BayesianMsm, ClearErrorsForUnusableInput) {
  BayesianOptions options;
  const std::vector<DiscreteTrajectory> short_data = {{0, 1}};
  EXPECT_THROW(estimate_bayesian_msm(short_data, 5, BayesCountMode::effective, options),
               UsageError);
  const std::vector<DiscreteTrajectory> single = {{3, 3, 3, 3, 3}};
  EXPECT_THROW(estimate_bayesian_msm(single, 1, BayesCountMode::effective, options), UsageError);
  const std::vector<DiscreteTrajectory> none;
  EXPECT_THROW(estimate_bayesian_msm(none, 1, BayesCountMode::effective, options), UsageError);
  options.samples = 0;
  const std::vector<DiscreteTrajectory> fine = {{0, 1, 0, 1, 1, 0}};
  EXPECT_THROW(estimate_bayesian_msm(fine, 1, BayesCountMode::sliding, options), UsageError);
}

}  // namespace
}  // namespace nucleate::msm
