#pragma once
// Reactive flux of discrete transition path theory from A to B (Metzner,
// Schütte & Vanden-Eijnden 2009; Noé et al., PNAS 106, 19011 (2009)), with
// deeptime 0.4.5's definitions (deeptime.markov.reactive_flux):
//   gross flux  f_ij = pi_i q-_i T_ij q+_j  (i != j)
//   net flux    f+_ij = max(0, f_ij - f_ji)
//   total flux  F = sum_{i in A, j not in A} f+_ij
//   rate        k_AB = F / sum_i pi_i q-_i, per step of T (one lag time);
//               divide by lag * dt for a rate per unit time.
// 1 / k_AB is the TPT mean first passage time; it is not the pi-weighted
// set-to-set MFPT of msm::mean_first_passage_time, which averages over the
// starting states in A differently.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"
#include "tpt/state_sets.h"

namespace nucleate::tpt {

struct ReactiveFlux {
  Endpoints endpoints;
  Eigen::VectorXd stationary;
  Eigen::VectorXd forward_committor;
  Eigen::VectorXd backward_committor;
  msm::SparseMatrix gross_flux;
  msm::SparseMatrix net_flux;
  double total_flux = 0.0;
  double rate = 0.0;  ///< per step of the transition matrix

  [[nodiscard]] std::size_t states() const { return static_cast<std::size_t>(stationary.size()); }
};

/// `source` and `sink` are indices into T. UsageError for empty, out-of-range
/// or overlapping sets; Error when B cannot be reached.
ReactiveFlux reactive_flux(const msm::SparseMatrix& transition_matrix,
                           const Eigen::VectorXd& stationary,
                           const std::vector<std::int32_t>& source,
                           const std::vector<std::int32_t>& sink);

/// f_ij = pi_i q-_i T_ij q+_j off the diagonal, zeros dropped.
msm::SparseMatrix gross_flux(const msm::SparseMatrix& transition_matrix,
                             const Eigen::VectorXd& stationary,
                             const Eigen::VectorXd& backward_committor,
                             const Eigen::VectorXd& forward_committor);

/// max(0, f_ij - f_ji), zeros dropped.
msm::SparseMatrix net_flux(const msm::SparseMatrix& gross);

/// sum_{i in A, j not in A} f_ij.
double total_flux(const msm::SparseMatrix& flux, const std::vector<bool>& in_source);

/// The reactive current through each state, 1/2 sum_j (f+_ij + f+_ji): for an
/// intermediate state its throughput (inflow = outflow), for a source state
/// half its outflow, for a sink state half its inflow.
Eigen::VectorXd state_current(const msm::SparseMatrix& net);

/// The fraction of reactive trajectories that visit `region` (a mask) on
/// their way from A to B. Exact, not a sum of fluxes into the region (which
/// counts re-entries twice): reactive trajectories leave A along the gross
/// flux and then move as the chain conditioned on reaching B, whose jump
/// probabilities off the diagonal are the row-normalised gross flux; the
/// answer is the probability of that chain entering the region before B,
/// averaged over the exits from A weighted by their flux. A source state in
/// the region counts as visited.
double flux_fraction_through(const ReactiveFlux& flux, const std::vector<bool>& region);

}  // namespace nucleate::tpt
