// `nucleate tpt`: transition path theory on a saved MSM, from a source set A
// (e.g. the liquid) to a sink set B (the crystal): committors, reactive
// fluxes, rate, MFPTs, pathways, coarse-grained pathways, the transition
// state ensemble and a nucleation rate, optionally with Bayesian error bars.
//   tpt --msm msm.json (--source IDS|--source-region EXPR|--source-macro K)
//       (--sink ...) [--clusters clusters.json] [--pcca pcca.json]
//       [--bayes N --dtraj F... --seed S]
//       [--volume V | --volume-from TRAJ... [--volume-over all|source --begin B --stride S]]
//       [--flux-fraction 0.95] -o tpt.json
// Units: lag steps of the model times its dt (frames without --dt at
// estimation). Fluxes are per lag step, as deeptime reports them.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_file.h"
#include "cli/progress.h"
#include "cli/tpt_inputs.h"
#include "cli/tpt_outputs.h"
#include "core/error.h"
#include "io/dtraj.h"
#include "msm/bayesian_msm.h"
#include "msm/mfpt.h"
#include "msm/spectral.h"
#include "tpt/coarse_grain.h"
#include "tpt/committor.h"
#include "tpt/nucleation_rate.h"
#include "tpt/pathways.h"
#include "tpt/reactive_flux.h"
#include "tpt/sampled_tpt.h"

namespace nucleate::cli {
namespace {

struct TptCommand {
  std::string model;
  EndpointSpec source;
  EndpointSpec sink;
  std::string clusters;
  std::string pcca;
  std::string coarse_sets;
  std::vector<std::string> regions;  // NAME=EXPR, flux fraction through each
  double flux_fraction = 0.95;
  std::size_t max_pathways = 1000;
  std::vector<double> band{0.4, 0.6};
  std::size_t bayes = 0;
  std::vector<std::string> dtrajs;
  std::vector<std::string> colvars;
  std::uint64_t seed = 0;
  std::optional<double> volume;
  std::vector<std::string> volume_from;
  std::string volume_over = "all";
  std::size_t begin = 0;  // the frames of each --volume-from trajectory that its --dtraj covers
  std::size_t stride = 1;
  std::string time_unit = "ps";
  std::string length_unit = "nm";
  std::string rate_time = "mfpt";
  std::string output;
};

// The slowest implied timescale of the model in lag steps.
double slowest_timescale_steps(const SavedModel& model) {
  const msm::Spectrum spectrum =
      msm::eigenvalues(model.transition_matrix, 2, model.stationary_distribution);
  std::vector<std::string> warnings;
  const std::vector<double> t = msm::implied_timescales(spectrum, 1.0, warnings);
  if (t.empty())
    throw UsageError("--rate-time its: the model has a single state, so no implied timescale");
  return t.front();
}

// The waiting time t of J = 1/(t V) in lag steps, by --rate-time: the MFPT
// A -> B, the TPT MFPT 1/k_AB, or the slowest implied timescale.
double waiting_steps(const std::string& kind, double mfpt_steps, double rate_per_step,
                     double slowest_steps) {
  if (kind == "mfpt") return mfpt_steps;
  if (kind == "tpt") return 1.0 / rate_per_step;
  return slowest_steps;
}

struct Endpoints {
  ResolvedEndpoint source;
  ResolvedEndpoint sink;
};

nlohmann::json run_bayes(const TptCommand& options, const SavedModel& model, const Endpoints& ends,
                         double unit, std::optional<double> volume,
                         const tpt::RateUnits& rate_units) {
  if (options.dtrajs.empty())
    throw UsageError("--bayes needs the discrete trajectories the model came from (--dtraj)");
  const auto trajectories = io::read_discrete_trajectories(options.dtrajs);
  Progress progress("nucleate tpt: sampling", "samples");
  msm::BayesianOptions bayes;
  bayes.on_samples = progress.callback();
  bayes.samples = options.bayes;
  bayes.seed = options.seed;
  bayes.timescales = 1;
  const auto sampled =
      msm::estimate_bayesian_msm(trajectories, model.lag, msm::BayesCountMode::effective, bayes);
  if (sampled.active_set != model.active_set) {
    throw UsageError(
        fmt::format("--dtraj: the Bayesian model's connected set ({} states) differs from {}'s "
                    "active set ({} states); give the "
                    "discrete trajectories and lag the model was estimated from",
                    sampled.active_set.size(), options.model, model.active_set.size()));
  }
  const tpt::SampledTpt values =
      tpt::sample_tpt(sampled.model.samples, ends.source.indices, ends.sink.indices);
  const double steps_to_time = unit;
  auto scaled = [](std::vector<double> xs, double factor) {
    for (double& x : xs) x *= factor;
    return xs;
  };
  std::vector<double> inverse_rate;
  for (double k : values.rate) inverse_rate.push_back(steps_to_time / k);
  nlohmann::json out;
  out["warnings"] = nlohmann::json::array();
  out["samples"] = sampled.model.samples.size();
  out["seed"] = options.seed;
  out["count_mode"] = "effective";
  out["rate"] = summary_json(scaled(values.rate, 1.0 / steps_to_time));
  out["inverse_rate"] = summary_json(inverse_rate);
  out["total_flux"] = summary_json(values.total_flux);
  out["mfpt"] = summary_json(scaled(values.mfpt, steps_to_time));
  out["mfpt_reverse"] = summary_json(scaled(values.mfpt_reverse, steps_to_time));
  out["slowest_timescale"] = summary_json(
      scaled(values.slowest_timescale, steps_to_time / static_cast<double>(model.lag)));
  const msm::SampleSummary committor = msm::summarize_samples(values.forward_committor);
  out["forward_committor"] = {{"mean", committor.mean},
                              {"std", committor.std},
                              {"lower", committor.lower},
                              {"upper", committor.upper}};
  if (volume) {
    std::vector<double> rates;
    const std::size_t samples = values.rate.size();
    for (std::size_t s = 0; s < samples; ++s) {
      const double t = steps_to_time *
                       waiting_steps(options.rate_time, values.mfpt[s], values.rate[s],
                                     values.slowest_timescale[s] / static_cast<double>(model.lag));
      // A sample whose slowest eigenvalue has modulus 1 has no finite
      // timescale; it is counted, not allowed to end the run.
      if (t > 0.0 && std::isfinite(t))
        rates.push_back(tpt::nucleation_rate(t, *volume, rate_units));
    }
    if (rates.size() < samples) {
      out["warnings"].push_back(
          fmt::format("{} of {} samples had no finite waiting time and were left out of the "
                      "nucleation rate",
                      samples - rates.size(), samples));
    }
    if (rates.empty())
      throw UsageError("--bayes: no sample has a finite waiting time for the nucleation rate");
    out["nucleation_rate"] = summary_json(rates);
  }
  return out;
}

// The library reports indices; users gave labels.
void check_disjoint(const Endpoints& ends, const SavedModel& model) {
  for (std::int32_t a : ends.source.indices) {
    if (std::find(ends.sink.indices.begin(), ends.sink.indices.end(), a) !=
        ends.sink.indices.end()) {
      throw UsageError(fmt::format("state {} is in both the source ({}) and the sink ({}) set",
                                   model.active_set[static_cast<std::size_t>(a)],
                                   ends.source.description, ends.sink.description));
    }
  }
}

// Every active state in exactly one coarse-graining set, named by label.
void check_partition(const std::vector<std::vector<std::int32_t>>& sets, const SavedModel& model) {
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
      throw UsageError(fmt::format(
          "coarse-graining: state {} of the model is in no set (the sets must cover the "
          "active set)",
          model.active_set[i]));
    }
  }
}

