#include "msm/kmeans.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"
#include "msm/seeded_random.h"

namespace nucleate::msm {
namespace {

// Sums over points are taken block by block (blocks in parallel, each summed
// in order) and the block sums added in order: fast, and the same bytes for
// any thread count because the blocks do not depend on it.
constexpr std::size_t kBlock = 8192;

std::size_t block_count(std::size_t n) {
  return (n + kBlock - 1) / kBlock;
}

template <typename Term>
std::vector<double> block_sums(std::size_t n, Term term) {
  std::vector<double> partial(block_count(n), 0.0);
#pragma omp parallel for schedule(dynamic)
  for (std::size_t b = 0; b < partial.size(); ++b) {
    const std::size_t end = std::min(n, (b + 1) * kBlock);
    double s = 0.0;
    for (std::size_t i = b * kBlock; i < end; ++i) s += term(i);
    partial[b] = s;
  }
  return partial;
}

double total(const std::vector<double>& partial) {
  double s = 0.0;
  for (double p : partial) s += p;
  return s;
}

const double* row(const Points& data, std::size_t i) {
  return &data(static_cast<Eigen::Index>(i), 0);
}

// The first row whose cumulative D^2 exceeds `target` (< the total), with the
// cumulative sums formed exactly as block_sums forms them. A row with D^2 = 0
// (a centre already) cannot be the first to exceed it.
std::size_t sample_row(const std::vector<double>& nearest, const std::vector<double>& partial,
                       double target) {
  double before = 0.0;
  std::size_t b = 0;
  while (b + 1 < partial.size() && before + partial[b] <= target) before += partial[b++];
  const std::size_t end = std::min(nearest.size(), (b + 1) * kBlock);
  double running = 0.0;
  for (std::size_t i = b * kBlock; i < end; ++i) {
    running += nearest[i];
    if (before + running > target) return i;
  }
  // Only reachable through rounding at the very end: the last row with weight.
  for (std::size_t i = end; i-- > 0;) {
    if (nearest[i] > 0.0) return i;
  }
  return 0;
}

}  // namespace

Points kmeans_plus_plus(const Points& data, std::size_t k, std::uint64_t seed) {
  if (k < 1) throw UsageError("k-means: the number of clusters must be at least 1");
  require_points(data, "k-means");
  const auto n = static_cast<std::size_t>(data.rows());
  const auto dim = static_cast<std::size_t>(data.cols());
  if (k > n) throw UsageError(fmt::format("k-means: {} clusters asked for {} points", k, n));
  std::mt19937_64 engine(seed);
  // deeptime: nTrials = static_cast<std::size_t>(2 + std::log(k)).
  const auto trials = static_cast<std::size_t>(2.0 + std::log(static_cast<double>(k)));

  std::vector<std::size_t> chosen{static_cast<std::size_t>(uniform_index(engine, n))};
  std::vector<double> nearest(n);
  {
    const double* c = row(data, chosen[0]);
#pragma omp parallel for schedule(dynamic, kPointsPerTask)
    for (std::size_t i = 0; i < n; ++i) nearest[i] = distance_squared(row(data, i), c, dim);
  }
  std::vector<double> partial = block_sums(n, [&](std::size_t i) { return nearest[i]; });
  std::vector<std::size_t> candidates(trials);
  while (chosen.size() < k) {
    const double potential = total(partial);
    if (potential == 0.0) {
      throw UsageError(
          fmt::format("k-means: the data hold only {} distinct points, fewer than the {} clusters "
                      "asked for",
                      chosen.size(), k));
    }
    for (auto& candidate : candidates)
      candidate = sample_row(nearest, partial, potential * uniform_unit(engine));
    // The potential each candidate would leave, all candidates in one pass
    // over the points (block sums in order, as block_sums forms them).
    std::vector<double> trial_partial(trials * partial.size());
#pragma omp parallel for schedule(dynamic)
    for (std::size_t b = 0; b < partial.size(); ++b) {
      const std::size_t end = std::min(n, (b + 1) * kBlock);
      for (std::size_t t = 0; t < trials; ++t) {
        const double* c = row(data, candidates[t]);
        double s = 0.0;
        for (std::size_t i = b * kBlock; i < end; ++i)
          s += std::min(nearest[i], distance_squared(row(data, i), c, dim));
        trial_partial[t * partial.size() + b] = s;
      }
    }
    // The candidate leaving the smallest potential; the first on ties.
    std::size_t best = 0;
    double best_potential = 0.0;
    for (std::size_t t = 0; t < trials; ++t) {
      double p = 0.0;
      for (std::size_t b = 0; b < partial.size(); ++b) p += trial_partial[t * partial.size() + b];
      if (t == 0 || p < best_potential) {
        best = t;
        best_potential = p;
      }
    }
    const double* c = row(data, candidates[best]);
#pragma omp parallel for schedule(dynamic)
    for (std::size_t b = 0; b < partial.size(); ++b) {
      const std::size_t end = std::min(n, (b + 1) * kBlock);
      double s = 0.0;
      for (std::size_t i = b * kBlock; i < end; ++i) {
        nearest[i] = std::min(nearest[i], distance_squared(row(data, i), c, dim));
        s += nearest[i];
      }
      partial[b] = s;
    }
    chosen.push_back(candidates[best]);
  }
  Points centers(static_cast<Eigen::Index>(k), data.cols());
  for (std::size_t c = 0; c < k; ++c)
    centers.row(static_cast<Eigen::Index>(c)) = data.row(static_cast<Eigen::Index>(chosen[c]));
  return centers;
}

KMeansResult lloyd(const Points& data, Points centers, double tolerance, int max_iterations) {
  require_points(data, "k-means");
  if (centers.rows() < 1 || centers.cols() != data.cols()) {
    throw UsageError(
        fmt::format("k-means: {} initial centres of dimension {} for data of dimension {}",
                    centers.rows(), centers.cols(), data.cols()));
  }
  if (max_iterations < 1) throw UsageError("k-means: at least one iteration is needed");
  if (!(tolerance >= 0.0)) throw UsageError("k-means: the tolerance must be >= 0");
  const auto n = static_cast<std::size_t>(data.rows());
  const auto dim = static_cast<std::size_t>(data.cols());
  const auto k = static_cast<std::size_t>(centers.rows());
  Labels labels(n);
  std::vector<double> sums(k * dim);
  std::vector<std::size_t> counts(k);
  KMeansResult result;
  double previous = 0.0;
  while (result.iterations < max_iterations) {
#pragma omp parallel for schedule(dynamic, kPointsPerTask)
    for (std::size_t i = 0; i < n; ++i)
      labels[i] = nearest_center(row(data, i), centers.data(), k, dim).index;
    // Means in row order (one pass, cheap next to the search above).
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    for (std::size_t i = 0; i < n; ++i) {
      const auto l = static_cast<std::size_t>(labels[i]);
      const double* x = row(data, i);
      for (std::size_t d = 0; d < dim; ++d) sums[l * dim + d] += x[d];
      ++counts[l];
    }
    result.empty_clusters = 0;
    for (std::size_t c = 0; c < k; ++c) {
      if (counts[c] == 0) {
        ++result.empty_clusters;  // deeptime keeps the centre where it was
        continue;
      }
      for (std::size_t d = 0; d < dim; ++d) {
        centers(static_cast<Eigen::Index>(c), static_cast<Eigen::Index>(d)) =
            sums[c * dim + d] / static_cast<double>(counts[c]);
      }
    }
    const double cost = total(block_sums(n, [&](std::size_t i) {
      return distance_squared(row(data, i), row(centers, static_cast<std::size_t>(labels[i])), dim);
    }));
    result.inertias.push_back(cost);
    ++result.iterations;
    const double change = cost != 0.0 ? std::abs(cost - previous) / cost : 0.0;
    previous = cost;
    if (change <= tolerance) {
      result.converged = true;
      break;
    }
  }
  result.inertia = result.inertias.back();
  result.centers = std::move(centers);
  return result;
}

KMeansResult k_means(const Points& data, const KMeansOptions& options) {
  return lloyd(data, kmeans_plus_plus(data, options.k, options.seed), options.tolerance,
               options.max_iterations);
}

}  // namespace nucleate::msm
