#pragma once
// The pieces of tpt.json and the headline `nucleate tpt` prints, so tpt.cpp
// only decides what to compute. Field names are fixed by issue 5; per-state
// arrays follow msm.json's active_set, flux triplets index it too, state
// lists meant for people (source, sink, pathways, transition states) hold the
// original labels.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/msm_file.h"
#include "cli/tpt_inputs.h"
#include "tpt/coarse_grain.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"

namespace nucleate::cli {

/// mean, std, percentile interval and deeptime's interval of one sample.
nlohmann::json summary_json(const std::vector<double>& values);

/// Which frames a mean box volume is taken over: those whose discrete state
/// is wanted, where frame begin + k * stride of trajectory t is frame k of
/// dtrajs[t] (the frames `nucleate cv --begin --stride` wrote).
struct FramesInStates {
  std::vector<std::string> dtrajs;
  std::vector<bool> wanted_label;  ///< indexed by original state label
  std::size_t begin = 0;
  std::size_t stride = 1;
};

/// Mean box volume over every frame of the trajectories, or only over the
/// frames `only` selects, in length_unit^3.
double mean_box_volume(const std::vector<std::string>& trajectories, const std::string& length_unit,
                       const FramesInStates* only = nullptr);

/// The original labels of `states` (indices into the model) as a mask.
std::vector<bool> label_mask(const SavedModel& model, const std::vector<std::int32_t>& states);

/// Per CV column: its mean over the frames whose state is one of `states`
/// (indices into the model), over COLVAR files paired with discrete
/// trajectories of the same length.
struct FrameAverages {
  std::size_t frames = 0;
  std::map<std::string, double> means;
};
FrameAverages average_over_states(const std::vector<std::string>& colvars,
                                  const std::vector<std::string>& dtrajs, const SavedModel& model,
                                  const std::vector<std::int32_t>& states);

class TptReport {
 public:
  /// `unit`: one lag step in the model's time unit.
  TptReport(const SavedModel& model, const tpt::ReactiveFlux& flux, double unit);

  void set_endpoints(const std::string& source, const std::string& sink, std::size_t source_dropped,
                     std::size_t sink_dropped);
  void add_mfpts(double forward, double reverse);
  void add_pathways(const tpt::PathwayDecomposition& pathways);
  void add_coarse(const tpt::CoarseFlux& coarse, const tpt::PathwayDecomposition& pathways);
  void add_transition_states(double lower, double upper, const std::vector<std::int32_t>& states,
                             const StateCenters* centers);
  void add_transition_state_frames(const FrameAverages& averages);
  void add_state_map(const StateCenters& centers);
  void add_flux_through(const std::string& name, const std::string& expression, std::size_t states,
                        double fraction);
  void add_nucleation_rate(double value, const std::string& units,
                           const std::string& waiting_time_kind, double waiting_time, double volume,
                           const std::string& length_unit);
  void add_bayes(nlohmann::json bayes);

  [[nodiscard]] double mfpt() const { return mfpt_; }
  [[nodiscard]] const nlohmann::json& json() const { return out_; }
  void print_headline(const std::string& output) const;

 private:
  [[nodiscard]] nlohmann::json labels_of(const std::vector<std::int32_t>& indices) const;

  const SavedModel& model_;
  const tpt::ReactiveFlux& flux_;
  double unit_;
  double mfpt_ = 0.0;
  nlohmann::json out_;
};

}  // namespace nucleate::cli
