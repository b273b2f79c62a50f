// The cluster-size distribution accumulated over frames.

#include <gtest/gtest.h>

#include "cv/crystal_cluster_sizes.h"

namespace nucleate::cv {
namespace {

TEST(CrystalClusterSizeDistribution, MeansProbabilitiesAndSizeWeights) {
  CrystalClusterSizeDistribution d;
  d.add_frame({0, 4, 1});     // four monomers, one dimer
  d.add_frame({0, 2, 0, 1});  // two monomers, one trimer
  EXPECT_EQ(d.frames(), 2U);
  EXPECT_EQ(d.sizes(), (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(d.mean_count_per_frame(), (std::vector<double>{3.0, 0.5, 0.5}));
  // 8 clusters in all: 6 monomers, 1 dimer, 1 trimer.
  EXPECT_EQ(d.probability(), (std::vector<double>{6.0 / 8, 1.0 / 8, 1.0 / 8}));
  EXPECT_EQ(d.size_times_probability(), (std::vector<double>{6.0 / 8, 2.0 / 8, 3.0 / 8}));
}

TEST(CrystalClusterSizeDistribution, NoClustersGiveZerosNotNaN) {
  CrystalClusterSizeDistribution d;
  d.add_frame({0});
  EXPECT_TRUE(d.sizes().empty());
  EXPECT_TRUE(d.probability().empty());
}

}  // namespace
}  // namespace nucleate::cv
