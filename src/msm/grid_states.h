#pragma once
// Regular grid binning: each CV's range [min, max] is cut into nbins equal
// bins, binned as numpy.histogram does (edges min + i (max - min) / nbins, a
// value on an inner edge goes to the bin above it, the last bin includes
// max). The state of a point is the row-major (C order) index of its bin:
// for bins (i0, i1, ..., i_{D-1}) with extents (n0, ..., n_{D-1}),
// id = ((i0 n1 + i1) n2 + i2) ... — the first CV varies slowest.
//
// Points outside the grid are an error naming the point (OutsideGridError),
// not clamped into the edge bins: clamping would silently merge far-away
// configurations into an edge state and distort an MSM built on it. Give a
// grid that covers the data.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "msm/points.h"

namespace nucleate::msm {

struct GridAxis {
  double min = 0.0;
  double max = 1.0;
  std::size_t bins = 1;
  std::string cv;  ///< the CV the axis bins, when the spec names it
};

/// "min:max:nbins" or "cv:min:max:nbins" per axis, axes separated by commas:
/// "0:1:10,-2:2:4" or "n:0:1:10,q6:-2:2:4". UsageError naming the axis and
/// what is wrong (not three or four fields, not numbers, min >= max,
/// nbins < 1, or more than 2^31 - 1 states in all).
std::vector<GridAxis> parse_grid_spec(std::string_view spec);

/// A point outside the grid: the stacked row, the axis and its value.
class OutsideGridError : public Error {
 public:
  OutsideGridError(std::size_t row, std::size_t axis, double value, const GridAxis& range);
  std::size_t row;
  std::size_t axis;
  double value;
};

class RegularGrid {
 public:
  explicit RegularGrid(std::vector<GridAxis> axes);  ///< UsageError on a bad axis
  [[nodiscard]] const std::vector<GridAxis>& axes() const { return axes_; }
  [[nodiscard]] std::size_t states() const { return states_; }
  /// The bin of one value on one axis; -1 outside [min, max].
  [[nodiscard]] std::int64_t bin(std::size_t axis, double value) const;
  /// Row-major state of every point (columns = axes). OutsideGridError for
  /// the first row (lowest) with a value outside, for any thread count.
  [[nodiscard]] Labels assign(const Points& data) const;
  /// The middle of every bin, one row per state in state order.
  [[nodiscard]] Points centers() const;

 private:
  std::vector<GridAxis> axes_;
  std::size_t states_ = 1;
};

}  // namespace nucleate::msm
