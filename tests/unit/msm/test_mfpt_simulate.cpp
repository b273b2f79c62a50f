// First passage times against closed forms; trajectories sampled from a model
// reproduce it. MFPTs against deeptime 0.4.5 are in
// tests/validation/msm/test_msm_against_deeptime.cpp.

#include <gtest/gtest.h>

#include "core/error.h"
#include "msm/mfpt.h"
#include "msm/simulate.h"

namespace nucleate::msm {
namespace {

SparseMatrix two_state(double p, double q) {
  Eigen::MatrixXd t(2, 2);
  t << 1 - p, p, q, 1 - q;
  return t.sparseView();
}

TEST(Mfpt, TwoStateChainWaitsOneOverTheExitProbability) {
  const SparseMatrix t = two_state(0.1, 0.3);
  const Eigen::VectorXd m = mean_first_passage_times(t, {1});
  EXPECT_NEAR(m[0], 10.0, 1e-10);
  EXPECT_EQ(m[1], 0.0);
}

TEST(Mfpt, BadSetsAreRefused) {
  const SparseMatrix t = two_state(0.1, 0.3);
  EXPECT_THROW((void)mean_first_passage_times(t, {}), UsageError);
  EXPECT_THROW((void)mean_first_passage_times(t, {2}), UsageError);
  // A state that never leaves cannot reach the target.
  Eigen::MatrixXd absorbing(2, 2);
  absorbing << 1, 0, 0.5, 0.5;
  EXPECT_THROW((void)mean_first_passage_times(absorbing.sparseView(), {1}), Error);
}

TEST(Simulate, SameSeedSameTrajectoryAndTheRightStatistics) {
  const SparseMatrix t = two_state(0.1, 0.3);
  const auto a = simulate(t, 0, 200000, 7);
  EXPECT_EQ(a, simulate(t, 0, 200000, 7));
  EXPECT_NE(a, simulate(t, 0, 200000, 8));
  EXPECT_EQ(a.front(), 0);
  std::size_t from0 = 0, to1 = 0, in1 = 0;
  for (std::size_t k = 0; k + 1 < a.size(); ++k) {
    if (a[k] == 0) {
      ++from0;
      to1 += a[k + 1] == 1 ? 1 : 0;
    }
    in1 += a[k] == 1 ? 1 : 0;
  }
  // Binomial standard errors: 0.1 +- 0.0008 from ~150k draws; pi_1 = 0.25.
  EXPECT_NEAR(static_cast<double>(to1) / static_cast<double>(from0), 0.1, 0.004);
  EXPECT_NEAR(static_cast<double>(in1) / static_cast<double>(a.size()), 0.25, 0.01);
  EXPECT_THROW((void)simulate(t, 5, 10, 1), UsageError);
}

}  // namespace
}  // namespace nucleate::msm
