#pragma once
// Quantities built from Steinhardt vectors of neighbouring atoms:
//
// Lechner–Dellago averages (J. Chem. Phys. 129, 114707 (2008), eq. 6):
//   qbar_lm(i) = (q_lm(i) + sum_{k in N(i)} q_lm(k)) / (N_i + 1)
// over the same neighbours N(i) the q_lm were built from, then q̄_l by either
// normalisation.
//
// ten Wolde–Frenkel solid bonds (ten Wolde, Ruiz-Montero & Frenkel, J. Chem.
// Phys. 104, 9932 (1996)): i and j are bonded when
//   d_ij = Re sum_m qhat_lm(i) qhat_lm(j)*  > threshold,  qhat = q / |q|,
// the same test as LAMMPS `compute coord/atom orientorder`.

#include <span>
#include <vector>

#include "cv/steinhardt.h"
#include "geom/neighbor_list.h"

namespace nucleate::cv {

/// Fills `out` rows of `queries` with the Lechner–Dellago averages of `q`.
void average_bond_order(const geom::NeighborList& list, std::span<const std::uint32_t> queries,
                        const BondOrderVectors& q, BondOrderVectors& out);

/// Normalised dot product d_ij; 0 when either vector is zero.
double normalised_bond_dot(const BondOrderVectors& q, std::size_t i, std::size_t j);

/// Number of listed neighbours of each query with d_ij > threshold.
std::vector<std::size_t> count_solid_bonds(const geom::NeighborList& list,
                                           std::span<const std::uint32_t> queries,
                                           const BondOrderVectors& q, double threshold);

}  // namespace nucleate::cv
