// PCCA+ on matrices whose metastable blocks are known. PCCA+ against
// deeptime 0.4.5 is in tests/validation/msm/test_msm_against_deeptime.cpp.

#include <gtest/gtest.h>

#include "core/error.h"
#include "msm/pcca.h"

namespace nucleate::msm {
namespace {

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
