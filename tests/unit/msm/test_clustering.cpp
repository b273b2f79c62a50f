// Discretisation: regular space, k-centers, k-means, grid, assignment. Each
// is checked against an independent statement of what it must give: blobs
// recovered, the regspace and k-centers guarantees, a brute-force optimum,
// hand-made cases. k-means against scikit-learn on the same data and start is
// in tests/validation/msm/test_kmeans_against_sklearn.cpp.

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <set>

#include "core/error.h"
#include "msm/assign_states.h"
#include "msm/grid_states.h"
#include "msm/kcenters.h"
#include "msm/kmeans.h"
#include "msm/regspace.h"
#include "msm/seeded_random.h"
#include "support/omp_threads.h"

namespace nucleate::msm {
namespace {

Points uniform_points(std::size_t n, std::size_t dim, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  Points p(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(dim));
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    for (Eigen::Index k = 0; k < p.cols(); ++k) p(i, k) = uniform_unit(engine);
  return p;
}

double distance(const Points& a, Eigen::Index i, const Points& b, Eigen::Index j) {
  return (a.row(i) - b.row(j)).norm();
}

// The radius of a set of centres: the largest distance of a point to its
// nearest centre, by brute force.
double radius_of(const Points& data, const Points& centers) {
  double r = 0.0;
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    double nearest = INFINITY;
    for (Eigen::Index j = 0; j < centers.rows(); ++j)
      nearest = std::min(nearest, distance(data, i, centers, j));
    r = std::max(r, nearest);
  }
  return r;
}

// Three Gaussian blobs (sd 0.3, centres 5 apart) in three trajectories of
// unequal length; each trajectory visits the blobs in turn.
struct Blobs {
  std::vector<Points> trajectories;
  std::vector<Labels> truth;
};

Blobs three_blobs() {
  const double centres[3][2] = {{0.0, 0.0}, {5.0, 0.0}, {0.0, 5.0}};
  std::mt19937_64 engine(11);
  std::normal_distribution<double> noise(0.0, 0.3);
  Blobs b;
  for (int length : {50, 81, 17}) {
    Points p(length, 2);
    Labels t(static_cast<std::size_t>(length));
    for (int i = 0; i < length; ++i) {
      const int blob = (i / 7) % 3;
      p(i, 0) = centres[blob][0] + noise(engine);
      p(i, 1) = centres[blob][1] + noise(engine);
      t[static_cast<std::size_t>(i)] = blob;
    }
    b.trajectories.push_back(p);
    b.truth.push_back(t);
  }
  return b;
}

// Labels equal the truth up to renaming the states.
void expect_same_partition(const std::vector<Labels>& found, const std::vector<Labels>& truth) {
  std::map<std::int32_t, std::int32_t> map;
  std::set<std::int32_t> used;
  ASSERT_EQ(found.size(), truth.size());
  for (std::size_t t = 0; t < found.size(); ++t) {
    ASSERT_EQ(found[t].size(), truth[t].size());
    for (std::size_t i = 0; i < found[t].size(); ++i) {
      const auto [it, fresh] = map.emplace(found[t][i], truth[t][i]);
      EXPECT_EQ(it->second, truth[t][i]) << "trajectory " << t << " frame " << i;
      if (fresh) {
        EXPECT_TRUE(used.insert(truth[t][i]).second);
      }
    }
  }
  EXPECT_EQ(map.size(), 3U);
}

using test::with_omp_threads;

TEST(PointSet, StacksLocatesAndSplits) {
  const Blobs b = three_blobs();
  const PointSet set = PointSet::stack(b.trajectories);
  EXPECT_EQ(set.points.rows(), 50 + 81 + 17);
  EXPECT_EQ(set.trajectories(), 3U);
  EXPECT_EQ(set.locate(0), (std::pair<std::size_t, std::size_t>{0, 0}));
  EXPECT_EQ(set.locate(50), (std::pair<std::size_t, std::size_t>{1, 0}));
  EXPECT_EQ(set.locate(147), (std::pair<std::size_t, std::size_t>{2, 16}));
  EXPECT_EQ(set.points(131, 1), b.trajectories[2](0, 1));
  Labels all(148);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::int32_t>(i);
  const auto parts = set.split(all);
  EXPECT_EQ(parts[1].front(), 50);
  EXPECT_EQ(parts[2].size(), 17U);
  std::vector<Points> mixed{Points(2, 2), Points(2, 3)};
  EXPECT_THROW((void)PointSet::stack(mixed), Error);
}

TEST(Clustering, SeparatedBlobsAreRecoveredByEveryMethod) {
  const Blobs b = three_blobs();
  const PointSet set = PointSet::stack(b.trajectories);
  const RegularSpaceResult rs = regular_space(set.points, 2.0);
  EXPECT_EQ(rs.centers.rows(), 3);
  expect_same_partition(set.split(assign_to_centers(set.points, rs.centers)), b.truth);
  const KCentersResult kc = k_centers(set.points, 3, 5);
  expect_same_partition(set.split(assign_to_centers(set.points, kc.centers)), b.truth);
  const KMeansResult km = k_means(set.points, {3, 5});
  EXPECT_TRUE(km.converged);
  expect_same_partition(set.split(assign_to_centers(set.points, km.centers)), b.truth);
  // k-means centres are the blob means.
  for (int c = 0; c < 3; ++c) {
    Eigen::RowVector2d mean = Eigen::RowVector2d::Zero();
    int count = 0;
    const Labels all = assign_to_centers(set.points, km.centers);
    for (Eigen::Index i = 0; i < set.points.rows(); ++i) {
      if (all[static_cast<std::size_t>(i)] == c) {
        mean += set.points.row(i);
        ++count;
      }
    }
    EXPECT_NEAR((km.centers.row(c) - mean / count).norm(), 0.0, 1e-12);
  }
}

TEST(RegularSpace, InvariantsAndTheOneByOneScan) {
  const Points data = uniform_points(10000, 2, 3);  // more than one block of rows
  const double dmin = 0.1;
  const RegularSpaceResult r = regular_space(data, dmin);
  EXPECT_FALSE(r.max_centers_reached_at);
  ASSERT_GT(r.centers.rows(), 50);
  for (Eigen::Index a = 0; a < r.centers.rows(); ++a)
    for (Eigen::Index b = a + 1; b < r.centers.rows(); ++b)
      EXPECT_GT(distance(r.centers, a, r.centers, b), dmin);
  EXPECT_LE(radius_of(data, r.centers), dmin);
  // deeptime's scan, one point at a time with square roots: the same centres.
  std::vector<std::size_t> rows;
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    double nearest = INFINITY;
    for (std::size_t c : rows)
      nearest = std::min(nearest, distance(data, i, data, static_cast<Eigen::Index>(c)));
    if (nearest > dmin) rows.push_back(static_cast<std::size_t>(i));
  }
  EXPECT_EQ(r.center_rows, rows);
  const RegularSpaceResult one = with_omp_threads(1, [&] { return regular_space(data, dmin); });
  EXPECT_EQ(one.center_rows, r.center_rows);
}

