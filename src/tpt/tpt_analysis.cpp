#include "tpt/tpt_analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "msm/mfpt.h"
#include "msm/spectral.h"
#include "tpt/committor.h"
#include "tpt/sampled_tpt.h"

namespace nucleate::tpt {
namespace {

// The slowest implied timescale of the model in lag steps.
double slowest_timescale_steps(const msm::MarkovModel& model) {
  const msm::Spectrum spectrum =
      msm::eigenvalues(model.transition_matrix, 2, model.stationary_distribution);
  std::vector<std::string> warnings;
  const std::vector<double> t = msm::implied_timescales(spectrum, 1.0, warnings);
  if (t.empty()) {
    throw UsageError("rate_time its: the model has a single state, so no implied timescale");
  }
  return t.front();
}

// Every active state in exactly one coarse-graining set, named by label.
void check_partition(const std::vector<std::vector<std::int32_t>>& sets,
                     const msm::MarkovModel& model) {
  std::vector<int> seen(model.active_set.size(), -1);
  for (std::size_t k = 0; k < sets.size(); ++k) {
    for (std::int32_t i : sets[k]) {
      auto& slot = seen[static_cast<std::size_t>(i)];
      if (slot >= 0) {
        throw UsageError(fmt::format("coarse-graining: state {} is in sets {} and {}",
                                     model.active_set[static_cast<std::size_t>(i)], slot, k));
      }
      slot = static_cast<int>(k);
    }
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (seen[i] < 0) {
      throw UsageError(
          fmt::format("coarse-graining: state {} of the model is in no set (the sets must cover "
                      "the active set)",
                      model.active_set[i]));
    }
  }
}

std::vector<double> scaled(std::vector<double> xs, double factor) {
  for (double& x : xs) x *= factor;
  return xs;
}

SampledTptSummary sample_errors(const msm::SavedModel& saved, const TptOptions& options,
                                const TptInputs& inputs,
                                const std::pair<ResolvedEndpoint, ResolvedEndpoint>& ends,
                                const RateUnits& rate_units) {
  const msm::MarkovModel& model = saved.model;
  if (inputs.trajectories == nullptr) {
    throw UsageError("--bayes needs the discrete trajectories the model came from (--dtraj)");
  }
  msm::BayesianOptions bayes;
  bayes.on_samples = inputs.on_samples;
  bayes.samples = options.samples;
  bayes.seed = options.seed;
  bayes.timescales = 1;
  const auto sampled = msm::estimate_bayesian_msm(*inputs.trajectories, model.options.lag,
                                                  msm::BayesCountMode::effective, bayes);
  if (sampled.active_set != model.active_set) {
    throw UsageError(fmt::format(
        "--dtraj: the Bayesian model's connected set ({} states) differs from {}'s active set ({} "
        "states); give the discrete trajectories and lag the model was estimated from",
        sampled.active_set.size(), saved.path.empty() ? "the model" : saved.path,
        model.active_set.size()));
  }
  const SampledTpt values =
      sample_tpt(sampled.model.samples, ends.first.indices, ends.second.indices);
  const double unit = saved.lag_time();
  const auto lag = static_cast<double>(model.options.lag);
  SampledTptSummary out;
  out.samples = sampled.model.samples.size();
  out.seed = options.seed;
  std::vector<double> inverse_rate;
  for (double k : values.rate) inverse_rate.push_back(unit / k);
  out.rate = summarize(scaled(values.rate, 1.0 / unit));
  out.inverse_rate = summarize(inverse_rate);
  out.total_flux = summarize(values.total_flux);
  out.mfpt = summarize(scaled(values.mfpt, unit));
  out.mfpt_reverse = summarize(scaled(values.mfpt_reverse, unit));
  out.slowest_timescale = summarize(scaled(values.slowest_timescale, unit / lag));
  out.forward_committor = msm::summarize_samples(values.forward_committor);
  if (inputs.volume) {
    std::vector<double> rates;
    const std::size_t samples = values.rate.size();
    for (std::size_t s = 0; s < samples; ++s) {
      const double t = unit * waiting_steps(options.rate_time, values.mfpt[s], values.rate[s],
                                            values.slowest_timescale[s] / lag);
      // A sample whose slowest eigenvalue has modulus 1 has no finite
      // timescale; it is counted, not allowed to end the run.
      if (t > 0.0 && std::isfinite(t))
        rates.push_back(nucleation_rate(t, *inputs.volume, rate_units));
    }
    if (rates.size() < samples) {
      out.warnings.push_back(
          fmt::format("{} of {} samples had no finite waiting time and were left out of the "
                      "nucleation rate",
                      samples - rates.size(), samples));
    }
    if (rates.empty()) {
      throw UsageError("--bayes: no sample has a finite waiting time for the nucleation rate");
    }
    out.nucleation_rate = summarize(rates);
  }
  return out;
}

void add_transition_states(TptResult& result, const TptOptions& options,
                           const msm::StateDecomposition* states) {
  TransitionStates& ts = result.transition_states;
  ts.lower = options.band[0];
  ts.upper = options.band[1];
  ts.states = states_in_band(result.flux.forward_committor, ts.lower, ts.upper);
  for (std::int32_t s : ts.states) {
    ts.committor.push_back(result.flux.forward_committor[s]);
    ts.stationary_weight += result.flux.stationary[s];
  }
  if (states != nullptr && !ts.states.empty()) {
    // The pi-weighted mean of the states' centres: the typical transition
    // state in CV terms.
    for (std::size_t c = 0; c < states->cvs.size(); ++c) {
      double sum = 0.0;
      for (std::int32_t s : ts.states) {
        const auto label = result.active_set[static_cast<std::size_t>(s)];
        if (label < states->centers.rows())
          sum += result.flux.stationary[s] * states->centers(label, static_cast<Eigen::Index>(c));
      }
      ts.center_means[states->cvs[c]] = sum / ts.stationary_weight;
    }
  }
  if (ts.states.empty()) {
    result.warnings.push_back(
        fmt::format("no state has a committor in [{}, {}]", ts.lower, ts.upper));
  }
}

StateMap state_map(const msm::StateDecomposition& states, const msm::MarkovModel& model,
                   const std::string& file) {
  StateMap map;
  map.cvs = states.cvs;
  map.centers.resize(static_cast<Eigen::Index>(model.active_set.size()), states.centers.cols());
  for (std::size_t i = 0; i < model.active_set.size(); ++i) {
    const std::int32_t label = model.active_set[i];
    if (label >= states.centers.rows()) {
      throw UsageError(fmt::format("{} has {} centres but the model has state {}", file,
                                   states.centers.rows(), label));
    }
    map.centers.row(static_cast<Eigen::Index>(i)) = states.centers.row(label);
  }
  return map;
}

FluxThrough flux_through(const std::string& region, const ReactiveFlux& flux,
                         const msm::MarkovModel& model, const msm::StateDecomposition* states) {
  const auto equals = region.find('=');
  if (equals == std::string::npos || equals == 0)
    throw UsageError(fmt::format("--through '{}': write NAME=EXPRESSION", region));
  if (states == nullptr)
    throw UsageError("--through needs --clusters clusters.json (the state centres)");
  FluxThrough out;
  out.name = region.substr(0, equals);
  out.region = region.substr(equals + 1);
  std::vector<bool> mask(flux.states(), false);
  for (std::int32_t label :
       msm::states_in_region(states->cvs, states->centers, out.region, "--through")) {
    const auto it = std::lower_bound(model.active_set.begin(), model.active_set.end(), label);
    if (it != model.active_set.end() && *it == label) {
      mask[static_cast<std::size_t>(it - model.active_set.begin())] = true;
      ++out.states;
    }
  }
  out.fraction = flux_fraction_through(flux, mask);
  return out;
}

}  // namespace

const OptionTable<TptOptions>& tpt_options() {
  using O = TptOptions;
  static const OptionTable<O> table{
      {"source", &O::source, "Source set A: state labels, e.g. 0,1,5-7"},
      {"source_region", &O::source_region,
       "Source set A: a CV region on the state centres, e.g. \"n < 2 and nq6 < 0.5\" (needs the "
       "centres, clusters.json)"},
      {"source_macro", &O::source_macro, "Source set A: PCCA+ macrostate ids (needs pcca.json)"},
      {"sink", &O::sink, "Sink set B: state labels"},
      {"sink_region", &O::sink_region, "Sink set B: a CV region on the state centres"},
      {"sink_macro", &O::sink_macro, "Sink set B: PCCA+ macrostate ids (needs pcca.json)"},
      {"coarse_sets", &O::coarse_sets,
       "Coarse-grain onto these sets of state labels instead of the PCCA+ sets, e.g. "
       "\"0-9;10-19;20-29\""},
      {"through",
       &O::through,
       "NAME=EXPR: report the fraction of reactive paths visiting this CV region (repeatable)",
       "",
       OptionCheck::none,
       {},
       {},
       false,
       false},
      {"flux_fraction", &O::flux_fraction, "Decompose pathways until this fraction of the flux", "",
       OptionCheck::unit_interval},
      {"max_pathways", &O::max_pathways, "Stop the decomposition after this many pathways", "",
       OptionCheck::positive},
      {"band", &O::band, "Committor band of the transition-state ensemble: LOWER,UPPER", "",
       OptionCheck::probability},
      {"samples",
       &O::samples,
       "Bayesian error bars from this many sampled models (needs the discrete trajectories); 0: "
       "none",
       "",
       OptionCheck::none,
       {},
       {"--bayes"}},
      {"seed", &O::seed, "Seed of the Bayesian sampler (the same seed gives the same samples)"},
      {"volume", &O::volume,
       "V of J = 1/(t V) as a number; else the mean box volume of the trajectories",
       "length unit^3", OptionCheck::positive},
      {"volume_over",
       &O::volume_over,
       "Frames whose mean box is V: source (those in A: the volume of the metastable phase nuclei "
       "form in) or all",
       "",
       OptionCheck::none,
       {"source", "all"}},
      {"begin", &O::begin,
       "The first trajectory frame each discrete trajectory covers (cv's begin)", "frames"},
      {"stride", &O::stride, "Trajectory frames per discrete-trajectory frame (cv's stride)", "",
       OptionCheck::positive},
      {"time_unit",
       &O::time_unit,
       "Unit of the model's dt",
       "",
       OptionCheck::none,
       {"fs", "ps", "ns", "us", "ms", "s", "tau"}},
      {"length_unit",
       &O::length_unit,
       "Length unit of the volume",
       "",
       OptionCheck::none,
       {"nm", "angstrom", "sigma"}},
      {"rate_time",
       &O::rate_time,
       "Waiting time t in J = 1/(t V): mfpt (pi-weighted MFPT A->B), tpt (1/k_AB) or its "
       "(slowest implied timescale)",
       "",
       OptionCheck::none,
       {"mfpt", "tpt", "its"}},
  };
  return table;
}

SampledValue summarize(const std::vector<double>& values) {
  std::vector<std::vector<double>> samples;
  samples.reserve(values.size());
  for (double v : values) samples.push_back({v});
  const msm::SampleSummary s = msm::summarize_samples(samples);
  return {s.mean[0], s.std[0], s.lower[0], s.upper[0], s.deeptime[0]};
}

std::vector<std::int32_t> TptResult::labels(const std::vector<std::int32_t>& indices) const {
  std::vector<std::int32_t> out;
  out.reserve(indices.size());
  for (std::int32_t i : indices) out.push_back(active_set[static_cast<std::size_t>(i)]);
  return out;
}

std::vector<std::int32_t> TptResult::source_labels() const {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < flux.states(); ++i)
    if (flux.endpoints.in_source[i]) out.push_back(active_set[i]);
  return out;
}

