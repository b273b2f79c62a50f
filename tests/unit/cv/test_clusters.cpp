// Connected components on hand-countable configurations, across periodic
// boundaries.

#include <gtest/gtest.h>

#include "cv/crystal_clusters.h"

namespace nucleate::cv {
namespace {

TEST(CrystalClusters, ChainsAcrossTheBoundaryAndIsolatedAtoms) {
  // Box 10: a chain 0-1-2 crossing x = 0 (9.6, 0.3, 1.2 at spacing 0.9 via
  // the image), a pair 3-4, an isolated atom 5, and atom 6 not selected
  // although it touches atom 5.
  const std::vector<Vec3f> x = {{9.6f, 5, 5}, {0.3f, 5, 5}, {1.2f, 5, 5}, {5, 1, 1},
                                {5, 1.8f, 1}, {5, 8, 8},    {5, 8.5f, 8}};
  const geom::PeriodicCell cell(Box::orthorhombic(10, 10, 10));
  const auto all = geom::all_indices(x.size());
  const auto list = geom::neighbors_within(cell, x, all, all, 1.0);
  std::vector<bool> selected(x.size(), true);
  selected[6] = false;
  const CrystalClusters c = find_crystal_clusters(list, all, selected);
  EXPECT_EQ(c.largest(), 3U);
  EXPECT_EQ(c.sizes, (std::vector<std::size_t>{3, 2, 1}));
  EXPECT_EQ(c.id[0], 0);
  EXPECT_EQ(c.id[2], 0);
  EXPECT_EQ(c.id[3], 1);
  EXPECT_EQ(c.id[5], 2);
  EXPECT_EQ(c.id[6], -1);
  EXPECT_EQ(c.size_histogram(), (std::vector<std::size_t>{0, 1, 1, 1}));
  // A criterion that refuses the bond 1-2 splits the chain.
  const CrystalClusters split =
      find_crystal_clusters(list, all, selected, [](std::uint32_t i, std::uint32_t j, std::size_t) {
        return !((i == 1 && j == 2) || (i == 2 && j == 1));
      });
  EXPECT_EQ(split.sizes, (std::vector<std::size_t>{2, 2, 1, 1}));
  EXPECT_EQ(split.id[0], 0);  // {0,1} before {3,4}: same size, smaller first member
}

}  // namespace
}  // namespace nucleate::cv
