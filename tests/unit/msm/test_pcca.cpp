// PCCA+ against deeptime 0.4.5 and on matrices whose metastable blocks are
// known.

#include <gtest/gtest.h>

#include "core/error.h"
#include "msm/markov_model.h"
#include "msm/pcca.h"
#include "support/deeptime_reference.h"

namespace nucleate::msm {
namespace {

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

TEST(Pcca, RecoversTheBlocksOfANearlyDecomposableMatrix) {
  // Three blocks of sizes 3, 2, 4 with strong mixing inside, weak between.
  const std::vector<int> block = {0, 0, 0, 1, 1, 2, 2, 2, 2};
  const int n = 9;
  Eigen::MatrixXd c(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      c(i, j) = block[i] == block[j] ? 100.0 + 7 * ((i + 2 * j) % 3) : 0.5 + 0.1 * ((i * j) % 4);
  c = c + c.transpose().eval();  // reversible: symmetric counts
  Eigen::VectorXd pi = c.rowwise().sum() / c.sum();
  Eigen::MatrixXd t = c;
  for (int i = 0; i < n; ++i) t.row(i) /= c.row(i).sum();
  const Pcca result = pcca(t.sparseView(), pi, 3);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      EXPECT_EQ(result.assignments[i] == result.assignments[j], block[i] == block[j])
          << i << "," << j;
    }
    EXPECT_GT(result.memberships.row(i).maxCoeff(), 0.95);
    EXPECT_NEAR(result.memberships.row(i).sum(), 1.0, 1e-12);
    EXPECT_GE(result.memberships.row(i).minCoeff(), 0.0);
  }
}

TEST(Pcca, RefusesImpossibleRequests) {
  Eigen::MatrixXd t(2, 2);
  t << 0.9, 0.1, 0.2, 0.8;
  const Eigen::Vector2d pi(2.0 / 3, 1.0 / 3);
  EXPECT_THROW((void)pcca(t.sparseView(), pi, 3), UsageError);
  EXPECT_THROW((void)pcca(t.sparseView(), pi, 1), UsageError);
  Eigen::MatrixXd cyclic(3, 3);
  cyclic << 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.8, 0.1, 0.1;  // not reversible
  EXPECT_THROW((void)pcca(cyclic.sparseView(), Eigen::Vector3d::Constant(1.0 / 3), 2), Error);
}

}  // namespace
}  // namespace nucleate::msm
