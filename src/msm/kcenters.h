#pragma once
// k-centers clustering by farthest-point traversal (Gonzalez, Theor. Comput.
// Sci. 38, 293, 1985), the method MSMBuilder's KCenters implements: the
// first centre is a point drawn with the seed, then each next centre is the
// point farthest from all centres so far. Its radius (the largest distance of
// any point to its nearest centre) is at most twice the optimal k-center
// radius. Ties: the lowest row wins, both for the farthest point and for the
// nearest centre, so the result does not depend on the thread count.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "msm/points.h"

namespace nucleate::msm {

struct KCentersResult {
  Points centers;                        ///< in the order they were chosen
  std::vector<std::size_t> center_rows;  ///< the row of `data` each centre is
  double radius = 0.0;                   ///< max over points of the distance to the nearest centre
};

/// k >= 1 and at most the number of distinct points (Error otherwise: the
/// farthest point would then be a centre already). The first centre is row
/// uniform_index(std::mt19937_64(seed), N).
KCentersResult k_centers(const Points& data, std::size_t k, std::uint64_t seed);

}  // namespace nucleate::msm
