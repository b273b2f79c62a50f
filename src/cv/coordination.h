#pragma once
// Per-atom sums over neighbours: coordination numbers and locally averaged
// bond order, as PLUMED's COORDINATIONNUMBER and LOCAL_Q6 define them.

#include <span>
#include <vector>

#include "cv/steinhardt.h"
#include "cv/switching_function.h"
#include "geom/neighbor_list.h"

namespace nucleate::cv {

/// c_i = f_i sum_j f_j s(r_ij) for each query atom i (in list order), over
/// the listed neighbours j. `filter` holds per-atom weights f (indexed by
/// atom, as PLUMED's MFILTER_MORE weights); empty means f = 1.
std::vector<double> coordination_numbers(const geom::NeighborList& list,
                                         std::span<const std::uint32_t> queries,
                                         const SwitchingFunction& switching,
                                         std::span<const double> filter = {});

/// PLUMED LOCAL_Q6 (and LOCAL_Q4...):
///   S_i = sum_j s(r_ij) qhat(i).qhat(j)* / sum_j s(r_ij),  qhat = q / |q|,
/// real part, sum over m = -l..l. Atoms with q = 0 or no weighted neighbour
/// get S = 0.
std::vector<double> local_bond_order(const geom::NeighborList& list,
                                     std::span<const std::uint32_t> queries,
                                     const SwitchingFunction& switching, const BondOrderVectors& q);

/// w_i = s(|r_i - centre|) with the minimum-image distance (PLUMED INSPHERE
/// RADIUS=...), for each atom in `atoms`.
std::vector<double> sphere_weights(const geom::PeriodicCell& cell, std::span<const Vec3f> positions,
                                   std::span<const std::uint32_t> atoms, const Vec3d& centre,
                                   const SwitchingFunction& switching);

}  // namespace nucleate::cv
