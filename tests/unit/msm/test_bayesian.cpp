// Effective counts and the Bayesian MSM: against deeptime 0.4.5 on its
// 18-state chain, against hand-checkable statistics, and against chains
// simulated from a known reversible matrix.

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <array>
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

// The sampler against the posterior it claims to sample, on a 3-state count
// matrix with one empty pair (C02 = C20 = 0), by direct numerical integration:
// p(X) ~ x00^(c00-1) x11^(c11-1) x22^(c22-1) x01^(c01+c10-1) x12^(c12+c21-1)
//        / (x0^c0 x1^c1 x2^c2)
// over the plane x00 + 2 x01 + x11 + 2 x12 + x22 = 1 (the density is
// homogeneous of degree -5, so it restricts to the plane with uniform
// measure), midpoint rule on a 64^4 grid over (x00, x01, x11, x12) with
// NumPy; 40^4 and 56^4 agree to 3e-4. Posterior means and stds:
//   T01 0.25001 +- 0.10494, T12 0.29415 +- 0.10744, pi0 0.30457 +- 0.15094.
// 100,000 sweeps (lag-1 autocorrelation ~0.3) give standard errors ~5e-4 for
// the means and ~3e-4 for the stds; the tolerance is 2e-3.
TEST(BayesianMsm, SamplesThePosteriorOfAThreeStateMatrix) {
  Eigen::MatrixXd c(3, 3);
  c << 12, 4, 0, 3, 9, 5, 0, 6, 8;
  BayesianOptions options;
  options.samples = 100000;
  options.steps = 1;
  options.seed = 3;
  options.timescales = 1;
  const auto model = sample_bayesian_msm(c.sparseView(), 1, 3, options);
  const std::array<double, 3> mean_ref = {0.25001, 0.29415, 0.30457};
  const std::array<double, 3> std_ref = {0.10494, 0.10744, 0.15094};
  std::array<double, 3> sum{};
  std::array<double, 3> squares{};
  for (const auto& sample : model.samples) {
    const std::array<double, 3> v = {sample.transition_matrix.coeff(0, 1),
                                     sample.transition_matrix.coeff(1, 2),
                                     sample.stationary_distribution[0]};
    for (std::size_t k = 0; k < 3; ++k) {
      sum[k] += v[k];
      squares[k] += v[k] * v[k];
    }
    EXPECT_EQ(sample.transition_matrix.coeff(0, 2), 0.0);
  }
  const auto n = static_cast<double>(model.samples.size());
  for (std::size_t k = 0; k < 3; ++k) {
    const double mean = sum[k] / n;
    EXPECT_NEAR(mean, mean_ref[k], 2e-3) << k;
    EXPECT_NEAR(std::sqrt(squares[k] / n - mean * mean), std_ref[k], 2e-3) << k;
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
