#include "fes/histogram.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace nucleate::fes {
namespace {

constexpr double kEmpty = std::numeric_limits<double>::infinity();

std::size_t point_count(const std::vector<std::vector<double>>& columns,
                        std::span<const double> weights) {
  if (columns.empty()) throw UsageError("histogram: no CV column given");
  for (const auto& column : columns) {
    if (column.size() != weights.size()) {
      throw UsageError(fmt::format("histogram: a column has {} values for {} weights",
                                   column.size(), weights.size()));
    }
  }
  return weights.size();
}

// Index of x among `edges` (NumPy's rule), or bins when outside.
std::size_t axis_bin(const std::vector<double>& edges, double x) {
  const std::size_t bins = edges.size() - 1;
  if (!(x >= edges.front() && x <= edges.back())) return bins;
  if (x == edges.back()) return bins - 1;
  const auto it = std::upper_bound(edges.begin(), edges.end(), x);
  return static_cast<std::size_t>(it - edges.begin()) - 1;
}

}  // namespace

std::size_t Grid::size() const {
  std::size_t n = 1;
  for (std::size_t a = 0; a < axes(); ++a) n *= bins(a);
  return n;
}

std::size_t Grid::bin_of(std::span<const double> point) const {
  std::size_t index = 0;
  for (std::size_t a = 0; a < axes(); ++a) {
    const std::size_t b = axis_bin(edges[a], point[a]);
    if (b == bins(a)) return size();
    index = index * bins(a) + b;
  }
  return index;
}

Grid grid_around(const std::vector<std::vector<double>>& columns, std::span<const double> weights,
                 const GridOptions& options) {
  const std::size_t n = point_count(columns, weights);
  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i) used += weights[i] > 0.0 ? 1 : 0;
  if (used == 0) throw UsageError("histogram: no point has a weight > 0");
  std::size_t bins = options.bins;
  if (bins == 0) {
    const double rice = std::round(2.0 * std::cbrt(static_cast<double>(used)));
    bins = static_cast<std::size_t>(std::clamp(rice, 15.0, 80.0));
  }
  Grid grid;
  for (const auto& column : columns) {
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (std::size_t i = 0; i < n; ++i) {
      if (!(weights[i] > 0.0)) continue;
      low = std::min(low, column[i]);
      high = std::max(high, column[i]);
    }
    const double pad = high > low ? options.padding * (high - low) : 0.5;
    std::vector<double> edges(bins + 1);
    const double first = low - pad;
    const double step = (high + pad - first) / static_cast<double>(bins);
    for (std::size_t k = 0; k <= bins; ++k) edges[k] = first + step * static_cast<double>(k);
    edges.back() = high + pad;
    grid.edges.push_back(std::move(edges));
  }
  return grid;
}

std::vector<double> weighted_histogram(const Grid& grid,
                                       const std::vector<std::vector<double>>& columns,
                                       std::span<const double> weights) {
  const std::size_t n = point_count(columns, weights);
  if (columns.size() != grid.axes()) {
    throw UsageError(
        fmt::format("histogram: {} columns for a grid of {} axes", columns.size(), grid.axes()));
  }
  std::vector<double> histogram(grid.size(), 0.0);
  std::vector<double> point(grid.axes());
  for (std::size_t i = 0; i < n; ++i) {
    if (weights[i] == 0.0) continue;
    for (std::size_t a = 0; a < grid.axes(); ++a) point[a] = columns[a][i];
    const std::size_t bin = grid.bin_of(point);
    if (bin < histogram.size()) histogram[bin] += weights[i];
  }
  return histogram;
}

std::vector<double> free_energy(const std::vector<double>& histogram) {
  double total = 0.0;
  for (double h : histogram) total += h;
  std::vector<double> f(histogram.size(), kEmpty);
  if (!(total > 0.0)) return f;
  double lowest = kEmpty;
  for (std::size_t b = 0; b < histogram.size(); ++b) {
    if (histogram[b] > 0.0) {
      f[b] = -std::log(histogram[b] / total);
      lowest = std::min(lowest, f[b]);
    }
  }
  for (double& x : f) {
    if (std::isfinite(x)) x -= lowest;
  }
  return f;
}

std::vector<double> binned_mean(const Grid& grid, const std::vector<std::vector<double>>& columns,
                                std::span<const double> weights, std::span<const double> values) {
  const std::size_t n = point_count(columns, weights);
  if (values.size() != n) {
    throw UsageError(fmt::format("binned mean: {} values for {} points", values.size(), n));
  }
  std::vector<double> sum(grid.size(), 0.0);
  std::vector<double> weight(grid.size(), 0.0);
  std::vector<double> point(grid.axes());
  for (std::size_t i = 0; i < n; ++i) {
    if (!(weights[i] > 0.0) || !std::isfinite(values[i])) continue;
    for (std::size_t a = 0; a < grid.axes(); ++a) point[a] = columns[a][i];
    const std::size_t bin = grid.bin_of(point);
    if (bin == grid.size()) continue;
    sum[bin] += weights[i] * values[i];
    weight[bin] += weights[i];
  }
  for (std::size_t b = 0; b < sum.size(); ++b)
    sum[b] = weight[b] > 0.0 ? sum[b] / weight[b] : kEmpty;
  return sum;
}

}  // namespace nucleate::fes
