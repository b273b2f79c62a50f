// nucleate's Bayesian MSM sampler against the posterior it claims to sample,
// integrated numerically with NumPy (posterior_quadrature.py, run with
// Debian 12's python3-numpy 1.24.2). The reference values were first written
// into this test by hand from an uncommitted NumPy run; the script was
// rewritten from the description below when the test moved here and gives
// the same digits. ctest: validation.msm.numpy-posterior-quadrature.

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <array>
#include <cmath>

#include "msm/bayesian_msm.h"

namespace nucleate::msm {
namespace {

// The sampler against the posterior it claims to sample, on a 3-state count
// matrix with one empty pair (C02 = C20 = 0), by direct numerical integration:
// p(X) ~ x00^(c00-1) x11^(c11-1) x22^(c22-1) x01^(c01+c10-1) x12^(c12+c21-1)
//        / (x0^c0 x1^c1 x2^c2)
// over the plane x00 + 2 x01 + x11 + 2 x12 + x22 = 1 (the density is
// homogeneous of degree -5, so it restricts to the plane with uniform
// measure), midpoint rule on a 64^4 grid over (x00, x01, x11, x12) with
// NumPy (posterior_quadrature.py next to this file reproduces these digits);
// 40^4 and 56^4 agree to 3e-4. Posterior means and stds:
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

}  // namespace
}  // namespace nucleate::msm