// J is a rate per volume of the phase nuclei form in (the liquid or
// solution): boxes that already hold a grown crystal are smaller and not
// that phase, so `--volume-over source` averages only the source's frames.
double mean_volume(const TptCommand& options, const SavedModel& model,
                   const std::vector<std::int32_t>& source) {
  if (options.volume) return *options.volume;
  if (options.volume_over == "all")
    return mean_box_volume(options.volume_from, options.length_unit);
  if (options.dtrajs.empty())
    throw UsageError("--volume-over source needs --dtraj (one per --volume-from trajectory)");
  const FramesInStates frames{options.dtrajs, label_mask(model, source), options.begin,
                              options.stride};
  return mean_box_volume(options.volume_from, options.length_unit, &frames);
}

void run_tpt(const TptCommand& options) {
  const SavedModel model = read_saved_model(options.model);
  std::optional<StateCenters> centers;
  if (!options.clusters.empty()) centers = read_state_centers(options.clusters);
  std::optional<std::vector<std::vector<std::int32_t>>> macrostates;
  if (!options.pcca.empty()) macrostates = read_macrostate_sets(options.pcca);
  const Endpoints ends{
      resolve_endpoint(options.source, "source", model, centers ? &*centers : nullptr,
                       macrostates ? &*macrostates : nullptr),
      resolve_endpoint(options.sink, "sink", model, centers ? &*centers : nullptr,
                       macrostates ? &*macrostates : nullptr)};
  check_disjoint(ends, model);
  const tpt::ReactiveFlux flux =
      tpt::reactive_flux(model.transition_matrix, model.stationary_distribution,
                         ends.source.indices, ends.sink.indices);
  // One lag step in the model's time unit.
  const double unit = static_cast<double>(model.lag) * model.dt.value_or(1.0);
  TptReport report(model, flux, unit);
  report.set_endpoints(ends.source.description, ends.sink.description, ends.source.dropped,
                       ends.sink.dropped);
  report.add_mfpts(
      unit * msm::mean_first_passage_time(model.transition_matrix, model.stationary_distribution,
                                          ends.source.indices, ends.sink.indices),
      unit * msm::mean_first_passage_time(model.transition_matrix, model.stationary_distribution,
                                          ends.sink.indices, ends.source.indices));
  tpt::PathwayOptions pathway_options;
  pathway_options.fraction = options.flux_fraction;
  pathway_options.max_pathways = options.max_pathways;
  report.add_pathways(tpt::decompose_pathways(flux.net_flux, flux.endpoints, pathway_options));

  std::vector<std::vector<std::int32_t>> coarse_labels;
  if (!options.coarse_sets.empty())
    coarse_labels = parse_set_groups(options.coarse_sets, "--coarse-sets");
  else if (macrostates)
    coarse_labels = *macrostates;
  if (!coarse_labels.empty()) {
    std::vector<std::vector<std::int32_t>> coarse_indices;
    for (const auto& set : coarse_labels)
      coarse_indices.push_back(model.indices_of(set, "coarse-graining"));
    check_partition(coarse_indices, model);
    const tpt::CoarseFlux coarse = tpt::coarse_grain(flux, coarse_indices);
    const auto coarse_paths =
        tpt::decompose_pathways(coarse.flux.net_flux, coarse.flux.endpoints, pathway_options);
    report.add_coarse(coarse, coarse_paths);
  }

  if (options.band.size() != 2) throw UsageError("--band takes two numbers: LOWER,UPPER");
  const auto transition_states =
      tpt::states_in_band(flux.forward_committor, options.band[0], options.band[1]);
  report.add_transition_states(options.band[0], options.band[1], transition_states,
                               centers ? &*centers : nullptr);
  if (!options.colvars.empty()) {
    report.add_transition_state_frames(
        average_over_states(options.colvars, options.dtrajs, model, transition_states));
  }
  if (centers) report.add_state_map(*centers);
  for (const std::string& region : options.regions) {
    const auto equals = region.find('=');
    if (equals == std::string::npos || equals == 0)
      throw UsageError(fmt::format("--through '{}': write NAME=EXPRESSION", region));
    if (!centers) throw UsageError("--through needs --clusters clusters.json (the state centres)");
    const std::string name = region.substr(0, equals);
    const std::string expression = region.substr(equals + 1);
    std::vector<bool> mask(flux.states(), false);
    std::size_t states = 0;
    for (std::int32_t label : labels_in_region(*centers, expression, "--through")) {
      const auto it = std::lower_bound(model.active_set.begin(), model.active_set.end(), label);
      if (it != model.active_set.end() && *it == label) {
        mask[static_cast<std::size_t>(it - model.active_set.begin())] = true;
        ++states;
      }
    }
    report.add_flux_through(name, expression, states, tpt::flux_fraction_through(flux, mask));
  }

  const tpt::RateUnits rate_units =
      tpt::rate_units(model.dt ? options.time_unit : "frame", options.length_unit);
  std::optional<double> volume;
  if (options.volume || !options.volume_from.empty())
    volume = mean_volume(options, model, ends.source.indices);
  if (volume) {
    const double mfpt_steps = report.mfpt() / unit;
    const double waiting =
        unit * waiting_steps(options.rate_time, mfpt_steps, flux.rate,
                             options.rate_time == "its" ? slowest_timescale_steps(model) : 0.0);
    if (!(waiting > 0.0) || !std::isfinite(waiting)) {
      throw UsageError(
          fmt::format("--rate-time {}: the waiting time is {} (an eigenvalue of modulus 1 or 0?); "
                      "choose another --rate-time",
                      options.rate_time, waiting));
    }
    report.add_nucleation_rate(tpt::nucleation_rate(waiting, *volume, rate_units), rate_units.label,
                               options.rate_time, waiting, *volume, options.length_unit);
  }
  if (options.bayes > 0)
    report.add_bayes(run_bayes(options, model, ends, unit, volume, rate_units));
  write_json(options.output, report.json());
  report.print_headline(options.output);
}

}  // namespace