TEST(RegularSpace, ExactlyDminApartIsNotANewCentre) {
  // deeptime: a point becomes a centre when its distance to every centre is
  // strictly greater than dmin; 1 is not > 1, 2 is.
  Points line(4, 1);
  line << 0.0, 1.0, 2.0, 3.0;
  EXPECT_EQ(regular_space(line, 1.0).center_rows, (std::vector<std::size_t>{0, 2}));
  // dmin 0: every distinct point is a centre, duplicates are not.
  Points dup(3, 1);
  dup << 1.0, 1.0, 2.0;
  EXPECT_EQ(regular_space(dup, 0.0).center_rows, (std::vector<std::size_t>{0, 2}));
}

TEST(RegularSpace, MaximumNumberOfCentres) {
  const Points data = uniform_points(500, 2, 4);
  const RegularSpaceResult all = regular_space(data, 0.05);
  ASSERT_GT(all.center_rows.size(), 5U);
  const RegularSpaceResult capped = regular_space(data, 0.05, 5);
  EXPECT_EQ(capped.centers.rows(), 5);
  ASSERT_TRUE(capped.max_centers_reached_at);
  EXPECT_EQ(*capped.max_centers_reached_at, all.center_rows[5]);
  EXPECT_EQ(std::vector<std::size_t>(all.center_rows.begin(), all.center_rows.begin() + 5),
            capped.center_rows);
  EXPECT_THROW((void)regular_space(data, -1.0), UsageError);
  EXPECT_THROW((void)regular_space(data, 0.1, 0), UsageError);
}

