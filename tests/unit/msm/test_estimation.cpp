// MSM estimation: invariants on deeptime's reference trajectories, and chains
// whose answers are known by hand. The comparison with deeptime 0.4.5's own
// estimate is in tests/validation/msm/test_msm_against_deeptime.cpp.

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "msm/connectivity.h"
#include "msm/markov_model.h"
#include "msm/transition_matrix.h"
#include "support/deeptime_reference.h"

namespace nucleate::msm {
namespace {

TEST(Estimation, ReversibleMatrixHasDetailedBalanceAndUnitRows) {
  const auto trajectories = testing::deeptime_small_trajectories();
  EstimateOptions options;
  options.lag = 3;
  const MarkovModel model = estimate_markov_model(trajectories, options);
  const Eigen::MatrixXd t(model.transition_matrix);
  const Eigen::VectorXd& pi = model.stationary_distribution;
  for (Eigen::Index i = 0; i < t.rows(); ++i) {
    EXPECT_NEAR(t.row(i).sum(), 1.0, 1e-12);
    for (Eigen::Index j = 0; j < t.cols(); ++j)
      EXPECT_NEAR(pi[i] * t(i, j), pi[j] * t(j, i), 1e-12);
  }
  // pi is stationary: pi T = pi.
  EXPECT_LT((pi.transpose() * t - pi.transpose()).cwiseAbs().maxCoeff(), 1e-9);
}

SparseMatrix dense_to_sparse(const Eigen::MatrixXd& m) {
  return m.sparseView();
}

TEST(Estimation, TwoStateChainHasItsKnownOptimumAndTimescale) {
  // Every two-state chain is reversible, so the reversible MLE is the
  // unconstrained one, T_ij = c_ij / c_i, with pi_0 = T_10 / (T_01 + T_10).
  Eigen::MatrixXd c(2, 2);
  c << 90, 10, 30, 170;
  const auto estimate = reversible_mle(dense_to_sparse(c), 1e-14);
  const Eigen::MatrixXd t(estimate.transition_matrix);
  EXPECT_NEAR(t(0, 1), 10.0 / 100, 1e-12);
  EXPECT_NEAR(t(1, 0), 30.0 / 200, 1e-12);
  EXPECT_NEAR(estimate.stationary_distribution[0], 0.15 / 0.25, 1e-12);
  // Timescale of a two-state chain: lambda_2 = 1 - T01 - T10.
  std::vector<std::string> warnings;
  const auto spectrum =
      eigenvalues(estimate.transition_matrix, 0, estimate.stationary_distribution);
  const auto its = implied_timescales(spectrum, 2.0, warnings);
  EXPECT_NEAR(its[0], -2.0 / std::log(1 - t(0, 1) - t(1, 0)), 1e-10);
  EXPECT_TRUE(warnings.empty());
}

TEST(Estimation, SymmetricCountsGiveTheRowNormalisedMatrix) {
  // With C = C^T the reversible MLE is T_ij = c_ij / c_i, pi_i = c_i / N:
  // the unconstrained optimum already satisfies detailed balance.
  Eigen::MatrixXd c(3, 3);
  c << 40, 7, 3, 7, 20, 11, 3, 11, 60;
  const auto estimate = reversible_mle(dense_to_sparse(c), 1e-14);
  const Eigen::MatrixXd t(estimate.transition_matrix);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(estimate.stationary_distribution[i], c.row(i).sum() / c.sum(), 1e-12);
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(t(i, j), c(i, j) / c.row(i).sum(), 1e-12);
  }
}

TEST(Estimation, ReversibleMleSatisfiesItsFixedPointEquations) {
  // A count matrix far from reversible: at the optimum
  // x_i = sum_j (c_ij + c_ji) / (c_i / x_i + c_j / x_j) (Bowman et al. 2009).
  Eigen::MatrixXd c(3, 3);
  c << 10, 30, 0, 2, 50, 9, 8, 1, 25;
  const auto estimate = reversible_mle(dense_to_sparse(c), 1e-15);
  const Eigen::VectorXd& x = estimate.stationary_distribution;
  auto update = [&](int i) {
    double sum = 0;
    for (int j = 0; j < 3; ++j)
      sum += (c(i, j) + c(j, i)) / (c.row(i).sum() / x[i] + c.row(j).sum() / x[j]);
    return sum;
  };
  const double total = update(0) + update(1) + update(2);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(x[i], update(i) / total, 1e-12);
  // and the answer is not the row-normalised one: the constraint binds.
  EXPECT_GT(std::abs(Eigen::MatrixXd(estimate.transition_matrix)(0, 1) - 30.0 / 40), 1e-3);
}

TEST(Estimation, GivenTheFreeOptimumsPiTheConstrainedMleIsTheFreeOne) {
  // The reversible MLE's own pi is where the constrained and the free
  // optimum coincide; any other pi gives a matrix in detailed balance with it.
  const auto trajectories = testing::deeptime_small_trajectories();
  const SparseMatrix counts = count_transitions(trajectories, 5);
  const auto free = reversible_mle(counts, 1e-14);
  const auto fixed = reversible_mle_given_pi(counts, free.stationary_distribution);
  EXPECT_TRUE(fixed.converged);
  EXPECT_LT((Eigen::MatrixXd(fixed.transition_matrix) - Eigen::MatrixXd(free.transition_matrix))
                .cwiseAbs()
                .maxCoeff(),
            1e-8);

  Eigen::VectorXd uniform =
      Eigen::VectorXd::Constant(counts.rows(), 1.0 / static_cast<double>(counts.rows()));
  const auto forced = reversible_mle_given_pi(counts, uniform);
  const Eigen::MatrixXd t(forced.transition_matrix);
  for (Eigen::Index i = 0; i < t.rows(); ++i) {
    EXPECT_NEAR(t.row(i).sum(), 1.0, 1e-12);
    for (Eigen::Index j = 0; j < t.cols(); ++j)
      EXPECT_NEAR(t(i, j), t(j, i), 1e-12);  // uniform pi: symmetric T
  }
  EXPECT_THROW((void)reversible_mle_given_pi(counts, Eigen::VectorXd::Ones(3)), UsageError);
}

TEST(Estimation, DisconnectedStatesAreDroppedAndReported) {
  // States 0-1 exchange; state 2 is entered once and never left (a sink),
  // state 5 is visited alone in a second trajectory.
  const std::vector<DiscreteTrajectory> trajectories = {{0, 1, 0, 1, 1, 0, 0, 1, 2, 2, 2},
                                                        {5, 5, 5}};
  EstimateOptions options;
  const MarkovModel model = estimate_markov_model(trajectories, options);
  EXPECT_EQ(model.active_set, (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(model.dropped.states, (std::vector<std::int32_t>{2, 5}));
  EXPECT_EQ(model.dropped.frames, 6U);
  EXPECT_FALSE(model.warnings.empty());
  // Counted on the labels that occur: 3 and 4 never do.
  EXPECT_EQ(model.labels_seen, (std::vector<std::int32_t>{0, 1, 2, 5}));
  EXPECT_EQ(model.states_seen, 6U);
  const auto sets = strongly_connected_sets(model.full_counts);
  EXPECT_EQ(sets.size(), 3U);  // {0,1}, {2}, {5} as indices 0-1, 2, 3 of labels_seen
}

// Issue 14, case 1: labels are arbitrary integers in the wild. A label of
// 2e9 made the count matrix 2e9 x 2e9 (minutes, then past 3.7 GB); the model
// is counted on the labels that occur and reports them as given.
TEST(Estimation, LargeSparseLabelsAreCountedOnTheLabelsThatOccur) {
  const std::vector<DiscreteTrajectory> sparse = {{0, 1, 2000000000, 0, 1, 2000000000, 1, 0}};
  const std::vector<DiscreteTrajectory> dense = {{0, 1, 2, 0, 1, 2, 1, 0}};
  EstimateOptions options;
  const MarkovModel by_label = estimate_markov_model(sparse, options);
  const MarkovModel by_index = estimate_markov_model(dense, options);
  EXPECT_EQ(by_label.active_set, (std::vector<std::int32_t>{0, 1, 2000000000}));
  EXPECT_EQ(by_label.full_counts.rows(), 3);
  EXPECT_EQ(Eigen::MatrixXd(by_label.transition_matrix),
            Eigen::MatrixXd(by_index.transition_matrix));
  EXPECT_EQ(by_label.stationary_distribution, by_index.stationary_distribution);
  const CompactLabels compact = compact_labels(sparse);
  EXPECT_EQ(compact.labels, (std::vector<std::int32_t>{0, 1, 2000000000}));
  EXPECT_EQ(compact.trajectories, dense);
  // Labels that are exactly 0..n-1 are counted as they are, without a copy.
  EXPECT_TRUE(compact_labels(dense).trajectories.empty());
  EXPECT_EQ(compact_labels(dense).labels, (std::vector<std::int32_t>{0, 1, 2}));
}

TEST(Estimation, ConnectivityThresholdKeepsCountsEqualToIt) {
  // 0 <-> 1 seen twice each way, 1 <-> 2 once each way. deeptime zeroes
  // counts below its threshold, so a threshold of 1 keeps the single counts
  // and one above 1 splits off state 2.
  const std::vector<DiscreteTrajectory> trajectories = {{0, 1, 0, 1, 2, 1, 0}};
  const SparseMatrix counts = count_transitions(trajectories, 1);
  EXPECT_EQ(strongly_connected_sets(counts, 1.0).front(), (std::vector<std::int32_t>{0, 1, 2}));
  EXPECT_EQ(strongly_connected_sets(counts, 1.5).front(), (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(strongly_connected_sets(counts, 2.0).front(), (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(strongly_connected_sets(counts, 2.5).size(), 3U);
}

TEST(Estimation, TooShortOrEmptyInputsSayWhy) {
  EstimateOptions options;
  options.lag = 10;
  const std::vector<DiscreteTrajectory> short_ones = {{0, 1, 0}, {1, 0}};
  try {
    (void)estimate_markov_model(short_ones, options);
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(
        e.what(),
        "no transition at lag 10: the longest trajectory has 3 frames (needs at least 11)");
  }
  EXPECT_THROW((void)estimate_markov_model(std::vector<DiscreteTrajectory>{}, options), UsageError);
  options.lag = 0;
  EXPECT_THROW((void)estimate_markov_model(short_ones, options), UsageError);
}

TEST(Estimation, NonReversibleIsRowNormalised) {
  Eigen::MatrixXd c(3, 3);
  c << 5, 3, 2, 1, 8, 1, 4, 0, 6;
  const auto estimate = nonreversible_mle(dense_to_sparse(c));
  const Eigen::MatrixXd t(estimate.transition_matrix);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_DOUBLE_EQ(t(i, j), c(i, j) / c.row(i).sum());
  const Eigen::RowVectorXd pi = estimate.stationary_distribution.transpose();
  EXPECT_LT((pi * t - pi).cwiseAbs().maxCoeff(), 1e-12);
}

}  // namespace
}  // namespace nucleate::msm
