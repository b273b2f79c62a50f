#include "geom/cell_grid.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace nucleate::geom {

int cell_coordinate(double s, int n) {
  return std::min(n - 1, static_cast<int>(s * n));
}

namespace {

std::array<int, 3> grid_shape(const PeriodicCell& cell, double cutoff, std::size_t atoms) {
  std::array<int, 3> n{};
  const Vec3d& w = cell.perpendicular_widths();
  for (int k = 0; k < 3; ++k) n[k] = std::max(1, static_cast<int>(std::floor(w[k] / cutoff)));
  // Coarser cells stay correct; keep the grid no larger than the atom count
  // so a tiny cutoff in a large box cannot exhaust memory.
  const double limit = std::max<double>(27.0, 2.0 * static_cast<double>(atoms));
  while (static_cast<double>(n[0]) * n[1] * n[2] > limit) {
    int& largest = *std::max_element(n.begin(), n.end());
    largest = std::max(1, largest / 2);
  }
  return n;
}

}  // namespace

CellGrid build_grid(const PeriodicCell& cell, std::span<const Vec3f> positions,
                    std::span<const std::uint32_t> candidates, double cutoff) {
  CellGrid grid;
  grid.n = grid_shape(cell, cutoff, candidates.size());
  const std::size_t cells = static_cast<std::size_t>(grid.n[0]) * grid.n[1] * grid.n[2];
  std::vector<std::uint32_t> cell_of(candidates.size());
  std::vector<Vec3d> wrapped_in_order(candidates.size());
  grid.cell_start.assign(cells + 1, 0);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Vec3f& p = positions[candidates[c]];
    const Vec3d w = cell.wrap({p[0], p[1], p[2]});
    const Vec3d s = cell.to_fractional(w);
    const std::size_t index =
        (static_cast<std::size_t>(cell_coordinate(s[0], grid.n[0])) * grid.n[1] +
         cell_coordinate(s[1], grid.n[1])) *
            grid.n[2] +
        cell_coordinate(s[2], grid.n[2]);
    cell_of[c] = static_cast<std::uint32_t>(index);
    wrapped_in_order[c] = w;
    ++grid.cell_start[index + 1];
  }
  std::partial_sum(grid.cell_start.begin(), grid.cell_start.end(), grid.cell_start.begin());
  grid.atom.resize(candidates.size());
  grid.wrapped.resize(candidates.size());
  std::vector<std::uint32_t> fill(grid.cell_start.begin(), grid.cell_start.end() - 1);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const std::uint32_t slot = fill[cell_of[c]]++;
    grid.atom[slot] = candidates[c];
    grid.wrapped[slot] = wrapped_in_order[c];
  }
  return grid;
}

}  // namespace nucleate::geom
