// Weighted histograms and free energies on small hand-made point sets, with
// NumPy's bin convention ([e_i, e_i+1), the last bin closed).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "fes/histogram.h"

namespace nucleate::fes {
namespace {

TEST(Histogram, BinsFollowNumpysConvention) {
  const Grid grid{{{0.0, 1.0, 2.0, 3.0}}};
  const std::vector<std::vector<double>> x{{0.0, 0.5, 1.0, 2.999, 3.0, 3.5, -0.1}};
  const std::vector<double> w{1, 1, 1, 1, 1, 1, 1};
  // 0 and 0.5 in bin 0; 1.0 in bin 1 (inner edges go up); 2.999 and 3.0 (the
  // last edge) in bin 2; 3.5 and -0.1 outside.
  EXPECT_EQ(weighted_histogram(grid, x, w), (std::vector<double>{2, 1, 2}));
}

TEST(Histogram, FreeEnergyIsMinusLogProbabilityFromZero) {
  const std::vector<double> f = free_energy({1.0, 0.0, 4.0, 2.0});
  EXPECT_DOUBLE_EQ(f[2], 0.0);
  EXPECT_NEAR(f[0], std::log(4.0), 1e-15);
  EXPECT_NEAR(f[3], std::log(2.0), 1e-15);
  EXPECT_EQ(f[1], std::numeric_limits<double>::infinity());
}

TEST(Histogram, GridSpansTheWeightedPointsWithPaddingAndRicesRule) {
  std::vector<double> x;
  std::vector<double> w;
  for (int i = 0; i < 1000; ++i) {
    x.push_back(i * 0.01);
    w.push_back(i < 500 ? 1.0 : 0.0);  // only [0, 4.99] is weighted
  }
  const Grid grid = grid_around({x}, w);
  EXPECT_EQ(grid.bins(0), 16u);  // Rice: 2 * 500^(1/3) = 15.87, rounded
  EXPECT_NEAR(grid.edges[0].front(), -0.02 * 4.99, 1e-12);
  EXPECT_NEAR(grid.edges[0].back(), 4.99 * 1.02, 1e-12);
}

TEST(Histogram, TwoAxesAreRowMajorAndBinnedMeansSkipEmptyBins) {
  const Grid grid{{{0.0, 1.0, 2.0}, {0.0, 1.0, 2.0}}};
  const std::vector<std::vector<double>> xy{{0.5, 0.5, 1.5}, {0.5, 1.5, 1.5}};
  const std::vector<double> w{1.0, 3.0, 1.0};
  EXPECT_EQ(weighted_histogram(grid, xy, w), (std::vector<double>{1, 3, 0, 1}));
  const std::vector<double> q{0.0, 1.0, 0.5};
  const std::vector<double> mean = binned_mean(grid, xy, w, q);
  EXPECT_DOUBLE_EQ(mean[0], 0.0);
  EXPECT_DOUBLE_EQ(mean[1], 1.0);
  EXPECT_EQ(mean[2], std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(mean[3], 0.5);
}

TEST(Histogram, MismatchedInputsAreUsageErrors) {
  EXPECT_THROW(grid_around({{1.0, 2.0}}, std::vector<double>{1.0}), UsageError);
  EXPECT_THROW(grid_around({{1.0, 2.0}}, std::vector<double>{0.0, 0.0}), UsageError);
}

}  // namespace
}  // namespace nucleate::fes
