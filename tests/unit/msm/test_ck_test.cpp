// The Chapman-Kolmogorov test: exact where the answer is known, and passed
// by data that are Markovian by construction.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"
#include "msm/bayesian_msm.h"
#include "msm/ck_test.h"
#include "msm/markov_model.h"
#include "msm/pcca.h"
#include "msm/simulate.h"
#include "support/deeptime_reference.h"

namespace nucleate::msm {
namespace {

TEST(CkTest, CrispSetsOfATwoStateChainPropagateLikeTheMatrixPower) {
  Eigen::MatrixXd t(2, 2);
  t << 0.9, 0.1, 0.3, 0.7;
  const Eigen::Vector2d pi(0.75, 0.25);
  const Eigen::MatrixXd chi = Eigen::MatrixXd::Identity(2, 2);
  for (std::size_t k = 1; k <= 4; ++k) {
    Eigen::MatrixXd power = Eigen::MatrixXd::Identity(2, 2);
    for (std::size_t s = 0; s < k; ++s) power *= t;
    EXPECT_LT((set_propagation(t.sparseView(), pi, chi, k) - power).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST(CkTest, MarkovianDataPassAndTheFirstLagIsExact) {
  // Data sampled from deeptime's chain model are Markovian at lag 1 by
  // construction: estimated and predicted agree within sampling error.
  EstimateOptions options;
  options.lag = 5;
  const MarkovModel truth = estimate_markov_model(testing::deeptime_small_trajectories(), options);
  std::vector<DiscreteTrajectory> sampled;
  for (std::uint64_t seed = 1; seed <= 4; ++seed)
    sampled.push_back(simulate(truth.transition_matrix, 0, 50000, seed));
  EstimateOptions one;
  one.lag = 1;
  const MarkovModel model = estimate_markov_model(sampled, one);
  const Pcca sets = pcca(model.transition_matrix, model.stationary_distribution, 2);
  const CkTest ck = chapman_kolmogorov_test(sampled, model, sets.memberships, 5);
  ASSERT_EQ(ck.lags, (std::vector<std::size_t>{1, 2, 3, 4, 5}));
  EXPECT_LT((ck.predicted[0] - ck.estimated[0]).cwiseAbs().maxCoeff(), 1e-12);
  for (std::size_t k = 0; k < ck.lags.size(); ++k) {
    for (Eigen::Index a = 0; a < 2; ++a) EXPECT_NEAR(ck.predicted[k].row(a).sum(), 1.0, 1e-12);
    // 200k steps, set switches every ~60 steps: a few thousand crossings, so
    // the leaving probabilities are known to ~1e-3.
    EXPECT_LT((ck.predicted[k] - ck.estimated[k]).cwiseAbs().maxCoeff(), 5e-3)
        << "lag " << ck.lags[k];
  }
}

TEST(CkTest, BayesianBandsHoldTheEstimates) {
  EstimateOptions options;
  options.lag = 5;
  const auto trajectories = testing::deeptime_small_trajectories();
  const MarkovModel model = estimate_markov_model(trajectories, options);
  const Pcca sets = pcca(model.transition_matrix, model.stationary_distribution, 2);
  const CkTest ck = chapman_kolmogorov_test(trajectories, model, sets.memberships, 3);
  BayesianOptions bayes;
  bayes.samples = 40;
  bayes.seed = 3;
  bayes.timescales = 1;
  const CkBands b =
      chapman_kolmogorov_bands(trajectories, 5, model.active_set, sets.memberships, 3, bayes);
  ASSERT_EQ(b.predicted_lower.size(), 3U);
  for (std::size_t k = 0; k < 3; ++k) {
    // Off-diagonal set-to-set probabilities (a few percent) lie inside their
    // bands, whose widths are a fraction of them.
    for (Eigen::Index a = 0; a < 2; ++a) {
      const Eigen::Index other = 1 - a;
      EXPECT_LE(b.predicted_lower[k](a, other), ck.predicted[k](a, other));
      EXPECT_GE(b.predicted_upper[k](a, other), ck.predicted[k](a, other));
      EXPECT_LE(b.estimated_lower[k](a, other), ck.estimated[k](a, other));
      EXPECT_GE(b.estimated_upper[k](a, other), ck.estimated[k](a, other));
      EXPECT_LT(b.estimated_upper[k](a, other) - b.estimated_lower[k](a, other),
                0.5 * ck.estimated[k](a, other));
    }
  }
}

TEST(CkTest, NonMarkovianDataFail) {
  // A deterministic cycle 0 0 1 1 0 0 1 1 ... looks random at lag 1 but is
  // periodic: the prediction from lag 1 misses the estimate at lag 2.
  DiscreteTrajectory cycle;
  for (int k = 0; k < 4000; ++k) cycle.push_back((k / 2) % 2);
  const std::vector<DiscreteTrajectory> trajectories = {cycle};
  EstimateOptions options;
  const MarkovModel model = estimate_markov_model(trajectories, options);
  const CkTest ck =
      chapman_kolmogorov_test(trajectories, model, Eigen::MatrixXd::Identity(2, 2), 2);
  EXPECT_GT((ck.predicted[1] - ck.estimated[1]).cwiseAbs().maxCoeff(), 0.4);
}

// A CK test scans several lags: an error names the one it happened at
// (issue 14, case 9). 0 1 0 1 ... is connected at lag 1 and two separate
// states at lag 2, in the plain and in the Bayesian test.
TEST(CkTest, AnErrorNamesTheLagItHappenedAt) {
  std::vector<DiscreteTrajectory> alternating(1);
  for (int t = 0; t < 200; ++t) alternating[0].push_back(t % 2);
  const Eigen::MatrixXd chi = Eigen::MatrixXd::Identity(2, 2);
  BayesianOptions options;
  options.samples = 5;
  try {
    (void)chapman_kolmogorov_bands(alternating, 1, {0, 1}, chi, 3, options);
    FAIL() << "lag 2 has no connected pair of states";
  } catch (const Error& e) {  // set 1 gets no stationary weight at lag 2
    EXPECT_EQ(std::string(e.what()).rfind("CK test at lag 2: ", 0), 0U) << e.what();
  }
  EstimateOptions estimate;
  estimate.lag = 1;
  const MarkovModel model = estimate_markov_model(alternating, estimate);
  try {
    (void)chapman_kolmogorov_test(alternating, model, chi, 3);
    FAIL() << "lag 2 has no connected pair of states";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("CK test at lag 2: ", 0), 0U) << e.what();
  }
}

}  // namespace
}  // namespace nucleate::msm
