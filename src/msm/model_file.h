#pragma once
// msm.json, the saved form of an estimated Markov state model (what `nucleate
// msm estimate` writes and every command that works on a model reads: mfpt,
// simulate, pcca, tpt, and `nucleate run`'s summary), and the conventions
// around a model that every client shares: how a connectivity threshold is
// named, how many eigenvalues are computed by default, and state labels
// versus indices into the model.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/options.h"
#include "msm/markov_model.h"

namespace nucleate::msm {

/// The `dt` option every MSM command shares: the time between frames, in
/// the user's unit; times are then in that unit (frames without it).
template <class Options>
OptionEntry<Options> dt_option() {
  return {"dt", &Options::dt, "Time between frames; times are then in its unit", "time unit",
          OptionCheck::positive};
}

/// The options of `msm estimate` ([msm] of a pipeline).
struct MsmEstimateOptions {
  std::size_t lag = 1;  ///< frames
  std::optional<double> dt;
  bool nonreversible = false;
  double tolerance = 1e-8;  ///< reversible MLE: relative change of pi
  /// A count, or "1/n"/"pyemma" or "msmbuilder" (connectivity_threshold()).
  std::string connectivity_threshold = "0";
  /// Eigenvalues (and so timescales) to compute, largest first; 0: all;
  /// unset: default_eigenvalue_count().
  std::optional<std::size_t> eigenvalues;
};
const OptionTable<MsmEstimateOptions>& msm_estimate_options();

/// The library's EstimateOptions for these trajectories: the connectivity
/// convention and the eigenvalue default resolved. `stationary`, when given,
/// fixes pi (by original label).
EstimateOptions estimate_options(const MsmEstimateOptions& options,
                                 const std::vector<DiscreteTrajectory>& trajectories,
                                 std::optional<Eigen::VectorXd> stationary = std::nullopt);

/// A model together with what it was estimated from.
struct SavedModel {
  MarkovModel model;
  /// Time between frames, in the user's time unit; without it times are in
  /// frames.
  std::optional<double> dt;
  std::vector<std::string> trajectories;
  std::string path;  ///< the file it was read from ("" when estimated here)

  /// One lag step in the model's time unit (lag * dt, or lag frames).
  [[nodiscard]] double lag_time() const;
  /// Frames as times: dt's unit, or frames.
  [[nodiscard]] double frame_time() const { return dt.value_or(1.0); }
};

/// msm.json's fields (lag, dt, time_unit, reversible, n_states, active_set,
/// dropped_states, dropped_frames, trajectories, count_matrix,
/// transition_matrix, stationary_distribution, free_energies_kT, eigenvalues,
/// [eigenvalues_imag], timescales, mle, warnings). Matrices up to 5000
/// states are dense rows, larger ones [i, j, value] triplets under
/// NAME_coo. Paths are recorded relative to the folder of `output_file`
/// (core/recorded_path.h).
Json model_json(const SavedModel& saved, const std::string& output_file);

/// InputError naming the file and the missing or malformed field.
SavedModel read_model_file(const std::string& path);

/// Indices into the model of original state labels; UsageError naming
/// `what` (an option) and the label that is not in the active set.
std::vector<std::int32_t> state_indices(const MarkovModel& model,
                                        const std::vector<std::int32_t>& labels,
                                        const std::string& what);

/// "1,2,5-7" (original state labels, as a command line gives them).
std::vector<std::int32_t> parse_state_labels(const std::string& text, const std::string& what);

/// The pi-weighted mean first passage time between two sets of original
/// labels, in lag steps and in the model's time unit.
struct PassageTime {
  double steps = 0.0;
  double time = 0.0;
};
/// `names` say what the two sets are called in errors.
PassageTime mean_first_passage_time(const SavedModel& saved, const std::vector<std::int32_t>& from,
                                    const std::vector<std::int32_t>& to,
                                    const std::pair<std::string, std::string>& names = {"from",
                                                                                        "to"});

/// A trajectory of `steps` states sampled from the model, as original
/// labels, starting at label `start` (msm/simulate.h).
DiscreteTrajectory simulate_labels(const MarkovModel& model, std::int32_t start, std::size_t steps,
                                   std::uint64_t seed);

/// The original labels of `states` (indices into the model) as a mask over
/// labels.
std::vector<bool> label_mask(const MarkovModel& model, const std::vector<std::int32_t>& states);

/// A connectivity threshold as a count, or a convention by name: "1/n" or
/// "pyemma" (deeptime's and PyEMMA's mincount_connectivity='1/n': 1 / the
/// number of states seen) or "msmbuilder" (its ergodic_cutoff='on': 1/lag on
/// its lag-normalised sliding counts, i.e. one raw sliding count). For
/// sliding counts, which are whole numbers, all of them keep every observed
/// transition, as 0 does. UsageError for anything else.
double connectivity_threshold(const std::string& text,
                              const std::vector<DiscreteTrajectory>& trajectories);

/// How many eigenvalues an estimate computes when not told: all up to 2000
/// states (a dense solve), else the 20 largest (a full spectrum costs
/// O(n^3): minutes above a few thousand states, where users want the slowest
/// timescales only, the sparse solver's case).
std::size_t default_eigenvalue_count(const std::vector<DiscreteTrajectory>& trajectories);

}  // namespace nucleate::msm