std::vector<std::int32_t> TptResult::sink_labels() const {
  std::vector<std::int32_t> out;
  for (std::size_t i = 0; i < flux.states(); ++i)
    if (flux.endpoints.in_sink[i]) out.push_back(active_set[i]);
  return out;
}

double waiting_steps(const std::string& kind, double mfpt_steps, double rate_per_step,
                     double slowest_steps) {
  if (kind == "mfpt") return mfpt_steps;
  if (kind == "tpt") return 1.0 / rate_per_step;
  return slowest_steps;
}

std::pair<ResolvedEndpoint, ResolvedEndpoint> resolve_endpoints(const msm::MarkovModel& model,
                                                                const TptOptions& options,
                                                                const EndpointContext& context) {
  auto ends = std::make_pair(resolve_endpoint(options.source_spec(), "source", model, context),
                             resolve_endpoint(options.sink_spec(), "sink", model, context));
  check_disjoint(ends.first, ends.second, model);
  return ends;
}

TptResult analyse_tpt(const msm::SavedModel& saved, const TptOptions& options,
                      const TptInputs& inputs) {
  check_options(options, tpt_options());
  if (options.band.size() != 2 || options.band[0] > options.band[1])
    throw UsageError("--band takes two numbers: LOWER,UPPER");
  const msm::MarkovModel& model = saved.model;
  const auto ends = resolve_endpoints(model, options, inputs.endpoints);
  TptResult result;
  result.model_file = saved.path;
  result.lag = model.options.lag;
  result.dt = saved.dt;
  result.active_set = model.active_set;
  result.unit = saved.lag_time();
  result.flux = reactive_flux(model.transition_matrix, model.stationary_distribution,
                              ends.first.indices, ends.second.indices);
  result.source_definition = ends.first.description;
  result.sink_definition = ends.second.description;
  for (const auto& [name, end] :
       {std::pair{"source", &ends.first}, std::pair{"sink", &ends.second}}) {
    if (end->dropped > 0) {
      result.warnings.push_back(fmt::format(
          "{} of the {} set's states are outside the model's active set and were left out",
          end->dropped, name));
    }
  }
  const msm::SparseMatrix& t = model.transition_matrix;
  const Eigen::VectorXd& pi = model.stationary_distribution;
  result.mfpt =
      result.unit * msm::mean_first_passage_time(t, pi, ends.first.indices, ends.second.indices);
  result.mfpt_reverse =
      result.unit * msm::mean_first_passage_time(t, pi, ends.second.indices, ends.first.indices);

  PathwayOptions pathway_options;
  pathway_options.fraction = options.flux_fraction;
  pathway_options.max_pathways = options.max_pathways;
  result.pathways =
      decompose_pathways(result.flux.net_flux, result.flux.endpoints, pathway_options);

  std::vector<std::vector<std::int32_t>> coarse_labels;
  if (!options.coarse_sets.empty()) {
    coarse_labels = parse_set_groups(options.coarse_sets, "--coarse-sets");
  } else if (inputs.endpoints.macrostates != nullptr) {
    coarse_labels = *inputs.endpoints.macrostates;
  }
  if (!coarse_labels.empty()) {
    std::vector<std::vector<std::int32_t>> coarse_indices;
    coarse_indices.reserve(coarse_labels.size());
    for (const auto& set : coarse_labels)
      coarse_indices.push_back(msm::state_indices(model, set, "coarse-graining"));
    check_partition(coarse_indices, model);
    result.coarse = coarse_grain(result.flux, coarse_indices);
    result.coarse_pathways = decompose_pathways(result.coarse->flux.net_flux,
                                                result.coarse->flux.endpoints, pathway_options);
  }

  add_transition_states(result, options, inputs.endpoints.states);
  if (inputs.endpoints.states != nullptr) {
    result.state_map = state_map(*inputs.endpoints.states, model, inputs.endpoints.states_file);
  }
  for (const std::string& region : options.through) {
    result.flux_through.push_back(
        flux_through(region, result.flux, model, inputs.endpoints.states));
  }

  const RateUnits rate_units =
      tpt::rate_units(saved.dt ? options.time_unit : "frame", options.length_unit);
  if (inputs.volume) {
    const double waiting =
        result.unit *
        waiting_steps(options.rate_time, result.mfpt / result.unit, result.flux.rate,
                      options.rate_time == "its" ? slowest_timescale_steps(model) : 0.0);
    if (!(waiting > 0.0) || !std::isfinite(waiting)) {
      throw UsageError(
          fmt::format("--rate-time {}: the waiting time is {} (an eigenvalue of modulus 1 or "
                      "0?); choose another --rate-time",
                      options.rate_time, waiting));
    }
    NucleationRate j;
    j.value = nucleation_rate(waiting, *inputs.volume, rate_units);
    j.units = rate_units.label;
    j.waiting_time = options.rate_time;
    j.t = waiting;
    j.volume = *inputs.volume;
    j.volume_units = options.length_unit + "^3";
    result.nucleation_rate = j;
  }
  if (options.samples > 0) {
    result.bayes = sample_errors(saved, options, inputs, ends, rate_units);
    if (result.nucleation_rate && result.bayes->nucleation_rate) {
      result.nucleation_rate->lower = result.bayes->nucleation_rate->lower;
      result.nucleation_rate->upper = result.bayes->nucleation_rate->upper;
    }
  }
  return result;
}

}  // namespace nucleate::tpt
