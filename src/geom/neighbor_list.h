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

#include "core/vec3.h"
#include "geom/periodic_cell.h"

namespace nucleate::geom {

/// Neighbours of each query in compressed rows: those of query q are the
/// entries [offsets[q], offsets[q+1]) of the other arrays. Rows of
/// `nearest_neighbors` are sorted by distance (ties by index), so the nearest
/// come first; rows of `neighbors_within` are in search order (fixed for a
/// given input), since every use of them sums or
/// tests each neighbour and sorting cost a quarter of the search.
///
/// A list of one group around itself (queries == candidates) is symmetric:
/// every pair sits in both atoms' rows, and `neighbor_rows[e]` is the row of
/// entry e's atom. Per-bond work that is the same from both ends (harmonics up
/// to a sign, bond dot products, switching weights) can then be done once per
/// pair, which halves the order-parameter hot path.
struct NeighborList {
  std::vector<std::size_t> offsets{0};
  std::vector<std::uint32_t> indices;  ///< candidate atom index (into positions)
  std::vector<float> distances;
  std::vector<Vec3f> displacements;  ///< r_j - r_i, minimum image
  bool symmetric = false;
  std::vector<std::uint32_t> neighbor_rows;  ///< only when symmetric: the row of indices[e]

  [[nodiscard]] std::size_t query_count() const { return offsets.size() - 1; }
  [[nodiscard]] std::size_t count(std::size_t q) const { return offsets[q + 1] - offsets[q]; }
};

/// Calls bond(q, e, both_rows) for the entries e of every row q. In a
/// symmetric list each pair is visited once, from its lower row, with
/// both_rows: its result goes to row q and to row neighbor_rows[e]. In a list
/// that is not symmetric every entry is visited, into its own row only.
/// Rows and entries are visited in order, so the sums a caller builds are
/// the same bits on every run.
template <class Bond>
void for_each_bond(const NeighborList& list, Bond&& bond) {
  for (std::size_t q = 0; q < list.query_count(); ++q) {
    for (std::size_t e = list.offsets[q]; e < list.offsets[q + 1]; ++e) {
      if (!list.symmetric) {
        bond(q, e, false);
      } else if (list.neighbor_rows[e] > q) {
        bond(q, e, true);
      }
    }
  }
}

/// All candidates within `cutoff` (exclusive) of each query. Throws Error
/// when the cutoff is not below half the shortest perpendicular cell width.
/// When queries and candidates are the same atoms in the same order (and no
/// atom twice), each pair is searched once and the list is symmetric.
NeighborList neighbors_within(const PeriodicCell& cell, std::span<const Vec3f> positions,
                              std::span<const std::uint32_t> queries,
                              std::span<const std::uint32_t> candidates, double cutoff);

/// The k nearest candidates of each query (fewer only when fewer exist
/// within half the shortest perpendicular cell width).
NeighborList nearest_neighbors(const PeriodicCell& cell, std::span<const Vec3f> positions,
                               std::span<const std::uint32_t> queries,
                               std::span<const std::uint32_t> candidates, std::size_t k);

/// The keep(q) nearest entries of each row q (ties by index), sorted by
/// distance: e.g. k_i nearest per atom from one k_max search, or LAMMPS's
/// "nnn nearest within a cutoff" from a `neighbors_within` list.
/// The result is not symmetric (row q may keep j while row j drops q).
NeighborList keep_nearest(const NeighborList& list,
                          const std::function<std::size_t(std::size_t)>& keep);

/// 0, 1, ..., n-1: the index list of "every atom".
std::vector<std::uint32_t> all_indices(std::size_t n);

}  // namespace nucleate::geom
