#pragma once
// Committors of discrete transition path theory (Metzner, Schütte &
// Vanden-Eijnden, Multiscale Model. Simul. 7, 1192 (2009); Noé et al., PNAS
// 106, 19011 (2009)):
//   forward  q+_i: probability to reach B before A from i (0 on A, 1 on B);
//   backward q-_i: probability to have come from A rather than B, i.e. the
//   forward committor of the time-reversed chain T~_ij = pi_j T_ji / pi_i
//   towards A (1 on A, 0 on B). For a reversible T, q- = 1 - q+.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "msm/count_matrix.h"
#include "tpt/state_sets.h"

namespace nucleate::tpt {

Eigen::VectorXd forward_committor(const msm::SparseMatrix& transition_matrix,
                                  const Endpoints& endpoints);

/// `stationary` must be strictly positive (the model's connected set).
Eigen::VectorXd backward_committor(const msm::SparseMatrix& transition_matrix,
                                   const Eigen::VectorXd& stationary, const Endpoints& endpoints);

/// Indices of the states whose committor lies in [lower, upper] (the
/// transition-state ensemble for the band 0.4-0.6).
std::vector<std::int32_t> states_in_band(const Eigen::VectorXd& committor, double lower,
                                         double upper);

/// T~ = D^-1 T^T D, D = diag(pi): the chain run backwards in time.
msm::SparseMatrix time_reversed(const msm::SparseMatrix& transition_matrix,
                                const Eigen::VectorXd& stationary);

}  // namespace nucleate::tpt
