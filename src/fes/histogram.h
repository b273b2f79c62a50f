#pragma once
// Weighted histograms of CV values on a regular grid, and the free energy
// F = -ln p (in kT) they give: the FES of a `nucleate run` report, where each
// frame weighs pi_s / N_s of its MSM state s (the MSM's equilibrium projected
// on the CVs), or any other per-frame weights (reweighted biased runs).
//
// Bins follow NumPy's histogram convention: [e_i, e_i+1), the last bin
// closed on the right; values outside the edges are not counted.

#include <cstddef>
#include <span>
#include <vector>

namespace nucleate::fes {

/// Regular edges on each axis: bins + 1 values from min to max.
struct Grid {
  std::vector<std::vector<double>> edges;  ///< one per axis

  [[nodiscard]] std::size_t axes() const { return edges.size(); }
  [[nodiscard]] std::size_t bins(std::size_t axis) const { return edges[axis].size() - 1; }
  [[nodiscard]] std::size_t size() const;  ///< bins over all axes
  /// Row-major bin index of one point, or size() when it lies outside.
  [[nodiscard]] std::size_t bin_of(std::span<const double> point) const;
};

struct GridOptions {
  /// Bins per axis; 0: Rice's rule 2 n^(1/3) over the n weighted points,
  /// kept between 15 and 80.
  std::size_t bins = 0;
  /// Each axis spans the weighted points' range widened by this fraction of
  /// it on both sides (0.5 on both sides when the range is a single value).
  double padding = 0.02;
};

/// A grid over the points with weight > 0. `columns[a][i]` is point i on
/// axis a. UsageError when the columns differ in length or no weight is > 0.
Grid grid_around(const std::vector<std::vector<double>>& columns, std::span<const double> weights,
                 const GridOptions& options = {});

/// Sum of weights per bin (row-major over the axes).
std::vector<double> weighted_histogram(const Grid& grid,
                                       const std::vector<std::vector<double>>& columns,
                                       std::span<const double> weights);

/// F = -ln(p), p = histogram / its sum, shifted so that its minimum is 0;
/// +infinity where a bin holds no weight.
std::vector<double> free_energy(const std::vector<double>& histogram);

/// Per bin, the weighted mean of `values` over the points in it (e.g. the
/// equilibrium average of the committor at those CV values); +infinity
/// marks bins without weight. Points whose value is not finite are skipped.
std::vector<double> binned_mean(const Grid& grid, const std::vector<std::vector<double>>& columns,
                                std::span<const double> weights, std::span<const double> values);

}  // namespace nucleate::fes