TEST(KCenters, HandExampleAndTies) {
  Points line(6, 1);
  line << 0.0, 1.0, 2.0, 10.0, 11.0, 20.0;
  // The first centre is row uniform_index(mt19937_64(seed), N): find a seed
  // that starts at row 0, then the rest follows by hand: 20 is farthest from
  // 0; then 10 (10 from 0, 10 from 20) beats 11 (9 from 20): rows 0, 5, 3.
  std::uint64_t seed = 0;
  for (;; ++seed) {
    std::mt19937_64 engine(seed);
    if (uniform_index(engine, 6) == 0) break;
  }
  const KCentersResult r = k_centers(line, 3, seed);
  EXPECT_EQ(r.center_rows, (std::vector<std::size_t>{0, 5, 3}));
  EXPECT_EQ(r.radius, 2.0);  // the point 2 is 2 from its centre 0
  // Ties go to the lowest row: from 2, both 0 and 4 are 2 away.
  Points tie(3, 1);
  tie << 0.0, 2.0, 4.0;
  for (seed = 0;; ++seed) {
    std::mt19937_64 engine(seed);
    if (uniform_index(engine, 3) == 1) break;
  }
  EXPECT_EQ(k_centers(tie, 3, seed).center_rows, (std::vector<std::size_t>{1, 0, 2}));
  Points same(3, 1);
  same << 1.0, 1.0, 1.0;
  EXPECT_THROW((void)k_centers(same, 2, 0), UsageError);
  EXPECT_THROW((void)k_centers(same, 4, 0), UsageError);
}

TEST(KCenters, WithinTwiceTheOptimalRadius) {
  for (std::uint64_t s = 0; s < 5; ++s) {
    const Points data = uniform_points(12, 2, 100 + s);
    const KCentersResult r = k_centers(data, 3, s);
    EXPECT_NEAR(r.radius, radius_of(data, r.centers), 1e-15);
    // The optimum over centres among the points, by trying all 220 triples.
    double best = INFINITY;
    for (int a = 0; a < 12; ++a)
      for (int b = a + 1; b < 12; ++b)
        for (int c = b + 1; c < 12; ++c) {
          Points centres(3, 2);
          centres << data(a, 0), data(a, 1), data(b, 0), data(b, 1), data(c, 0), data(c, 1);
          best = std::min(best, radius_of(data, centres));
        }
    EXPECT_LE(r.radius, 2.0 * best) << "seed " << s;
    EXPECT_GE(r.radius, best - 1e-15);
  }
}

TEST(KCenters, SameSeedSameBytesAnyThreadCount) {
  const Points data = uniform_points(20000, 3, 9);
  const KCentersResult a = with_omp_threads(1, [&] { return k_centers(data, 40, 17); });
  const KCentersResult b = with_omp_threads(2, [&] { return k_centers(data, 40, 17); });
  EXPECT_EQ(a.center_rows, b.center_rows);
  EXPECT_EQ(a.radius, b.radius);
  EXPECT_NE(k_centers(data, 40, 18).center_rows, a.center_rows);
}

