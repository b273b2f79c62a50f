// Cell-list searches against brute force over all periodic images, in
// orthorhombic and strongly tilted cells, and against lattice shell counts.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"
#include "geom/neighbor_list.h"

namespace nucleate::geom {
namespace {

// Brute force: every pair, minimum image by trying all 27 images explicitly.
std::vector<std::vector<std::pair<std::uint32_t, double>>> brute_force(
    const PeriodicCell& cell, const std::vector<Vec3f>& x,
    const std::vector<std::uint32_t>& queries, const std::vector<std::uint32_t>& candidates,
    double cutoff) {
  std::vector<std::vector<std::pair<std::uint32_t, double>>> out(queries.size());
  const auto& h = cell.box().vectors;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    for (std::uint32_t j : candidates) {
      if (j == queries[q]) continue;
      double best = 1e300;
      for (int a = -2; a <= 2; ++a)
        for (int b = -2; b <= 2; ++b)
          for (int c = -2; c <= 2; ++c) {
            double d2 = 0;
            for (int m = 0; m < 3; ++m) {
              const double d = x[j][m] + a * h[0][m] + b * h[1][m] + c * h[2][m] - x[queries[q]][m];
              d2 += d * d;
            }
            best = std::min(best, std::sqrt(d2));
          }
      if (best < cutoff) out[q].emplace_back(j, best);
    }
    std::sort(out[q].begin(), out[q].end(), [](auto& u, auto& v) {
      return u.second != v.second ? u.second < v.second : u.first < v.first;
    });
  }
  return out;
}

// Row q of a list as (index, distance, displacement), sorted by distance then
// index: `neighbors_within` leaves rows in search order.
struct Row {
  std::uint32_t index;
  float distance;
  Vec3f displacement;
};
std::vector<Row> sorted_row(const NeighborList& list, std::size_t q) {
  std::vector<Row> row;
  for (std::size_t e = list.offsets[q]; e < list.offsets[q + 1]; ++e) {
    row.push_back({list.indices[e], list.distances[e], list.displacements[e]});
  }
  std::sort(row.begin(), row.end(), [](const Row& a, const Row& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.index < b.index;
  });
  return row;
}

std::vector<Vec3f> random_points(const PeriodicCell& cell, std::size_t n, std::mt19937& rng) {
  // Some points outside the cell, as unwrapped trajectories have them.
  std::uniform_real_distribution<double> u(-0.5, 1.5);
  std::vector<Vec3f> x(n);
  for (auto& p : x) {
    const Vec3d r = cell.to_cartesian({u(rng), u(rng), u(rng)});
    p = {static_cast<float>(r[0]), static_cast<float>(r[1]), static_cast<float>(r[2])};
  }
  return x;
}

struct CellCase {
  Box box;
  double cutoff;
};

TEST(NeighborList, MatchesBruteForceInTiltedAndSmallCells) {
  std::mt19937 rng(11);
  const std::vector<CellCase> cases = {
      {Box::orthorhombic(3.0, 4.0, 5.0), 1.2},
      {Box::from_lengths_angles(4.0, 4.0, 4.0, 60.0, 60.0, 90.0), 1.3},  // dodecahedron
      {Box::from_lengths_angles(5.0, 4.5, 6.0, 70.0, 80.0, 55.0), 1.0},  // general triclinic
      {Box::orthorhombic(2.0, 2.0, 9.0), 0.95},                          // one cell across x, y
  };
  for (const CellCase& c : cases) {
    const PeriodicCell cell(c.box);
    const auto x = random_points(cell, 300, rng);
    std::vector<std::uint32_t> group_a;
    std::vector<std::uint32_t> group_b;
    for (std::uint32_t i = 0; i < x.size(); ++i) (i % 3 == 0 ? group_a : group_b).push_back(i);
    for (const auto& [queries, candidates] :
         {std::pair{all_indices(x.size()), all_indices(x.size())}, std::pair{group_a, group_b}}) {
      const NeighborList list = neighbors_within(cell, x, queries, candidates, c.cutoff);
      const auto expected = brute_force(cell, x, queries, candidates, c.cutoff);
      ASSERT_EQ(list.query_count(), queries.size());
      for (std::size_t q = 0; q < queries.size(); ++q) {
        ASSERT_EQ(list.count(q), expected[q].size()) << "query " << q;
        const auto row = sorted_row(list, q);
        for (std::size_t k = 0; k < expected[q].size(); ++k) {
          EXPECT_NEAR(row[k].distance, expected[q][k].second, 1e-4);
          const Vec3f& d = row[k].displacement;
          EXPECT_NEAR(std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]), row[k].distance, 1e-4);
        }
      }
    }
  }
}

