// GMRQ scores: the test score equals the training score when the test data
// are the training data and counts are symmetric (then V^T S V = I and
// V^T C V = Lambda exactly); cross-validation on deeptime's chain.

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "msm/gmrq.h"
#include "msm/simulate.h"
#include "support/deeptime_reference.h"

namespace nucleate::msm {
namespace {

TEST(Gmrq, TestScoreOfTheTrainingDataIsTheEigenvalueSum) {
  // A trajectory and its time reverse give exactly symmetric counts.
  const auto chain = testing::deeptime_small_trajectories();
  DiscreteTrajectory forward = chain[0];
  DiscreteTrajectory backward(forward.rbegin(), forward.rend());
  const std::vector<DiscreteTrajectory> data = {forward, backward};
  EstimateOptions options;
  options.lag = 5;
  const MarkovModel model = estimate_markov_model(data, options);
  for (std::size_t m : {1, 2, 4}) {
    const double train = gmrq_training_score(model, m);
    EXPECT_NEAR(gmrq_test_score(model, data, m), train, 1e-9) << m;
  }
  EXPECT_NEAR(gmrq_training_score(model, 1), 1.0, 1e-12);
  EXPECT_THROW((void)gmrq_training_score(model, 0), UsageError);
  EXPECT_THROW((void)gmrq_training_score(model, 100), UsageError);
}

TEST(Gmrq, CrossValidationOverTrajectories) {
  const auto chain = testing::deeptime_small_trajectories();
  EstimateOptions options;
  options.lag = 5;
  const CrossValidation cv = gmrq_cross_validation(chain, options, 2, 5, 11);
  ASSERT_EQ(cv.test_scores.size(), 5U);
  for (std::size_t f = 0; f < 5; ++f) {
    // Two components: 1 + lambda_2 with lambda_2 ~ 0.965 on this chain.
    EXPECT_NEAR(cv.train_scores[f], 1.965, 0.01);
    EXPECT_GT(cv.test_scores[f], 1.9);
    EXPECT_LT(cv.test_scores[f], 2.0);
  }
  EXPECT_EQ(cv.test_scores, gmrq_cross_validation(chain, options, 2, 5, 11).test_scores);
  EXPECT_THROW((void)gmrq_cross_validation(chain, options, 2, 6, 11), UsageError);
}

}  // namespace
}  // namespace nucleate::msm
