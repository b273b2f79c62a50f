#include "msm/points.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace nucleate::msm {
namespace {

// The nearest-centre loop with the dimension known at compile time: the CVs
// of an MSM are few (1-10), and a fixed inner loop is unrolled.
template <std::size_t Dim>
Nearest nearest_fixed(const double* x, const double* centers, std::size_t count) {
  // Centre 0 first, then a plain "strictly closer" test the compiler can
  // turn into conditional moves.
  double best_d2 = 0.0;
  for (std::size_t k = 0; k < Dim; ++k) {
    const double d = x[k] - centers[k];
    best_d2 += d * d;
  }
  std::size_t best = 0;
  for (std::size_t j = 1; j < count; ++j) {
    const double* c = centers + j * Dim;
    double d2 = 0.0;
    for (std::size_t k = 0; k < Dim; ++k) {
      const double d = x[k] - c[k];
      d2 += d * d;
    }
    best = d2 < best_d2 ? j : best;
    best_d2 = d2 < best_d2 ? d2 : best_d2;
  }
  return {static_cast<std::int32_t>(best), best_d2};
}

}  // namespace

PointSet PointSet::stack(std::span<const Points> trajectories) {
  PointSet set;
  std::size_t rows = 0;
  const Eigen::Index dim = trajectories.empty() ? 0 : trajectories.front().cols();
  for (const Points& t : trajectories) {
    if (t.cols() != dim) {
      throw Error(
          fmt::format("trajectories to cluster together have {} and {} columns", dim, t.cols()));
    }
    rows += static_cast<std::size_t>(t.rows());
    set.offsets.push_back(rows);
  }
  set.points.resize(static_cast<Eigen::Index>(rows), dim);
  for (std::size_t t = 0; t < trajectories.size(); ++t) {
    const auto& p = trajectories[t];
    if (p.rows() > 0)
      set.points.middleRows(static_cast<Eigen::Index>(set.offsets[t]), p.rows()) = p;
  }
  return set;
}

std::pair<std::size_t, std::size_t> PointSet::locate(std::size_t row) const {
  const auto it = std::upper_bound(offsets.begin(), offsets.end(), row);
  const auto t = static_cast<std::size_t>(it - offsets.begin()) - 1;
  return {t, row - offsets[t]};
}

std::vector<Labels> PointSet::split(const Labels& labels) const {
  if (labels.size() != offsets.back()) {
    throw Error(fmt::format("{} labels for {} stacked points", labels.size(), offsets.back()));
  }
  std::vector<Labels> out;
  for (std::size_t t = 0; t < trajectories(); ++t) {
    out.emplace_back(labels.begin() + static_cast<std::ptrdiff_t>(offsets[t]),
                     labels.begin() + static_cast<std::ptrdiff_t>(offsets[t + 1]));
  }
  return out;
}

Nearest nearest_center(const double* point, const double* centers, std::size_t count,
                       std::size_t dim) {
  if (count == 0) return {-1, std::numeric_limits<double>::infinity()};
  switch (dim) {
    case 1:
      return nearest_fixed<1>(point, centers, count);
    case 2:
      return nearest_fixed<2>(point, centers, count);
    case 3:
      return nearest_fixed<3>(point, centers, count);
    case 4:
      return nearest_fixed<4>(point, centers, count);
    default:
      break;
  }
  Nearest best;
  for (std::size_t j = 0; j < count; ++j) {
    const double d2 = distance_squared(point, centers + j * dim, dim);
    if (best.index < 0 || d2 < best.distance_squared) best = {static_cast<std::int32_t>(j), d2};
  }
  return best;
}

void require_points(const Points& data, const char* what) {
  if (data.rows() == 0) throw Error(fmt::format("{}: no points to cluster", what));
  if (data.cols() == 0) throw Error(fmt::format("{}: points have no coordinates", what));
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    for (Eigen::Index k = 0; k < data.cols(); ++k) {
      if (!std::isfinite(data(i, k))) {
        throw Error(fmt::format("{}: point {} has a non-finite value in column {}", what, i, k));
      }
    }
  }
}

}  // namespace nucleate::msm