// One group around itself is searched pair by pair (half the stencil, each
// pair mirrored); the same group given as two different index lists takes
// the general path. Both must list the same neighbours with the same
// displacements, and the symmetric list must say where each mirror entry is.
TEST(NeighborList, SymmetricSearchEqualsTheGeneralSearch) {
  std::mt19937 rng(5);
  const std::vector<CellCase> cases = {
      {Box::from_lengths_angles(5.0, 4.5, 6.0, 70.0, 80.0, 55.0), 1.0},
      {Box::orthorhombic(2.0, 2.0, 9.0),
       0.95},  // one and two cells across: shifted self-cell pairs
      {Box::orthorhombic(7.0, 7.0, 7.0), 1.5},
  };
  for (const CellCase& c : cases) {
    const PeriodicCell cell(c.box);
    const auto x = random_points(cell, 400, rng);
    std::vector<std::uint32_t> group;  // not all atoms, not in index order: rows are not atom ids
    for (std::uint32_t i = 0; i < x.size(); i += 2)
      group.push_back(static_cast<std::uint32_t>(x.size()) - 1 - i);
    const std::vector<std::uint32_t> copy = group;
    std::vector<std::uint32_t> reversed(group.rbegin(), group.rend());
    const NeighborList symmetric = neighbors_within(cell, x, group, copy, c.cutoff);
    const NeighborList general = neighbors_within(cell, x, group, reversed, c.cutoff);
    ASSERT_TRUE(symmetric.symmetric);
    ASSERT_FALSE(general.symmetric);
    ASSERT_EQ(symmetric.query_count(), group.size());
    for (std::size_t q = 0; q < group.size(); ++q) {
      ASSERT_EQ(symmetric.count(q), general.count(q)) << "query " << q;
      const auto a = sorted_row(symmetric, q);
      const auto b = sorted_row(general, q);
      for (std::size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].index, b[k].index);
        EXPECT_NEAR(a[k].distance, b[k].distance, 1e-6);
        for (int m = 0; m < 3; ++m) EXPECT_NEAR(a[k].displacement[m], b[k].displacement[m], 1e-6);
      }
      for (std::size_t e = symmetric.offsets[q]; e < symmetric.offsets[q + 1]; ++e) {
        const std::uint32_t r = symmetric.neighbor_rows[e];
        ASSERT_EQ(group[r], symmetric.indices[e]);
        std::size_t mirrors = 0;
        for (std::size_t f = symmetric.offsets[r]; f < symmetric.offsets[r + 1]; ++f) {
          if (symmetric.neighbor_rows[f] == q) {
            ++mirrors;
            EXPECT_EQ(symmetric.distances[f], symmetric.distances[e]);
            for (int m = 0; m < 3; ++m)
              EXPECT_EQ(symmetric.displacements[f][m], -symmetric.displacements[e][m]);
          }
        }
        EXPECT_EQ(mirrors, 1U);
      }
    }
  }
  // An atom listed twice cannot be expressed pair by pair: general path.
  const PeriodicCell cell(Box::orthorhombic(7.0, 7.0, 7.0));
  const std::vector<Vec3f> x = {{1, 1, 1}, {1.5, 1, 1}, {3, 3, 3}};
  const std::vector<std::uint32_t> twice = {0, 1, 1};
  const NeighborList list = neighbors_within(cell, x, twice, twice, 1.0);
  EXPECT_FALSE(list.symmetric);
  EXPECT_EQ(list.count(0), 2U);
}

TEST(NeighborList, FccShellsAndNearestTwelve) {
  // fcc with lattice constant a: 12 neighbours at a/sqrt(2), 6 at a.
  const double a = 1.5;
  const int n = 4;
  std::vector<Vec3f> x;
  const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (const auto& b : basis)
          x.push_back({static_cast<float>(a * (i + b[0])), static_cast<float>(a * (j + b[1])),
                       static_cast<float>(a * (k + b[2]))});
  const PeriodicCell cell(Box::orthorhombic(n * a, n * a, n * a));
  const auto all = all_indices(x.size());
  const NeighborList first = neighbors_within(cell, x, all, all, 0.9 * a);
  const NeighborList two = neighbors_within(cell, x, all, all, 1.1 * a);
  const NeighborList nearest = nearest_neighbors(cell, x, all, all, 12);
  for (std::size_t q = 0; q < x.size(); ++q) {
    ASSERT_EQ(first.count(q), 12U);
    ASSERT_EQ(two.count(q), 18U);
    ASSERT_EQ(nearest.count(q), 12U);
    EXPECT_NEAR(nearest.distances[nearest.offsets[q] + 11], a / std::sqrt(2.0), 1e-5);
  }
}

TEST(NeighborList, NearestMatchesBruteForceOrder) {
  std::mt19937 rng(5);
  const PeriodicCell cell(Box::from_lengths_angles(5.0, 5.0, 5.0, 75.0, 85.0, 65.0));
  const auto x = random_points(cell, 200, rng);
  const auto all = all_indices(x.size());
  const NeighborList list = nearest_neighbors(cell, x, all, all, 8);
  const auto expected = brute_force(cell, x, all, all, cell.min_perpendicular_width() / 2);
  for (std::size_t q = 0; q < x.size(); ++q) {
    ASSERT_EQ(list.count(q), 8U);
    for (std::size_t k = 0; k < 8; ++k) {
      EXPECT_EQ(list.indices[list.offsets[q] + k], expected[q][k].first);
    }
  }
}

TEST(NeighborList, CutoffTooLargeForTheCellIsAnError) {
  const PeriodicCell cell(Box::orthorhombic(2.0, 3.0, 3.0));
  const std::vector<Vec3f> x = {{0, 0, 0}, {1, 1, 1}};
  const auto all = all_indices(2);
  EXPECT_THROW((void)neighbors_within(cell, x, all, all, 1.0), Error);
  EXPECT_NO_THROW((void)neighbors_within(cell, x, all, all, 0.99));
}

TEST(PeriodicCell, MinimumImageInSkewedCell) {
  const PeriodicCell cell(Box::from_lengths_angles(3.0, 3.0, 3.0, 60.0, 60.0, 60.0));
  // A displacement equal to a lattice vector is the zero image.
  const auto& h = cell.box().vectors;
  const Vec3d lattice = {h[0][0] - h[2][0], h[0][1] - h[2][1], h[0][2] - h[2][2]};
  const Vec3d image = cell.minimum_image(lattice);
  for (double v : image) EXPECT_NEAR(v, 0.0, 1e-12);
  EXPECT_THROW(PeriodicCell(Box{}), Error);
}

}  // namespace
}  // namespace nucleate::geom
