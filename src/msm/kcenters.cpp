#include "msm/kcenters.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/error.h"
#include "msm/seeded_random.h"

namespace nucleate::msm {
namespace {

struct Farthest {
  double distance_squared = -1.0;
  std::size_t row = 0;
  // A total order (larger distance first, then lower row), so combining the
  // threads' candidates in any order gives the same winner.
  [[nodiscard]] bool beats(const Farthest& other) const {
    return distance_squared > other.distance_squared ||
           (distance_squared == other.distance_squared && row < other.row);
  }
};

// One pass: every point's distance to its nearest centre is lowered by the
// new centre, and the farthest point found.
template <std::size_t Dim>
Farthest update(const Points& data, const double* center, std::size_t dim_runtime,
                std::vector<double>& nearest) {
  const std::size_t dim = Dim > 0 ? Dim : dim_runtime;
  const auto n = static_cast<std::size_t>(data.rows());
  const double* x = data.data();
  Farthest overall;
#pragma omp parallel
  {
    Farthest mine;
#pragma omp for schedule(dynamic, kPointsPerTask) nowait
    for (std::size_t i = 0; i < n; ++i) {
      double d2 = 0.0;
      for (std::size_t k = 0; k < dim; ++k) {
        const double d = x[i * dim + k] - center[k];
        d2 += d * d;
      }
      if (d2 < nearest[i]) nearest[i] = d2;
      if (nearest[i] > mine.distance_squared) mine = {nearest[i], i};
    }
#pragma omp critical(nucleate_kcenters_farthest)
    if (mine.beats(overall)) overall = mine;
  }
  return overall;
}

Farthest update_any(const Points& data, const double* center, std::vector<double>& nearest) {
  const auto dim = static_cast<std::size_t>(data.cols());
  switch (dim) {
    case 1:
      return update<1>(data, center, dim, nearest);
    case 2:
      return update<2>(data, center, dim, nearest);
    case 3:
      return update<3>(data, center, dim, nearest);
    default:
      return update<0>(data, center, dim, nearest);
  }
}

}  // namespace

KCentersResult k_centers(const Points& data, std::size_t k, std::uint64_t seed) {
  if (k < 1) throw UsageError("k-centers: the number of centres must be at least 1");
  require_points(data, "k-centers");
  const auto n = static_cast<std::size_t>(data.rows());
  if (k > n) throw UsageError(fmt::format("k-centers: {} centres asked for {} points", k, n));
  std::mt19937_64 engine(seed);
  KCentersResult result;
  result.center_rows.push_back(static_cast<std::size_t>(uniform_index(engine, n)));
  std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
  for (std::size_t c = 0;; ++c) {
    const Farthest far =
        update_any(data, &data(static_cast<Eigen::Index>(result.center_rows[c]), 0), nearest);
    if (c + 1 == k) {
      result.radius = std::sqrt(far.distance_squared);
      break;
    }
    if (far.distance_squared == 0.0) {
      throw UsageError(fmt::format(
          "k-centers: the data hold only {} distinct points, fewer than the {} centres asked for",
          c + 1, k));
    }
    result.center_rows.push_back(far.row);
  }
  result.centers.resize(static_cast<Eigen::Index>(k), data.cols());
  for (std::size_t c = 0; c < k; ++c) {
    result.centers.row(static_cast<Eigen::Index>(c)) =
        data.row(static_cast<Eigen::Index>(result.center_rows[c]));
  }
  return result;
}

}  // namespace nucleate::msm
