#include "pipeline/summary.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"
#include "tpt/tpt_file.h"

namespace nucleate::pipeline {
namespace {

Json interval(const Json& value, const Json& lower, const Json& upper) {
  return {{"value", value}, {"lower", lower}, {"upper", upper}};
}

// {value, lower, upper} of a TPT number and its Bayesian summary, if any.
Json with_bayes(double value, const std::optional<tpt::SampledTptSummary>& bayes,
                tpt::SampledValue tpt::SampledTptSummary::*member) {
  if (!bayes) return interval(number_or_null(value), Json(), Json());
  const tpt::SampledValue& s = (*bayes).*member;
  return interval(number_or_null(value), number_or_null(s.lower), number_or_null(s.upper));
}

std::string format_interval(const Json& j) {
  if (!j.contains("value") || !j["value"].is_number()) return "n/a";
  std::string out = fmt::format("{:.4g}", j["value"].get<double>());
  if (j["lower"].is_number() && j["upper"].is_number()) {
    out += fmt::format(" [{:.4g}, {:.4g}]", j["lower"].get<double>(), j["upper"].get<double>());
  }
  return out;
}

// "A0", "I2", "B1": a coarse-grained part by the group it lies in (source,
// intermediate, sink) and the macrostate (PCCA+ set) it came from.
std::vector<std::string> part_names(const tpt::CoarseFlux& coarse) {
  std::vector<std::string> names;
  for (std::size_t k = 0; k < coarse.sets.size(); ++k) {
    const auto part = static_cast<std::int32_t>(k);
    const bool in_source =
        std::find(coarse.source.begin(), coarse.source.end(), part) != coarse.source.end();
    const bool in_sink =
        std::find(coarse.sink.begin(), coarse.sink.end(), part) != coarse.sink.end();
    names.push_back(fmt::format("{}{}", in_source ? "A" : in_sink ? "B" : "I", coarse.origin[k]));
  }
  return names;
}

// How many states, and the range of each CV over their centres: kept (the
// connected set) or dropped, so that a user sees at once which part of the
// data the MSM could not connect (e.g. a grown crystal that never melts back).
Json state_ranges(const msm::StateDecomposition& states, const std::vector<std::int32_t>& labels) {
  Json ranges = Json::object();
  std::size_t count = 0;
  for (std::int32_t label : labels) {
    // States no frame visited (empty grid cells) are in neither list.
    if (label < 0 || static_cast<std::size_t>(label) >= states.states()) continue;
    ++count;
    for (std::size_t c = 0; c < states.cvs.size(); ++c) {
      const double x = states.centers(label, static_cast<Eigen::Index>(c));
      Json& range = ranges[states.cvs[c]];
      if (range.is_null()) range = {x, x};
      range[0] = std::min(range[0].get<double>(), x);
      range[1] = std::max(range[1].get<double>(), x);
    }
  }
  return {{"states", count}, {"cv_ranges", ranges}};
}

}  // namespace

Json build_summary(const PipelineConfig& config, const RunResults& r) {
  const msm::MarkovModel& model = r.model.model;
  const double frame_time = r.model.frame_time();
  Json s;
  s["name"] = config.name;
  s["trajectories"] = config.trajectories.size();
  s["frames"] = r.frames;
  s["lag"] = model.options.lag;
  s["dt"] = r.model.dt ? Json(*r.model.dt) : Json();
  s["time_unit"] = config.tpt.time_unit;
  s["lag_time"] = r.model.dt ? Json(r.model.lag_time()) : Json();
  s["n_states"] = model.active_set.size();
  s["connected_frames_fraction"] =
      r.frames > 0 ? 1.0 - static_cast<double>(model.dropped.frames) / static_cast<double>(r.frames)
                   : 0.0;
  s["connected_states"] = state_ranges(r.states, model.active_set);
  s["dropped_states"] = state_ranges(r.states, model.dropped.states);
  s["cluster_cvs"] = r.states.cvs;
  s["report_cvs"] = config.report_cvs;
  Json timescales = Json::array();
  const auto& lower = r.bayes.model.timescales.lower;
  const auto& upper = r.bayes.model.timescales.upper;
  for (std::size_t k = 0; k < std::min<std::size_t>(3, model.timescales.size()); ++k) {
    const bool sampled = k < lower.size() && k < upper.size();
    timescales.push_back(interval(number_or_null(model.timescales[k] * frame_time),
                                  sampled ? number_or_null(lower[k] * frame_time) : Json(),
                                  sampled ? number_or_null(upper[k] * frame_time) : Json()));
  }
  s["timescales"] = std::move(timescales);
  const tpt::TptResult& t = r.tpt;
  s["source"] = t.source_labels();
  s["sink"] = t.sink_labels();
  s["source_definition"] = t.source_definition;
  s["sink_definition"] = t.sink_definition;
  s["mfpt"] = with_bayes(t.mfpt, t.bayes, &tpt::SampledTptSummary::mfpt);
  s["mfpt_reverse"] = with_bayes(t.mfpt_reverse, t.bayes, &tpt::SampledTptSummary::mfpt_reverse);
  s["rate"] = with_bayes(t.rate(), t.bayes, &tpt::SampledTptSummary::rate);
  s["nucleation_rate"] = t.nucleation_rate ? tpt::nucleation_rate_json(*t.nucleation_rate) : Json();
  Json pathways = Json::array();
  for (const auto& p : t.pathways.pathways) {
    if (pathways.size() == 5) break;
    pathways.push_back(
        {{"states", t.labels(p.states)}, {"fraction", p.flux / t.pathways.total_flux}});
  }
  s["pathways"] = std::move(pathways);
  Json coarse = Json::array();
  if (t.coarse) {
    const std::vector<std::string> names = part_names(*t.coarse);
    for (const auto& p : t.coarse_pathways.pathways) {
      std::vector<std::string> labels;
      for (std::int32_t part : p.states) labels.push_back(names.at(static_cast<std::size_t>(part)));
      coarse.push_back({{"sets", p.states},
                        {"macrostates", labels},
                        {"fraction", p.flux / t.coarse_pathways.total_flux}});
    }
  }
  s["coarse_pathways"] = std::move(coarse);
  const tpt::TransitionStates& ts = t.transition_states;
  s["transition_states"] = {{"band", {ts.lower, ts.upper}},
                            {"states", ts.states.size()},
                            {"frames", ts.frames ? Json(*ts.frames) : Json()},
                            {"frame_averages", ts.frame_averages}};
  s["report"] = "report.html";
  return s;
}

std::string headline(const Json& s, const std::string& outdir, bool report) {
  const std::string unit = s["time_unit"].get<std::string>();
  std::string out = fmt::format(
      "{}: {} trajectories, {} frames; {} states ({:.1f}% of frames connected), lag {} frames",
      s["name"].get<std::string>(), s["trajectories"].get<std::size_t>(),
      s["frames"].get<std::size_t>(), s["n_states"].get<std::size_t>(),
      100.0 * s["connected_frames_fraction"].get<double>(), s["lag"].get<std::size_t>());
  if (s["lag_time"].is_number())
    out += fmt::format(" = {:.4g} {}", s["lag_time"].get<double>(), unit);
  auto ranges = [](const Json& states) {
    std::string text;
    for (const auto& [cv, range] : states["cv_ranges"].items()) {
      text += fmt::format("{}{} {:.4g}..{:.4g}", text.empty() ? "" : ", ", cv,
                          range[0].get<double>(), range[1].get<double>());
    }
    return text;
  };
  out += "\nconnected states: " + ranges(s["connected_states"]);
  if (const auto dropped = s["dropped_states"]["states"].get<std::size_t>(); dropped > 0) {
    out += fmt::format("; {} dropped: {}", dropped, ranges(s["dropped_states"]));
  }
  out += fmt::format("\nA: {} states; B: {} states", s["source"].size(), s["sink"].size());
  out += "\nslowest timescales (" + unit + ", 95% interval):";
  for (const auto& t : s["timescales"]) out += " " + format_interval(t) + ";";
  out += fmt::format("\nMFPT A->B {} {}; B->A {} {}", format_interval(s["mfpt"]), unit,
                     format_interval(s["mfpt_reverse"]), unit);
  if (s["nucleation_rate"].is_object()) {
    out += fmt::format("\nnucleation rate J = {} {}", format_interval(s["nucleation_rate"]),
                       s["nucleation_rate"]["units"].get<std::string>());
  }
  std::size_t k = 0;
  for (const auto& p : s["pathways"]) {
    if (++k > 3) break;
    std::string states;
    for (const auto& state : p["states"])
      states += fmt::format("{}{}", states.empty() ? "" : " ", state.get<int>());
    out +=
        fmt::format("\npathway {}: {:5.1f}%  {}", k, 100.0 * p["fraction"].get<double>(), states);
  }
  for (const auto& p : s["coarse_pathways"]) {
    std::string sets;
    for (const auto& set : p["macrostates"])
      sets += fmt::format("{}{}", sets.empty() ? "" : " -> ", set.get<std::string>());
    out +=
        fmt::format("\nmacrostate pathway {:5.1f}%  {}", 100.0 * p["fraction"].get<double>(), sets);
  }
  out += fmt::format("\nresults in {}/ (summary.json{})", outdir, report ? ", report.html" : "");
  return out;
}

}  // namespace nucleate::pipeline