void add_tpt_command(CLI::App& app) {
  auto options = std::make_shared<TptCommand>();
  CLI::App* cmd = app.add_subcommand("tpt",
                                     "Transition path theory: committors, reactive flux, pathways, "
                                     "transition states, nucleation rate");
  cmd->add_option("--msm", options->model, "msm.json from `nucleate msm estimate`")->required();
  cmd->add_option("--source", options->source.states, "Source set A: state labels, e.g. 0,1,5-7");
  cmd->add_option("--source-region", options->source.region,
                  "Source set A: a CV region on the state centres, e.g. \"n < 2 and nq6 < 0.5\" "
                  "(needs --clusters)");
  cmd->add_option("--source-macro", options->source.macrostates,
                  "Source set A: PCCA+ macrostate ids (needs --pcca)");
  cmd->add_option("--sink", options->sink.states, "Sink set B: state labels");
  cmd->add_option("--sink-region", options->sink.region,
                  "Sink set B: a CV region on the state centres");
  cmd->add_option("--sink-macro", options->sink.macrostates,
                  "Sink set B: PCCA+ macrostate ids (needs --pcca)");
  cmd->add_option("--clusters", options->clusters,
                  "clusters.json from `nucleate cluster` (state centres)");
  cmd->add_option("--pcca", options->pcca,
                  "pcca.json from `nucleate msm pcca`: macrostates, and coarse-graining onto them");
  cmd->add_option("--coarse-sets", options->coarse_sets,
                  "Coarse-grain onto these sets of state labels instead, e.g. \"0-9;10-19;20-29\"");
  cmd->add_option(
      "--through", options->regions,
      "NAME=EXPR: report the fraction of reactive paths visiting this CV region (repeatable)");
  cmd->add_option("--flux-fraction", options->flux_fraction,
                  "Decompose pathways until this fraction of the flux")
      ->default_val(0.95)
      ->check(CLI::Range(1e-12, 1.0));
  cmd->add_option("--max-pathways", options->max_pathways,
                  "Stop the decomposition after this many pathways")
      ->default_val(1000)
      ->check(kPositive);
  cmd->add_option("--band", options->band, "Committor band of the transition-state ensemble")
      ->delimiter(',')
      ->expected(2)
      ->default_str("0.4,0.6");
  cmd->add_option("--bayes", options->bayes,
                  "Bayesian error bars from this many sampled models (needs --dtraj)");
  cmd->add_option("--dtraj", options->dtrajs,
                  "The discrete trajectories of the model (for --bayes, and paired with --colvar)");
  cmd->add_option(
      "--colvar", options->colvars,
      "Per-frame CV files paired with --dtraj: CV averages over the transition-state frames");
  cmd->add_option("--seed", options->seed, "Seed of the Bayesian sampler")->default_val(0);
  cmd->add_option("--volume", options->volume,
                  "Mean box volume (in --length-unit^3) for the nucleation rate")
      ->check(kPositive);
  cmd->add_option("--volume-from", options->volume_from,
                  "Trajectories whose mean box volume to use instead");
  cmd->add_option("--volume-over", options->volume_over,
                  "Frames of --volume-from to average: all, or source (those in the source states: "
                  "the volume "
                  "of the metastable phase; pairs the trajectories with --dtraj, frame by frame)")
      ->check(CLI::IsMember({"all", "source"}))
      ->default_val("all");
  cmd->add_option("--begin", options->begin,
                  "With --volume-over source: the first trajectory frame of each --dtraj (nucleate "
                  "cv --begin)")
      ->default_val(0);
  cmd->add_option(
         "--stride", options->stride,
         "With --volume-over source: trajectory frames per --dtraj frame (nucleate cv --stride)")
      ->default_val(1)
      ->check(kPositive);
  cmd->add_option("--time-unit", options->time_unit, "Unit of the model's --dt")
      ->check(CLI::IsMember({"fs", "ps", "ns", "us", "ms", "s", "tau"}))
      ->default_val("ps");
  cmd->add_option("--length-unit", options->length_unit, "Length unit of the volume")
      ->check(CLI::IsMember({"nm", "angstrom", "sigma"}))
      ->default_val("nm");
  cmd->add_option("--rate-time", options->rate_time,
                  "Waiting time t in J = 1/(t V): mfpt (pi-weighted MFPT A->B), tpt (1/k_AB) or "
                  "its (slowest "
                  "implied timescale)")
      ->check(CLI::IsMember({"mfpt", "tpt", "its"}))
      ->default_val("mfpt");
  cmd->add_option("-o,--output", options->output, "tpt.json")->required();
  cmd->callback([options] { run_tpt(*options); });
}

}  // namespace nucleate::cli
