#pragma once
// Transition path theory on a Markov state model from a source set A (the
// liquid or solution) to a sink set B (the crystal), as one analysis:
// committors, reactive fluxes, rate, MFPTs, pathways, pathways coarse-grained
// onto macrostates, the transition-state ensemble, the fraction of flux
// through CV regions, the nucleation rate J = 1/(t V), and, from the
// posterior of a Bayesian MSM, error bars on all the rate-like numbers.
// `nucleate tpt`, the tpt stage of `nucleate run` and Python call it.
//
// Units: times are lag steps times lag * dt (frames without dt); fluxes are
// per lag step, as deeptime reports them.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/options.h"
#include "msm/bayesian_msm.h"
#include "msm/model_file.h"
#include "msm/state_decomposition.h"
#include "tpt/coarse_grain.h"
#include "tpt/endpoints.h"
#include "tpt/nucleation_rate.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"

namespace nucleate::tpt {

struct TptOptions {
  std::string source;  ///< A as state labels
  std::string source_region;
  std::string source_macro;
  std::string sink;  ///< B as state labels
  std::string sink_region;
  std::string sink_macro;
  std::string coarse_sets;           ///< "0-9;10-19": instead of the PCCA+ sets
  std::vector<std::string> through;  ///< NAME=EXPR: flux fraction through each CV region
  double flux_fraction = 0.95;
  std::size_t max_pathways = 1000;
  std::vector<double> band{0.4, 0.6};  ///< committor band of the transition states
  std::size_t samples = 0;             ///< Bayesian samples for the error bars; 0: none
  std::uint64_t seed = 0;
  std::optional<double> volume;        ///< V of J, in length_unit^3, when given as a number
  std::string volume_over = "source";  ///< frames whose mean box is V: source or all
  std::size_t begin = 0;               ///< first trajectory frame of each discrete trajectory
  std::size_t stride = 1;              ///< trajectory frames per discrete-trajectory frame
  std::string time_unit = "ps";
  std::string length_unit = "nm";
  std::string rate_time = "mfpt";  ///< t of J: mfpt, tpt (1/k_AB) or its (slowest timescale)

  [[nodiscard]] EndpointSpec source_spec() const { return {source, source_region, source_macro}; }
  [[nodiscard]] EndpointSpec sink_spec() const { return {sink, sink_region, sink_macro}; }
};
const OptionTable<TptOptions>& tpt_options();

/// mean, std, 2.5/97.5 percentiles and deeptime's interval of one quantity
/// over Bayesian samples.
struct SampledValue {
  double mean = 0.0;
  double std = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  msm::Interval deeptime;
};
SampledValue summarize(const std::vector<double>& values);

struct TransitionStates {
  double lower = 0.4;
  double upper = 0.6;
  std::vector<std::int32_t> states;  ///< indices into the model
  std::vector<double> committor;
  double stationary_weight = 0.0;
  /// The pi-weighted mean of the states' centres, by CV (with centres).
  std::map<std::string, double> center_means;
  /// CV averages over the frames in these states (filled by the caller that
  /// has the CV time series: the tpt stage).
  std::optional<std::size_t> frames;
  std::map<std::string, double> frame_averages;
};

struct FluxThrough {
  std::string name;
  std::string region;
  std::size_t states = 0;
  double fraction = 0.0;
};

struct NucleationRate {
  double value = 0.0;
  std::optional<double> lower;  ///< from the Bayesian samples
  std::optional<double> upper;
  std::string units;
  std::string waiting_time;  ///< mfpt, tpt or its
  double t = 0.0;            ///< in the model's time unit
  double volume = 0.0;
  std::string volume_units;
};

struct SampledTptSummary {
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  SampledValue rate;          ///< per time unit
  SampledValue inverse_rate;  ///< time units
  SampledValue total_flux;    ///< per lag step
  SampledValue mfpt;
  SampledValue mfpt_reverse;
  SampledValue slowest_timescale;
  msm::SampleSummary forward_committor;
  std::optional<SampledValue> nucleation_rate;
  std::vector<std::string> warnings;
};

struct StateMap {
  std::vector<std::string> cvs;
  msm::Points centers;  ///< one row per active state, in active_set order
};

struct TptResult {
  std::string model_file;
  std::size_t lag = 1;
  std::optional<double> dt;
  std::vector<std::int32_t> active_set;
  ReactiveFlux flux;
  double unit = 1.0;  ///< one lag step in the model's time unit
  std::string source_definition;
  std::string sink_definition;
  double mfpt = 0.0;          ///< A -> B, time units (pi-weighted, deeptime's msm.mfpt)
  double mfpt_reverse = 0.0;  ///< B -> A
  PathwayDecomposition pathways;
  std::optional<CoarseFlux> coarse;
  PathwayDecomposition coarse_pathways;
  TransitionStates transition_states;
  std::optional<StateMap> state_map;
  std::vector<FluxThrough> flux_through;
  std::optional<NucleationRate> nucleation_rate;
  std::optional<SampledTptSummary> bayes;
  std::vector<std::string> warnings;

  [[nodiscard]] double rate() const { return flux.rate / unit; }  ///< per time unit
  /// Original labels of indices into the model.
  [[nodiscard]] std::vector<std::int32_t> labels(const std::vector<std::int32_t>& indices) const;
  [[nodiscard]] std::vector<std::int32_t> source_labels() const;
  [[nodiscard]] std::vector<std::int32_t> sink_labels() const;
};

/// What the analysis reads besides the model and the options.
struct TptInputs {
  EndpointContext endpoints;  ///< centres (regions, state map) and PCCA+ sets
  /// The discrete trajectories the model came from: needed for samples > 0.
  const std::vector<msm::DiscreteTrajectory>* trajectories = nullptr;
  /// V of J in length_unit^3 (options.volume, or the mean box the caller
  /// measured); no J without it.
  std::optional<double> volume;
  std::function<void(std::size_t)> on_samples;
};

/// Both endpoints, checked disjoint.
std::pair<ResolvedEndpoint, ResolvedEndpoint> resolve_endpoints(const msm::MarkovModel& model,
                                                                const TptOptions& options,
                                                                const EndpointContext& context);

/// The whole analysis. UsageError for options that do not fit the model.
TptResult analyse_tpt(const msm::SavedModel& saved, const TptOptions& options,
                      const TptInputs& inputs);

/// The waiting time t of J = 1/(t V) in lag steps, by kind: the MFPT A -> B
/// (mfpt), the TPT MFPT 1/k_AB (tpt) or the slowest implied timescale (its).
/// One definition for the model and every Bayesian sample.
double waiting_steps(const std::string& kind, double mfpt_steps, double rate_per_step,
                     double slowest_steps);

}  // namespace nucleate::tpt
