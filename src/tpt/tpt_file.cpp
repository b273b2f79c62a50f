#include "tpt/tpt_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "core/recorded_path.h"

namespace nucleate::tpt {
namespace {

using Index = Eigen::Index;

Json vector_json(const Eigen::VectorXd& v) {
  Json out = Json::array();
  for (Index i = 0; i < v.size(); ++i) out.push_back(number_or_null(v[i]));
  return out;
}

Json triplets(const msm::SparseMatrix& m) {
  Json out = Json::array();
  for (Index i = 0; i < m.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(m, i); it; ++it)
      out.push_back({i, it.col(), it.value()});
  }
  return out;
}

Json sampled_json(const SampledValue& s) {
  return {{"mean", number_or_null(s.mean)},
          {"std", number_or_null(s.std)},
          {"lower", number_or_null(s.lower)},
          {"upper", number_or_null(s.upper)},
          {"ci95_deeptime", {number_or_null(s.deeptime.lower), number_or_null(s.deeptime.upper)}}};
}

Json optional_number(const std::optional<double>& x) {
  return x ? number_or_null(*x) : Json(nullptr);
}

// ---- reading back ----------------------------------------------------------

double number(const Json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}

std::optional<double> maybe(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<double>();
}

Eigen::VectorXd vector_from(const Json& j) {
  Eigen::VectorXd v(static_cast<Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i) v[static_cast<Index>(i)] = number(j[i]);
  return v;
}

msm::SparseMatrix matrix_from(const Json& j, Index n) {
  std::vector<Eigen::Triplet<double>> entries;
  for (const auto& t : j)
    entries.emplace_back(t.at(0).get<int>(), t.at(1).get<int>(), t.at(2).get<double>());
  msm::SparseMatrix m(n, n);
  m.setFromTriplets(entries.begin(), entries.end());
  return m;
}

SampledValue sampled_from(const Json& j) {
  SampledValue s;
  s.mean = number(j.at("mean"));
  s.std = number(j.at("std"));
  s.lower = number(j.at("lower"));
  s.upper = number(j.at("upper"));
  s.deeptime = {number(j.at("ci95_deeptime").at(0)), number(j.at("ci95_deeptime").at(1))};
  return s;
}

// Indices into active_set of original labels (the file holds labels).
std::vector<std::int32_t> indices_of(const std::vector<std::int32_t>& active_set,
                                     const Json& labels) {
  std::vector<std::int32_t> out;
  for (const auto& l : labels) {
    const auto label = l.get<std::int32_t>();
    const auto it = std::lower_bound(active_set.begin(), active_set.end(), label);
    if (it == active_set.end() || *it != label)
      throw Error(fmt::format("state {} is not in active_set", label));
    out.push_back(static_cast<std::int32_t>(it - active_set.begin()));
  }
  return out;
}

ReactiveFlux flux_from(const Json& j, const std::vector<bool>& in_source,
                       const std::vector<bool>& in_sink) {
  ReactiveFlux f;
  f.stationary = vector_from(j.at("stationary_distribution"));
  const Index n = f.stationary.size();
  f.forward_committor = vector_from(j.at("forward_committor"));
  f.backward_committor = vector_from(j.at("backward_committor"));
  f.gross_flux = matrix_from(j.at("gross_flux"), n);
  f.net_flux = matrix_from(j.at("net_flux"), n);
  f.total_flux = j.at("total_flux").get<double>();
  f.endpoints = {in_source, in_sink};
  return f;
}

PathwayDecomposition pathways_from(const Json& list, double explained, double total_flux,
                                   const char* states_key,
                                   const std::vector<std::int32_t>* active_set) {
  PathwayDecomposition p;
  p.total_flux = total_flux;
  p.explained_fraction = explained;
  for (const auto& entry : list) {
    Pathway path;
    path.states = active_set != nullptr ? indices_of(*active_set, entry.at(states_key))
                                        : entry.at(states_key).get<std::vector<std::int32_t>>();
    path.flux = entry.at("flux").get<double>();
    p.pathways.push_back(std::move(path));
  }
  return p;
}

TptResult result_from(const Json& j) {
  TptResult r;
  r.model_file = j.at("msm").get<std::string>();
  r.lag = j.at("lag").get<std::size_t>();
  r.dt = maybe(j.at("dt"));
  r.unit = static_cast<double>(r.lag) * r.dt.value_or(1.0);
  r.active_set = j.at("active_set").get<std::vector<std::int32_t>>();
  const std::size_t n = r.active_set.size();
  std::vector<bool> in_source(n, false);
  std::vector<bool> in_sink(n, false);
  for (std::int32_t i : indices_of(r.active_set, j.at("source")))
    in_source[static_cast<std::size_t>(i)] = true;
  for (std::int32_t i : indices_of(r.active_set, j.at("sink")))
    in_sink[static_cast<std::size_t>(i)] = true;
  r.flux = flux_from(j, in_source, in_sink);
  // k_AB is saved per time unit; the flux holds it per lag step.
  r.flux.rate = j.at("rate").get<double>() * r.unit;
  r.source_definition = j.value("source_definition", std::string());
  r.sink_definition = j.value("sink_definition", std::string());
  r.mfpt = number(j.at("mfpt"));
  r.mfpt_reverse = number(j.at("mfpt_reverse"));
  r.pathways = pathways_from(j.at("pathways"), j.at("pathways_explained_fraction").get<double>(),
                             r.flux.total_flux, "states", &r.active_set);
  if (j.contains("coarse")) {
    const Json& c = j.at("coarse");
    CoarseFlux coarse;
    for (const auto& set : c.at("sets")) coarse.sets.push_back(indices_of(r.active_set, set));
    coarse.origin = c.at("given_set").get<std::vector<std::size_t>>();
    coarse.source = c.at("source").get<std::vector<std::int32_t>>();
    coarse.sink = c.at("sink").get<std::vector<std::int32_t>>();
    std::vector<bool> part_source(coarse.sets.size(), false);
    std::vector<bool> part_sink(coarse.sets.size(), false);
    for (std::int32_t k : coarse.source) part_source[static_cast<std::size_t>(k)] = true;
    for (std::int32_t k : coarse.sink) part_sink[static_cast<std::size_t>(k)] = true;
    coarse.flux = flux_from(c, part_source, part_sink);
    coarse.flux.rate = r.flux.rate;
    r.coarse_pathways =
        pathways_from(c.at("pathways"), c.at("pathways_explained_fraction").get<double>(),
                      coarse.flux.total_flux, "sets", nullptr);
    r.coarse = std::move(coarse);
  }
  const Json& ts = j.at("transition_states");
  r.transition_states.lower = ts.at("band").at(0).get<double>();
  r.transition_states.upper = ts.at("band").at(1).get<double>();
  r.transition_states.states = indices_of(r.active_set, ts.at("states"));
  r.transition_states.committor = ts.at("forward_committor").get<std::vector<double>>();
  r.transition_states.stationary_weight = ts.at("stationary_weight").get<double>();
  if (ts.contains("center_means"))
    r.transition_states.center_means = ts.at("center_means").get<std::map<std::string, double>>();
  if (ts.contains("frames")) r.transition_states.frames = ts.at("frames").get<std::size_t>();
  if (ts.contains("frame_averages")) {
    r.transition_states.frame_averages =
        ts.at("frame_averages").get<std::map<std::string, double>>();
  }
  if (j.contains("state_map")) {
    StateMap map;
    map.cvs = j.at("state_map").at("cvs").get<std::vector<std::string>>();
    const auto rows = j.at("state_map").at("centers").get<std::vector<std::vector<double>>>();
    map.centers.resize(static_cast<Index>(rows.size()), static_cast<Index>(map.cvs.size()));
    for (std::size_t s = 0; s < rows.size(); ++s)
      for (std::size_t c = 0; c < rows[s].size() && c < map.cvs.size(); ++c)
        map.centers(static_cast<Index>(s), static_cast<Index>(c)) = rows[s][c];
    r.state_map = std::move(map);
  }
  if (j.contains("flux_through")) {
    for (const auto& f : j.at("flux_through")) {
      r.flux_through.push_back({f.at("name").get<std::string>(), f.at("region").get<std::string>(),
                                f.at("states").get<std::size_t>(), f.at("fraction").get<double>()});
    }
  }
  if (j.contains("nucleation_rate") && !j.at("nucleation_rate").is_null()) {
    const Json& n = j.at("nucleation_rate");
    NucleationRate rate;
    rate.value = n.at("value").get<double>();
    rate.lower = maybe(n.at("lower"));
    rate.upper = maybe(n.at("upper"));
    rate.units = n.at("units").get<std::string>();
    rate.waiting_time = n.at("waiting_time").get<std::string>();
    rate.t = n.at("t").get<double>();
    rate.volume = n.at("volume").get<double>();
    rate.volume_units = n.at("volume_units").get<std::string>();
    r.nucleation_rate = rate;
  }
  if (j.contains("bayes")) {
    const Json& b = j.at("bayes");
    SampledTptSummary s;
    s.samples = b.at("samples").get<std::size_t>();
    s.seed = b.at("seed").get<std::uint64_t>();
    s.rate = sampled_from(b.at("rate"));
    s.inverse_rate = sampled_from(b.at("inverse_rate"));
    s.total_flux = sampled_from(b.at("total_flux"));
    s.mfpt = sampled_from(b.at("mfpt"));
    s.mfpt_reverse = sampled_from(b.at("mfpt_reverse"));
    s.slowest_timescale = sampled_from(b.at("slowest_timescale"));
    const Json& q = b.at("forward_committor");
    s.forward_committor.mean = q.at("mean").get<std::vector<double>>();
    s.forward_committor.std = q.at("std").get<std::vector<double>>();
    s.forward_committor.lower = q.at("lower").get<std::vector<double>>();
    s.forward_committor.upper = q.at("upper").get<std::vector<double>>();
    if (b.contains("nucleation_rate")) s.nucleation_rate = sampled_from(b.at("nucleation_rate"));
    s.warnings = b.at("warnings").get<std::vector<std::string>>();
    r.bayes = std::move(s);
  }
  r.warnings = j.at("warnings").get<std::vector<std::string>>();
  return r;
}

}  // namespace

