// PCCA+ on matrices whose metastable blocks are known. PCCA+ against
// deeptime 0.4.5 is in tests/validation/msm/test_msm_against_deeptime.cpp.

#include <gtest/gtest.h>

#include <string>

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

// Issue 14, case 2: a two-state chain that alternates every step (as the
// trajectory 0 1 0 1 ... estimates at lag 1) has eigenvalues 1 and -1. It
// used to give NaN memberships and an empty set, reported as converged.
TEST(Pcca, RefusesAPeriodicChainWithTheEigenvalueNamed) {
  Eigen::MatrixXd t(2, 2);
  t << 0.0, 1.0, 1.0, 0.0;
  const Eigen::Vector2d pi(0.5, 0.5);
  try {
    (void)pcca(t.sparseView(), pi, 2);
    FAIL() << "a periodic chain has no metastable sets";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("but one is -1: the chain oscillates"), std::string::npos)
        << e.what();
  }
  // A chain that mostly alternates but keeps some weight on the diagonal has
  // a negative second eigenvalue too (1 - 2 * 0.7 = -0.4): refused alike.
  t << 0.3, 0.7, 0.7, 0.3;
  EXPECT_THROW((void)pcca(t.sparseView(), pi, 2), Error);
  // Metastable (second eigenvalue 0.6): accepted, crisp, finite.
  t << 0.8, 0.2, 0.2, 0.8;
  const Pcca ok = pcca(t.sparseView(), pi, 2);
  EXPECT_TRUE(ok.memberships.allFinite());
  EXPECT_NE(ok.assignments[0], ok.assignments[1]);
  EXPECT_TRUE(ok.coarse_transition_matrix.allFinite());
}

}  // namespace
}  // namespace nucleate::msm
