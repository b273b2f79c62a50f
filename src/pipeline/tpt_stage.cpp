#include "pipeline/tpt_stage.h"

#include <fmt/format.h>

#include <optional>

#include "core/error.h"
#include "io/dtraj.h"
#include "io/frame_averages.h"
#include "msm/model_file.h"
#include "msm/pcca_file.h"
#include "msm/state_decomposition.h"

namespace nucleate::pipeline {
namespace {

// V of J: given, or the mean box over the frames of --volume-from; J is a
// rate per volume of the phase nuclei form in (the liquid or solution), and
// boxes that already hold a grown crystal are smaller and not that phase, so
// volume_over source averages only the source's frames.
std::optional<double> volume_of(const tpt::TptOptions& options, const TptFiles& files,
                                const msm::MarkovModel& model,
                                const std::vector<std::int32_t>& source) {
  if (options.volume) {
    if (!files.volume_from.empty())
      throw UsageError("give the volume as a number or --volume-from trajectories, not both");
    return options.volume;
  }
  if (files.volume_from.empty()) return std::nullopt;
  const io::LengthUnit unit = io::length_unit_named(options.length_unit);
  if (options.volume_over == "all") return io::mean_box_volume(files.volume_from, unit);
  if (files.dtrajs.empty()) {
    throw UsageError(
        "--volume-over source (the default) needs --dtraj (one per --volume-from trajectory); "
        "give --volume-over all to average every frame");
  }
  const io::FramesInStates frames{io::read_discrete_trajectories(files.dtrajs), files.dtrajs,
                                  msm::label_mask(model, source), options.begin, options.stride};
  return io::mean_box_volume(files.volume_from, unit, &frames);
}

}  // namespace

tpt::TptResult run_tpt(const tpt::TptOptions& options, const TptFiles& files,
                       const std::function<void(std::size_t)>& progress) {
  const msm::SavedModel saved = msm::read_model_file(files.model);
  std::optional<msm::StateDecomposition> states;
  if (!files.clusters.empty()) states = msm::read_decomposition_file(files.clusters);
  std::optional<msm::MacrostateModel> macro;
  if (!files.pcca.empty()) macro = msm::read_pcca_file(files.pcca);
  tpt::TptInputs inputs;
  inputs.endpoints.states = states ? &*states : nullptr;
  inputs.endpoints.states_file = files.clusters;
  inputs.endpoints.macrostates = macro ? &macro->sets : nullptr;
  inputs.on_samples = progress;
  const auto ends = tpt::resolve_endpoints(saved.model, options, inputs.endpoints);
  inputs.volume = volume_of(options, files, saved.model, ends.first.indices);
  std::vector<msm::DiscreteTrajectory> trajectories;
  if (options.samples > 0 && !files.dtrajs.empty()) {
    trajectories = io::read_discrete_trajectories(files.dtrajs);
    inputs.trajectories = &trajectories;
  }
  tpt::TptResult result = tpt::analyse_tpt(saved, options, inputs);
  if (!files.colvars.empty()) {
    if (files.colvars.size() != files.dtrajs.size()) {
      throw UsageError(
          fmt::format("--colvar gives {} files but --dtraj {}: they go in pairs, frame by frame",
                      files.colvars.size(), files.dtrajs.size()));
    }
    const io::ColumnAverages averages = io::average_over_states(
        files.colvars, files.dtrajs, msm::label_mask(saved.model, result.transition_states.states));
    result.transition_states.frames = averages.frames;
    result.transition_states.frame_averages = averages.means;
  }
  return result;
}

std::vector<std::string> tpt_lines(const tpt::TptResult& r, const std::string& output) {
  std::vector<std::string> lines;
  const char* time = r.dt ? "time units" : "frames";
  lines.push_back(fmt::format(
      "A: {} states, B: {} states; total flux {:.4g} per lag, rate {:.4g} per {} (1/rate {:.4g}), "
      "MFPT A->B {:.4g}, B->A {:.4g} {}",
      r.source_labels().size(), r.sink_labels().size(), r.flux.total_flux, r.rate(),
      r.dt ? "time unit" : "frame", r.unit / r.flux.rate, r.mfpt, r.mfpt_reverse, time));
  const auto& paths = r.pathways.pathways;
  for (std::size_t k = 0; k < std::min<std::size_t>(3, paths.size()); ++k) {
    std::string states;
    for (std::int32_t s : r.labels(paths[k].states))
      states += fmt::format("{}{}", states.empty() ? "" : " ", s);
    lines.push_back(fmt::format("pathway {}: {:5.1f}%  {}", k + 1,
                                100.0 * paths[k].flux / r.pathways.total_flux, states));
  }
  lines.push_back(fmt::format("transition states (q+ in [{}, {}]): {}", r.transition_states.lower,
                              r.transition_states.upper, r.transition_states.states.size()));
  if (r.nucleation_rate) {
    const tpt::NucleationRate& j = *r.nucleation_rate;
    if (j.lower && j.upper) {
      lines.push_back(fmt::format("nucleation rate J = {:.3g} {} [{:.3g}, {:.3g}]", j.value,
                                  j.units, *j.lower, *j.upper));
    } else {
      lines.push_back(fmt::format("nucleation rate J = {:.3g} {}", j.value, j.units));
    }
  }
  lines.push_back(fmt::format("-> {}", output));
  return lines;
}

}  // namespace nucleate::pipeline