TEST(KMeans, SymmetricBlobsGiveTheirCentres) {
  // Four blobs at (+-3, +-3), each the centre plus offsets that sum to zero.
  const double offsets[][2] = {{0.5, 0},   {-0.5, 0},    {0, 0.5},    {0, -0.5},
                               {0.3, 0.3}, {-0.3, -0.3}, {0.3, -0.3}, {-0.3, 0.3}};
  Points data(32, 2);
  int i = 0;
  double expected_inertia = 0.0;
  for (double cx : {-3.0, 3.0})
    for (double cy : {-3.0, 3.0})
      for (const auto& o : offsets) {
        data(i, 0) = cx + o[0];
        data(i, 1) = cy + o[1];
        expected_inertia += o[0] * o[0] + o[1] * o[1];
        ++i;
      }
  for (std::uint64_t seed : {0, 1, 2, 3}) {
    const KMeansResult r = k_means(data, {4, seed});
    EXPECT_TRUE(r.converged);
    std::vector<std::pair<double, double>> found;
    for (int c = 0; c < 4; ++c) found.emplace_back(r.centers(c, 0), r.centers(c, 1));
    std::sort(found.begin(), found.end());
    const std::pair<double, double> want[] = {{-3, -3}, {-3, 3}, {3, -3}, {3, 3}};
    for (int c = 0; c < 4; ++c) {
      EXPECT_NEAR(found[c].first, want[c].first, 1e-14);
      EXPECT_NEAR(found[c].second, want[c].second, 1e-14);
    }
    EXPECT_NEAR(r.inertia, expected_inertia, 1e-12 * expected_inertia);
  }
}

TEST(KMeans, EmptyClusterKeepsItsCentre) {
  Points data(4, 1);
  data << 0.0, 0.0, 1.0, 10.0;
  Points init(3, 1);
  init << 0.0, 10.0, 100.0;
  const KMeansResult r = lloyd(data, init, 0.0, 100);
  EXPECT_EQ(r.empty_clusters, 1U);
  EXPECT_EQ(r.centers(2, 0), 100.0);
  EXPECT_DOUBLE_EQ(r.centers(0, 0), 1.0 / 3.0);
  EXPECT_EQ(r.centers(1, 0), 10.0);
  EXPECT_NEAR(r.inertia, 2.0 / 3.0, 1e-15);  // (1/3)^2 * 2 + (2/3)^2
}

TEST(KMeans, SeedingAndDeterminism) {
  const Points data = uniform_points(30000, 2, 21);
  const Points seeds = kmeans_plus_plus(data, 25, 4);
  std::set<std::pair<double, double>> distinct;
  for (Eigen::Index c = 0; c < seeds.rows(); ++c) {
    distinct.emplace(seeds(c, 0), seeds(c, 1));
    bool is_data_point = false;
    for (Eigen::Index i = 0; i < data.rows() && !is_data_point; ++i)
      is_data_point = data.row(i) == seeds.row(c);
    EXPECT_TRUE(is_data_point);
  }
  EXPECT_EQ(distinct.size(), 25U);
  const KMeansResult a = with_omp_threads(1, [&] { return k_means(data, {25, 4}); });
  const KMeansResult b = with_omp_threads(2, [&] { return k_means(data, {25, 4}); });
  ASSERT_EQ(a.centers.size(), b.centers.size());
  EXPECT_EQ(std::memcmp(a.centers.data(), b.centers.data(), sizeof(double) * a.centers.size()), 0);
  EXPECT_EQ(a.inertias, b.inertias);
  // k-means++ spreads seeds: its start is far better than 25 arbitrary rows.
  const KMeansResult from_first_rows = lloyd(data, data.topRows(25), 1e-5, 1);
  const KMeansResult from_kmpp = lloyd(data, seeds, 1e-5, 1);
  EXPECT_LT(from_kmpp.inertia, from_first_rows.inertia);
  Points two(3, 1);
  two << 1.0, 1.0, 2.0;
  EXPECT_THROW((void)kmeans_plus_plus(two, 3, 0), UsageError);
}

TEST(Grid, StatesByHand) {
  const RegularGrid grid(parse_grid_spec("0:1:4,-1:1:2"));
  EXPECT_EQ(grid.states(), 8U);
  Points p(5, 2);
  p << 0.3, 0.5,    // bins (1, 1) -> 1*2 + 1
      1.0, -1.0,    // max is in the last bin: (3, 0) -> 6
      0.25, 0.0,    // on inner edges: the bin above, (1, 1) -> 3
      0.0, 0.999,   // (0, 1) -> 1
      0.74, -0.01;  // (2, 0) -> 4
  EXPECT_EQ(grid.assign(p), (Labels{3, 6, 3, 1, 4}));
  const Points centres = grid.centers();
  EXPECT_EQ(centres(3, 0), 0.375);
  EXPECT_EQ(centres(3, 1), 0.5);
  EXPECT_EQ(centres(6, 0), 0.875);
  EXPECT_EQ(centres(6, 1), -0.5);
  // numpy.histogram(0.3, bins=3, range=(0, 0.9)) puts 0.3 (an edge, 0.9/3 =
  // 0.3) in bin 1.
  const RegularGrid thirds(parse_grid_spec("0:0.9:3"));
  EXPECT_EQ(thirds.bin(0, 0.3), 1);
  EXPECT_EQ(thirds.bin(0, std::nextafter(0.3, 0.0)), 0);
}

