#pragma once
// The cell lists behind the neighbour searches (internal to geom): atoms
// bucketed by cell of a grid in fractional coordinates whose cells are at
// least the cutoff wide, so any pair within the cutoff sits in adjacent cells.

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/vec3.h"
#include "geom/periodic_cell.h"

namespace nucleate::geom {

/// Candidates bucketed by cell: counting sort over the flattened cell index.
struct CellGrid {
  std::array<int, 3> n{};
  std::vector<std::uint32_t> cell_start;  // size cells + 1
  std::vector<std::uint32_t> atom;        // candidate atom indices, by cell
  std::vector<Vec3d> wrapped;             // their wrapped Cartesian positions, by cell
};

/// Cell coordinate (0..n-1) of fractional coordinate s in [0, 1].
int cell_coordinate(double s, int n);

/// The grid for `candidates` (wrapped into the cell).
CellGrid build_grid(const PeriodicCell& cell, std::span<const Vec3f> positions,
                    std::span<const std::uint32_t> candidates, double cutoff);

}  // namespace nucleate::geom
