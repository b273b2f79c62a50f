#pragma once
// The neighbour search of one group around itself, pair by pair (internal to
// geom; `neighbors_within` chooses it): half the cell stencil is searched and
// every pair is mirrored into both rows, which gives a symmetric list.

#include <cstdint>
#include <span>
#include <vector>

#include "geom/cell_grid.h"
#include "geom/neighbor_list.h"

namespace nucleate::geom {

/// The row of each atom (indexed by atom, size positions.size()) when
/// `queries` lists each atom at most once; empty otherwise (a repeated atom
/// would be its own neighbour at distance 0 in the general search, which a
/// pairwise search cannot express).
std::vector<std::uint32_t> rows_of_distinct(std::span<const Vec3f> positions,
                                            std::span<const std::uint32_t> queries);

/// All pairs of `queries` closer than `cutoff`, as a symmetric list;
/// `row_of` from `rows_of_distinct`, `grid` built from `queries`.
NeighborList search_pairs(const PeriodicCell& cell, std::span<const std::uint32_t> queries,
                          const std::vector<std::uint32_t>& row_of, const CellGrid& grid,
                          double cutoff);

}  // namespace nucleate::geom
