#pragma once
// Regular-space clustering (Prinz et al., J. Chem. Phys. 134, 174105, 2011;
// Hartigan's leader algorithm), as deeptime's RegularSpace does it: points
// are visited in order (trajectory after trajectory); the first becomes a
// centre, and so does every later point whose Euclidean distance to every
// existing centre is strictly greater than dmin. deeptime documents ">=" in
// RegularSpace.fit's docstring, but its code (deeptime/clustering/include/
// deeptime/clustering/bits/regspace_bits.h, `if (mindist > dmin)`) and the
// class docstring ("a greater distance than dmin") use ">"; we follow the
// code. So: centres are pairwise > dmin apart, and every point lies within
// <= dmin of some centre (unless the maximum was reached).
//
// Maximum number of centres: deeptime raises MaxCentersReachedException when
// a point would become centre max_centers + 1, catches it, warns ("Maximum
// number of cluster centers reached. Consider increasing max_centers or
// choose a larger minimum distance, dmin.") and keeps the centres found so
// far. We keep the same centres and report the event in the result; the
// caller warns.

#include <cstddef>
#include <optional>
#include <vector>

#include "msm/points.h"

namespace nucleate::msm {

struct RegularSpaceResult {
  Points centers;                        ///< in the order they were found
  std::vector<std::size_t> center_rows;  ///< the row of `data` each centre is
  /// Set when the maximum was reached: the first row that would have become
  /// one more centre (later rows were still covered or not: not examined).
  std::optional<std::size_t> max_centers_reached_at;
};

/// dmin >= 0 and max_centers >= 1 (UsageError otherwise). Rows are examined in
/// blocks whose points are tested against the centres known at the block's
/// start in parallel, then in order against the block's new centres: the
/// same centres as the one-by-one scan, for any thread count.
RegularSpaceResult regular_space(const Points& data, double dmin, std::size_t max_centers = 1000);

}  // namespace nucleate::msm
