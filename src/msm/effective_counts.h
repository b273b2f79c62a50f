#pragma once
// Effective (statistically uncorrelated) transition counts, as deeptime 0.4.5
// computes them for count_mode="effective" (Noé, "Statistical inefficiency of
// Markov model count matrices", 2015; deeptime.markov.tools.estimation.
// effective_count_matrix with its defaults average="row", mact=1,
// truncate_acf=True). For the Bayesian MSM: sliding counts over-count each
// transition by up to a factor lag, which would make error bars too narrow.
//
//   1. c_ij: sliding-window counts at the lag (NOT divided by the lag; deeptime
//      dropped that scheme, see PyEMMA PR #1445).
//   2. For each starting state i, the target sequence Y^(i) = (x_{t+lag} |
//      x_t = i) of every trajectory, in time order; for each c_ij > 0 the
//      indicator series a_t = 1(Y^(i)_t = j) and its statistical inefficiency
//      I_ij (see statistical_inefficiency below).
//   3. Row average: f_i = sum_j I_ij c_ij / max(1, sum_j c_ij), and
//      c^eff_ij = f_i c_ij.
// Pairs with a negative (unassigned) state at either end are skipped, as the
// sliding counts skip them.

#include <cstddef>
#include <span>
#include <vector>

#include "msm/count_matrix.h"

namespace nucleate::msm {

/// Statistical inefficiency I = 1 / (2 tau) of one signal split over several
/// series, with deeptime.util.stats.statistical_inefficiency's estimator
/// (Anderson 1971; Janke 2002):
///   m = mean over all values, y = x - m, N = longest series,
///   A(k) = sum over series of sum_t y_t y_{t+k} / (number of such pairs),
///   tau = 1/2 + mact * sum_{k=1}^{K} A(k) (1 - k/N) / <x^2>,
/// where K stops before the first k with A(k) <= 0 (when truncate_acf), and
/// <x^2> is the mean of the raw (not mean-free) squares, as deeptime has it.
/// Series may be empty; at least one value in total is required.
double statistical_inefficiency(std::span<const std::vector<double>> series,
                                bool truncate_acf = true, double mact = 1.0);

/// I_ij for every non-zero sliding count c_ij at `lag` (states x states,
/// pattern of the sliding count matrix). `states` as in count_transitions.
SparseMatrix statistical_inefficiencies(std::span<const DiscreteTrajectory> trajectories,
                                        std::size_t lag, std::size_t states = 0);

/// The effective count matrix (states x states, the sliding counts' pattern).
SparseMatrix effective_counts(std::span<const DiscreteTrajectory> trajectories, std::size_t lag,
                              std::size_t states = 0);

}  // namespace nucleate::msm
