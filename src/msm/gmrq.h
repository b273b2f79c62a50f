#pragma once
// The generalised matrix Rayleigh quotient (McGibbon & Pande, J. Chem. Phys.
// 142, 124105 (2015)): how well the model's m slowest eigenfunctions,
// learned on training trajectories, capture slow dynamics in test
// trajectories. With V the m dominant right eigenvectors of the training
// model (pi-orthonormal), and from the test data at the same lag
//   C = (N + N^T) / (2 sum N)   (symmetrised, normalised counts)
//   S = diag(row sums of C)
// the test score is trace(V^T C V (V^T S V)^-1); the training score is the
// sum of the m largest eigenvalues (the maximum the test score can reach).
// States of the test data outside the training model's active set are
// ignored, as MSMBuilder does.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/markov_model.h"
#include "msm/points.h"

namespace nucleate::msm {

double gmrq_training_score(const MarkovModel& model, std::size_t components);

double gmrq_test_score(const MarkovModel& model, std::span<const DiscreteTrajectory> test,
                       std::size_t components);

struct CrossValidation {
  std::vector<double> train_scores;  ///< one per fold
  std::vector<double> test_scores;
};

/// The fold (0 .. folds-1) of each of `trajectories` trajectories: shuffled
/// with `seed` (Fisher-Yates on mt19937_64, the same on every platform),
/// then dealt round-robin. UsageError when there are fewer trajectories than
/// folds or fewer than 2 folds.
std::vector<std::size_t> assign_folds(std::size_t trajectories, std::size_t folds,
                                      std::uint64_t seed);

/// k-fold cross-validation over whole trajectories (shuffled with `seed`,
/// then dealt into `folds` folds). UsageError when there are fewer
/// trajectories than folds.
CrossValidation gmrq_cross_validation(std::span<const DiscreteTrajectory> trajectories,
                                      const EstimateOptions& options, std::size_t components,
                                      std::size_t folds, std::uint64_t seed);

// ---- choosing the number of microstates (`msm gmrq`) --------------------

struct GmrqOptions {
  std::vector<std::string> cvs;       ///< the CV columns clustered on
  std::vector<std::size_t> kcenters;  ///< numbers of k-centers states to score
  std::size_t lag = 1;                ///< frames
  std::size_t folds = 5;
  std::size_t components = 5;  ///< eigenvectors scored, the stationary one included
  std::uint64_t seed = 0;      ///< the fold split and k-centers' first centre
};
const OptionTable<GmrqOptions>& gmrq_options();

struct GmrqScan {
  std::vector<std::size_t> fold_of_input;
  std::vector<std::size_t> n_states;
  std::vector<std::vector<double>> train_scores;  ///< per state count, per fold
  std::vector<std::vector<double>> test_scores;
};

/// Cross-validated GMRQ for each number of k-centers states. In every fold
/// the whole pipeline is fitted on the training trajectories only: k-centers
/// on their frames, the MSM on their discrete trajectories; the held-out
/// trajectories are assigned to those centres and scored.
GmrqScan gmrq_state_count_scan(const std::vector<Points>& data, const GmrqOptions& options);

/// gmrq.json: cvs, lag, folds, components, seed, fold_of_input, n_states,
/// train_scores, test_scores.
Json gmrq_json(const GmrqScan& scan, const GmrqOptions& options);

}  // namespace nucleate::msm