Json tpt_json(const TptResult& r, const std::string& output_file) {
  const ReactiveFlux& flux = r.flux;
  Json out;
  out["msm"] = recorded_path(r.model_file, output_file);
  out["lag"] = r.lag;
  out["dt"] = r.dt ? Json(*r.dt) : Json(nullptr);
  out["time_unit"] = r.dt ? "the unit of the model's dt" : "frames";
  out["conventions"] = {
      {"states",
       "source, sink, pathways and transition_states hold original state labels; per-state "
       "arrays and flux triplets [i, j, value] index active_set"},
      {"flux",
       "gross_flux, net_flux, total_flux and state_current are probability per lag step (as "
       "deeptime)"},
      {"rate",
       "k_AB = total_flux / sum_i pi_i q-_i divided by lag*dt: per time unit; inverse_rate = "
       "1/rate is the TPT mean first passage time"},
      {"mfpt",
       "mfpt and mfpt_reverse: the pi-weighted set-to-set mean first passage times A->B and B->A "
       "of the MSM (msm.mfpt in deeptime), not 1/rate"}};
  out["active_set"] = r.active_set;
  out["stationary_distribution"] = vector_json(flux.stationary);
  Eigen::VectorXd free_energy = -flux.stationary.array().log();
  free_energy.array() -= free_energy.minCoeff();
  out["free_energy_kT"] = vector_json(free_energy);
  out["forward_committor"] = vector_json(flux.forward_committor);
  out["backward_committor"] = vector_json(flux.backward_committor);
  out["gross_flux"] = triplets(flux.gross_flux);
  out["net_flux"] = triplets(flux.net_flux);
  out["total_flux"] = flux.total_flux;
  out["rate"] = r.rate();
  out["inverse_rate"] = r.unit / flux.rate;
  out["state_current"] = vector_json(state_current(flux.net_flux));
  out["warnings"] = r.warnings;
  out["source"] = r.source_labels();
  out["sink"] = r.sink_labels();
  out["source_definition"] = r.source_definition;
  out["sink_definition"] = r.sink_definition;
  out["mfpt"] = number_or_null(r.mfpt);
  out["mfpt_reverse"] = number_or_null(r.mfpt_reverse);
  Json paths = Json::array();
  for (const auto& p : r.pathways.pathways) {
    paths.push_back({{"states", r.labels(p.states)},
                     {"flux", p.flux},
                     {"fraction", p.flux / r.pathways.total_flux}});
  }
  out["pathways"] = std::move(paths);
  out["pathways_explained_fraction"] = r.pathways.explained_fraction;
  if (r.coarse) {
    const CoarseFlux& coarse = *r.coarse;
    Json sets = Json::array();
    for (const auto& set : coarse.sets) sets.push_back(r.labels(set));
    Json coarse_paths = Json::array();
    for (const auto& p : r.coarse_pathways.pathways) {
      coarse_paths.push_back({{"sets", p.states},
                              {"flux", p.flux},
                              {"fraction", p.flux / r.coarse_pathways.total_flux}});
    }
    out["coarse"] = {
        {"sets", std::move(sets)},
        {"given_set", coarse.origin},
        {"source", coarse.source},
        {"sink", coarse.sink},
        {"stationary_distribution", vector_json(coarse.flux.stationary)},
        {"forward_committor", vector_json(coarse.flux.forward_committor)},
        {"backward_committor", vector_json(coarse.flux.backward_committor)},
        {"gross_flux", triplets(coarse.flux.gross_flux)},
        {"net_flux", triplets(coarse.flux.net_flux)},
        {"total_flux", coarse.flux.total_flux},
        {"pathways", std::move(coarse_paths)},
        {"pathways_explained_fraction", r.coarse_pathways.explained_fraction},
        {"note",
         "each given set is split into its parts in A, in between and in B (A parts first), as "
         "deeptime's coarse_grain; sets, source, sink and pathways index these parts"}};
  }
  const TransitionStates& ts = r.transition_states;
  Json transition = {{"band", {ts.lower, ts.upper}},
                     {"states", r.labels(ts.states)},
                     {"forward_committor", ts.committor},
                     {"stationary_weight", ts.stationary_weight}};
  if (!ts.center_means.empty()) transition["center_means"] = ts.center_means;
  if (ts.frames) {
    transition["frames"] = *ts.frames;
    transition["frame_averages"] = ts.frame_averages;
  }
  out["transition_states"] = std::move(transition);
  if (r.state_map) {
    Json rows = Json::array();
    for (Index s = 0; s < r.state_map->centers.rows(); ++s) {
      const auto row = r.state_map->centers.row(s);
      rows.push_back(std::vector<double>(row.begin(), row.end()));
    }
    out["state_map"] = {
        {"cvs", r.state_map->cvs},
        {"centers", std::move(rows)},
        {"note",
         "centre of each active state, in active_set order, for plotting per-state arrays"}};
  }
  for (const auto& f : r.flux_through) {
    out["flux_through"].push_back(
        {{"name", f.name}, {"region", f.region}, {"states", f.states}, {"fraction", f.fraction}});
  }
  if (r.nucleation_rate) out["nucleation_rate"] = nucleation_rate_json(*r.nucleation_rate);
  if (r.bayes) {
    const SampledTptSummary& b = *r.bayes;
    Json bayes;
    bayes["warnings"] = b.warnings;
    bayes["samples"] = b.samples;
    bayes["seed"] = b.seed;
    bayes["count_mode"] = "effective";
    bayes["rate"] = sampled_json(b.rate);
    bayes["inverse_rate"] = sampled_json(b.inverse_rate);
    bayes["total_flux"] = sampled_json(b.total_flux);
    bayes["mfpt"] = sampled_json(b.mfpt);
    bayes["mfpt_reverse"] = sampled_json(b.mfpt_reverse);
    bayes["slowest_timescale"] = sampled_json(b.slowest_timescale);
    bayes["forward_committor"] = {{"mean", b.forward_committor.mean},
                                  {"std", b.forward_committor.std},
                                  {"lower", b.forward_committor.lower},
                                  {"upper", b.forward_committor.upper}};
    if (b.nucleation_rate) bayes["nucleation_rate"] = sampled_json(*b.nucleation_rate);
    out["bayes"] = std::move(bayes);
  }
  return out;
}

Json nucleation_rate_json(const NucleationRate& j) {
  Json out = {
      {"value", j.value},
      {"lower", optional_number(j.lower)},
      {"upper", optional_number(j.upper)},
      {"units", j.units},
      {"waiting_time", j.waiting_time},
      {"t", j.t},
      {"volume", j.volume},
      {"volume_units", j.volume_units},
      {"definition", "J = 1 / (t V)"},
      {"value_from",
       "the maximum-likelihood MSM; lower/upper (with --bayes) from the reversible Bayesian "
       "samples on effective counts, which need not bracket it"}};
  if (j.lower) out["interval"] = "percentiles 2.5 and 97.5 over the Bayesian samples";
  return out;
}

TptResult read_tpt_file(const std::string& path) {
  const Json j = read_json_file(path);
  try {
    return result_from(j);
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not a tpt.json from `nucleate tpt`: {}", json_error_text(e)));
  } catch (const UsageError& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not a tpt.json from `nucleate tpt`: {}", e.what()));
  } catch (const Error& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not a tpt.json from `nucleate tpt`: {}", e.what()));
  }
}

}  // namespace nucleate::tpt