TEST(Grid, OutsidePointsAndBadSpecs) {
  const RegularGrid grid(parse_grid_spec("0:1:4,-1:1:2"));
  Points p(3, 2);
  p << 0.5, 0.5, 0.5, 1.5, 2.0, 0.0;
  try {
    (void)grid.assign(p);
    FAIL();
  } catch (const OutsideGridError& e) {
    EXPECT_EQ(e.row, 1U);  // the first row outside, whatever the threads
    EXPECT_EQ(e.axis, 1U);
    EXPECT_EQ(e.value, 1.5);
  }
  for (const char* bad :
       {"0:1", "1:0:3", "0:1:0", "a:1:2", "0:1:2.5", "0:1:2,", "0:inf:2", "n:0:1:2:3", ":0:1:2"}) {
    EXPECT_THROW((void)parse_grid_spec(bad), UsageError) << bad;
  }
  EXPECT_THROW((void)parse_grid_spec("0:1:100000,0:1:100000"), UsageError);  // > 2^31 states
}

// Issue 14, case 3: "cv:min:max:nbins" names the CV of an axis.
TEST(Grid, AxesMayNameTheirCvs) {
  const auto axes = parse_grid_spec("n:0:1:4,q6:-1:1:2");
  ASSERT_EQ(axes.size(), 2U);
  EXPECT_EQ(axes[0].cv, "n");
  EXPECT_EQ(axes[1].cv, "q6");
  EXPECT_EQ(axes[1].min, -1.0);
  EXPECT_EQ(axes[1].bins, 2U);
  // The same states as the unnamed spec.
  const auto plain = parse_grid_spec("0:1:4,-1:1:2");
  EXPECT_EQ(RegularGrid(axes).centers(), RegularGrid(plain).centers());
  EXPECT_EQ(parse_grid_spec("0:1:2:3")[0].cv, "0");  // .npy columns are named by index
  EXPECT_TRUE(plain[0].cv.empty());
}

// A NaN is farther from nothing: it used to land in state 0 (issue 14, case 15).
TEST(Assignment, RefusesNonFinitePoints) {
  Points data(3, 2);
  data << 0.0, 0.0, std::nan(""), 1.0, 2.0, 2.0;
  try {
    (void)assign_to_centers(data, Points::Zero(2, 2));
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "assignment: point 1 has a non-finite value in column 0");
  }
  EXPECT_TRUE(assign_to_centers(Points(0, 2), Points::Zero(2, 2)).empty());
}

TEST(Assignment, EqualsBruteForce) {
  const Points data = uniform_points(5000, 3, 31);
  const Points centres = uniform_points(37, 3, 32);
  const Labels labels = with_omp_threads(2, [&] { return assign_to_centers(data, centres); });
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < centres.rows(); ++j) {
      if ((data.row(i) - centres.row(j)).squaredNorm() <
          (data.row(i) - centres.row(best)).squaredNorm())
        best = j;
    }
    ASSERT_EQ(labels[static_cast<std::size_t>(i)], best) << i;
  }
  EXPECT_EQ(with_omp_threads(1, [&] { return assign_to_centers(data, centres); }), labels);
  // Equal distances: the lower index.
  Points mid(1, 1);
  mid << 1.0;
  Points two(2, 1);
  two << 0.0, 2.0;
  EXPECT_EQ(assign_to_centers(mid, two), (Labels{0}));
  EXPECT_THROW((void)assign_to_centers(data, Points(3, 2)), UsageError);
}

}  // namespace
}  // namespace nucleate::msm
