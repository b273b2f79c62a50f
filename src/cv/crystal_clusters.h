#pragma once
// Crystalline clusters (nuclei): connected components of selected atoms, two
// atoms linked when a pair criterion holds for a listed neighbour pair (periodic
// images included, since the neighbour list is built with minimum images). Used
// for the largest crystalline nucleus, the cluster-size distribution N p(N)
// and sub-populations inside the largest cluster. (A decomposition of CV
// space into MSM states is msm/state_decomposition.h, not this.)

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "geom/neighbor_list.h"

namespace nucleate::cv {

struct CrystalClusters {
  /// Cluster id of each atom (indexed by atom), -1 for atoms not selected.
  /// Ids are ordered by decreasing size, ties by smallest member index, so
  /// cluster 0 is the largest and the numbering does not depend on threads.
  std::vector<std::int32_t> id;
  std::vector<std::size_t> sizes;  ///< by id

  [[nodiscard]] std::size_t largest() const { return sizes.empty() ? 0 : sizes[0]; }
  /// n(N): how many clusters have exactly N members, for N = 0..largest.
  [[nodiscard]] std::vector<std::size_t> size_histogram() const;
};

/// Components of the atoms with `selected[atom]` true. `list` holds the
/// neighbours of `queries` (atom numbering as `selected`); a pair (i, j) links
/// when both are selected and `linked(i, j, k)` is true for list entry k
/// (pass nullptr to link every listed pair).
CrystalClusters find_crystal_clusters(
    const geom::NeighborList& list, std::span<const std::uint32_t> queries,
    const std::vector<bool>& selected,
    const std::function<bool(std::uint32_t, std::uint32_t, std::size_t)>& linked = nullptr);

}  // namespace nucleate::cv
