#include "msm/grid_states.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace nucleate::msm {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

double parse_number(std::string_view word, std::string_view axis_spec, std::size_t axis,
                    const char* what) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (word.empty() || error != std::errc() || end != word.data() + word.size() ||
      !std::isfinite(value)) {
    throw UsageError(
        fmt::format("grid axis {} '{}': {} '{}' is not a finite number (write min:max:nbins, e.g. "
                    "0:1.5:30)",
                    axis + 1, axis_spec, what, word));
  }
  return value;
}

// numpy.linspace(min, max, bins + 1)[i]: i * step + min, the last edge max.
double edge(const GridAxis& a, std::size_t i) {
  if (i == a.bins) return a.max;
  return static_cast<double>(i) * ((a.max - a.min) / static_cast<double>(a.bins)) + a.min;
}

}  // namespace

std::vector<GridAxis> parse_grid_spec(std::string_view spec) {
  std::vector<GridAxis> axes;
  const auto parts = split(spec, ',');
  for (std::size_t a = 0; a < parts.size(); ++a) {
    const std::string_view text = parts[a];
    auto fields = split(text, ':');
    GridAxis axis;
    if (fields.size() == 4) {  // the CV named first
      axis.cv = std::string(fields.front());
      fields.erase(fields.begin());
      if (axis.cv.empty()) {
        throw UsageError(
            fmt::format("grid axis {} '{}': the CV name before min is empty", a + 1, text));
      }
    }
    if (fields.size() != 3) {
      throw UsageError(fmt::format(
          "grid axis {} '{}': write min:max:nbins or cv:min:max:nbins, e.g. 0:1.5:30 or "
          "n:0:1.5:30 (one per CV, separated by commas)",
          a + 1, text));
    }
    axis.min = parse_number(fields[0], text, a, "min");
    axis.max = parse_number(fields[1], text, a, "max");
    std::size_t bins = 0;
    const auto [end, error] =
        std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), bins);
    if (fields[2].empty() || error != std::errc() || end != fields[2].data() + fields[2].size() ||
        bins < 1) {
      throw UsageError(fmt::format("grid axis {} '{}': nbins '{}' is not a whole number >= 1",
                                   a + 1, text, fields[2]));
    }
    axis.bins = bins;
    axes.push_back(axis);
  }
  RegularGrid check(axes);  // the range and size checks
  return axes;
}

OutsideGridError::OutsideGridError(std::size_t row_, std::size_t axis_, double value_,
                                   const GridAxis& range)
    : Error(fmt::format("point {} is outside the grid: value {} of axis {} is not in [{}, {}]",
                        row_, value_, axis_ + 1, range.min, range.max)),
      row(row_),
      axis(axis_),
      value(value_) {}

RegularGrid::RegularGrid(std::vector<GridAxis> axes) : axes_(std::move(axes)) {
  if (axes_.empty()) throw UsageError("a grid needs at least one axis");
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    const GridAxis& g = axes_[a];
    if (!(g.min < g.max) || !std::isfinite(g.min) || !std::isfinite(g.max)) {
      throw UsageError(
          fmt::format("grid axis {}: min {} must be below max {}", a + 1, g.min, g.max));
    }
    if (g.bins < 1) throw UsageError(fmt::format("grid axis {}: needs at least one bin", a + 1));
    if (states_ > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) / g.bins) {
      throw UsageError("the grid has more than 2^31 - 1 bins in all: too many states");
    }
    states_ *= g.bins;
  }
}

std::int64_t RegularGrid::bin(std::size_t axis, double value) const {
  const GridAxis& g = axes_[axis];
  if (!(value >= g.min && value <= g.max)) return -1;
  // numpy.histogram's uniform-bin path: an index from the scaled offset,
  // then corrected against the edges (the scaling can be 1 ulp off).
  const auto n = static_cast<std::int64_t>(g.bins);
  const double norm = static_cast<double>(g.bins) / (g.max - g.min);
  auto i = static_cast<std::int64_t>((value - g.min) * norm);
  if (i >= n) i = n - 1;
  if (value < edge(g, static_cast<std::size_t>(i))) --i;
  if (i != n - 1 && value >= edge(g, static_cast<std::size_t>(i + 1))) ++i;
  return i;
}

Labels RegularGrid::assign(const Points& data) const {
  if (static_cast<std::size_t>(data.cols()) != axes_.size()) {
    throw UsageError(
        fmt::format("a grid of {} axes for points with {} coordinates", axes_.size(), data.cols()));
  }
  const auto n = static_cast<std::size_t>(data.rows());
  Labels labels(n);
  // Each thread notes its first point outside; the lowest row is reported.
  std::size_t first_outside = n;
#pragma omp parallel
  {
    std::size_t mine = n;
#pragma omp for schedule(dynamic, kPointsPerTask) nowait
    for (std::size_t i = 0; i < n; ++i) {
      std::int64_t state = 0;
      for (std::size_t a = 0; a < axes_.size(); ++a) {
        const std::int64_t b =
            bin(a, data(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(a)));
        if (b < 0) {
          if (i < mine) mine = i;
          state = -1;
          break;
        }
        state = state * static_cast<std::int64_t>(axes_[a].bins) + b;
      }
      labels[i] = static_cast<std::int32_t>(state);
    }
#pragma omp critical(nucleate_grid_outside)
    if (mine < first_outside) first_outside = mine;
  }
  if (first_outside < n) {
    for (std::size_t a = 0; a < axes_.size(); ++a) {
      const double v = data(static_cast<Eigen::Index>(first_outside), static_cast<Eigen::Index>(a));
      if (bin(a, v) < 0) throw OutsideGridError(first_outside, a, v, axes_[a]);
    }
  }
  return labels;
}

Points RegularGrid::centers() const {
  Points out(static_cast<Eigen::Index>(states_), static_cast<Eigen::Index>(axes_.size()));
  for (std::size_t s = 0; s < states_; ++s) {
    std::size_t rest = s;
    for (std::size_t a = axes_.size(); a-- > 0;) {
      const std::size_t i = rest % axes_[a].bins;
      rest /= axes_[a].bins;
      out(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(a)) =
          0.5 * (edge(axes_[a], i) + edge(axes_[a], i + 1));
    }
  }
  return out;
}

}  // namespace nucleate::msm
