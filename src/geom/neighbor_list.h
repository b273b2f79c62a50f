#pragma once
// Neighbour searches in periodic cells: all candidates within a cutoff of
// each query atom, or its k nearest, by cell lists (linear in the number of
// atoms). One interface for one group ("all ions around all ions") and two
// groups ("Cl around Na"): queries and candidates are index lists into the
// same position array, and an atom is never its own neighbour.
//
// Cells are built in fractional coordinates with at least the cutoff as
// perpendicular width, so any pair within the cutoff sits in adjacent cells;
// each of the 27 neighbour cells is visited with its own periodic shift,
// which makes the search exact for any triclinic cell as long as the cutoff
// is below half the shortest perpendicular width (then every pair has at
// most one image within the cutoff).

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "geom/periodic_cell.h"
#include "io/frame.h"

namespace nucleate::geom {

using io::Vec3f;

/// Neighbours of each query in compressed rows: those of query q are the
/// entries [offsets[q], offsets[q+1]) of the other arrays, sorted by
/// distance (ties by index), so the nearest come first.
struct NeighborList {
  std::vector<std::size_t> offsets{0};
  std::vector<std::uint32_t> indices;   ///< candidate atom index (into positions)
  std::vector<float> distances;
  std::vector<Vec3f> displacements;     ///< r_j - r_i, minimum image

  [[nodiscard]] std::size_t query_count() const { return offsets.size() - 1; }
  [[nodiscard]] std::size_t count(std::size_t q) const { return offsets[q + 1] - offsets[q]; }
};

/// All candidates within `cutoff` (exclusive) of each query. Throws Error
/// when the cutoff is not below half the shortest perpendicular cell width.
NeighborList neighbors_within(const PeriodicCell& cell, std::span<const Vec3f> positions,
                              std::span<const std::uint32_t> queries,
                              std::span<const std::uint32_t> candidates, double cutoff);

/// The k nearest candidates of each query (fewer only when fewer exist
/// within half the shortest perpendicular cell width).
NeighborList nearest_neighbors(const PeriodicCell& cell, std::span<const Vec3f> positions,
                               std::span<const std::uint32_t> queries,
                               std::span<const std::uint32_t> candidates, std::size_t k);

/// The first (nearest) keep(q) entries of each row q of a list, whose rows
/// are sorted by distance: e.g. k_i nearest per atom from one k_max search.
NeighborList keep_nearest(const NeighborList& list, const std::function<std::size_t(std::size_t)>& keep);

/// 0, 1, ..., n-1: the index list of "every atom".
std::vector<std::uint32_t> all_indices(std::size_t n);

}  // namespace nucleate::geom
