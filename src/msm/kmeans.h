#pragma once
// k-means clustering as deeptime's KMeans does it (deeptime/clustering/
// _kmeans.py and include/deeptime/clustering/{kmeans.h,bits/kmeans_bits.h}):
//
// Seeding: greedy k-means++ (Arthur & Vassilvitskii, SODA 2007; the greedy
// variant deeptime and scikit-learn use). The first centre is a point drawn
// uniformly; each next one is the best of 2 + floor(ln k) candidates drawn
// with probability proportional to D(x)^2 (the squared distance to the
// nearest centre so far): the candidate that leaves the smallest sum of D^2.
//
// Lloyd iterations: assign every point to its nearest centre (lowest index on
// ties), move each centre to the mean of its points, and compute the cost
// (inertia) sum ||x - mu(x)||^2 with the moved centres. Stop when the relative
// change of the cost |C - C_prev| / C <= tolerance (0 when C = 0; C_prev = 0
// before the first iteration) or after max_iterations (then converged is
// false and the caller warns, as deeptime does). Defaults are deeptime's:
// tolerance 1e-5, 500 iterations.
//
// Empty clusters: a centre that no point is nearest to stays where it was
// (deeptime's rule). It is counted in `empty_clusters` (at the last
// iteration) so the caller can say so; its state then has no frames.
//
// Every sum runs in a fixed order, so the result has the same bytes for any
// number of threads.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "msm/points.h"

namespace nucleate::msm {

struct KMeansOptions {
  std::size_t k = 0;
  std::uint64_t seed = 0;
  double tolerance = 1e-5;
  int max_iterations = 500;
};

struct KMeansResult {
  Points centers;
  double inertia = 0.0;          ///< the cost after the last iteration
  std::vector<double> inertias;  ///< the cost after each iteration
  int iterations = 0;
  bool converged = false;
  std::size_t empty_clusters = 0;
};

/// k distinct data points chosen by greedy k-means++ with std::mt19937_64(seed).
/// Error when k exceeds the number of points or of distinct points.
Points kmeans_plus_plus(const Points& data, std::size_t k, std::uint64_t seed);

/// Lloyd iterations from given centres (k x D).
KMeansResult lloyd(const Points& data, Points centers, double tolerance, int max_iterations);

/// k-means++ seeding, then Lloyd.
KMeansResult k_means(const Points& data, const KMeansOptions& options);

}  // namespace nucleate::msm
