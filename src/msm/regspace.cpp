#include "msm/regspace.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace nucleate::msm {
namespace {

// Rows per block: large enough that a parallel pass over a block pays for
// starting it, small enough that few new centres appear inside one block
// (those are checked one by one).
constexpr std::size_t kBlock = 4096;

// The largest squared distance s with sqrt(s) <= dmin. deeptime compares
// sqrt(min d^2) > dmin; sqrt is monotone and correctly rounded, so
// "sqrt(d2) <= dmin" is exactly "d2 <= this threshold", and no square root
// is needed per pair.
double covering_threshold(double dmin) {
  double t = dmin * dmin;
  while (std::sqrt(t) > dmin) t = std::nextafter(t, 0.0);
  const double inf = std::numeric_limits<double>::infinity();
  while (t < std::numeric_limits<double>::max() && std::sqrt(std::nextafter(t, inf)) <= dmin) {
    t = std::nextafter(t, inf);
  }
  return t;
}

// Whether a point lies within dmin of one of centres [first, last). `hint`
// (the centre that covered the previous point of this thread) is tried first:
// consecutive frames of a trajectory are close, so it usually covers the next
// one too. Only the yes/no answer is used, so the order of the tests cannot
// change the result.
bool covered(const double* x, const std::vector<double>& centers, std::size_t first,
             std::size_t last, std::size_t dim, double threshold, std::size_t& hint) {
  if (hint >= first && hint < last && distance_squared(x, &centers[hint * dim], dim) <= threshold)
    return true;
  for (std::size_t j = first; j < last; ++j) {
    if (distance_squared(x, &centers[j * dim], dim) <= threshold) {
      hint = j;
      return true;
    }
  }
  return false;
}

}  // namespace

RegularSpaceResult regular_space(const Points& data, double dmin, std::size_t max_centers) {
  if (!(dmin >= 0.0) || !std::isfinite(dmin)) {
    throw UsageError(fmt::format("regular space: dmin must be a finite number >= 0, not {}", dmin));
  }
  if (max_centers < 1)
    throw UsageError("regular space: the maximum number of centres must be at least 1");
  require_points(data, "regular space");
  const auto n = static_cast<std::size_t>(data.rows());
  const auto dim = static_cast<std::size_t>(data.cols());
  const double threshold = covering_threshold(dmin);

  RegularSpaceResult result;
  std::vector<double> centers;
  std::vector<unsigned char> is_covered(kBlock);
  for (std::size_t start = 0; start < n && !result.max_centers_reached_at; start += kBlock) {
    const std::size_t end = std::min(n, start + kBlock);
    const std::size_t known = result.center_rows.size();
    // Parallel: each row against the centres found before this block.
    const bool worth_threads = known * (end - start) * dim > 200000;
#pragma omp parallel if (worth_threads)
    {
      std::size_t hint = 0;
#pragma omp for schedule(dynamic, kPointsPerTask)
      for (std::size_t i = start; i < end; ++i) {
        is_covered[i - start] = covered(&data(static_cast<Eigen::Index>(i), 0), centers, 0, known,
                                        dim, threshold, hint);
      }
    }
    // In order: the rest against the centres this block added.
    std::size_t hint = known;
    for (std::size_t i = start; i < end; ++i) {
      if (is_covered[i - start] != 0) continue;
      const double* x = &data(static_cast<Eigen::Index>(i), 0);
      if (covered(x, centers, known, result.center_rows.size(), dim, threshold, hint)) continue;
      if (result.center_rows.size() == max_centers) {
        result.max_centers_reached_at = i;
        break;
      }
      centers.insert(centers.end(), x, x + dim);
      result.center_rows.push_back(i);
    }
  }
  result.centers.resize(static_cast<Eigen::Index>(result.center_rows.size()),
                        static_cast<Eigen::Index>(dim));
  std::copy(centers.begin(), centers.end(), result.centers.data());
  return result;
}

}  // namespace nucleate::msm
