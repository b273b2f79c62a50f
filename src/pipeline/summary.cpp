#include "pipeline/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

Json read(const std::string& outdir, const char* name) {
  const std::string path = (fs::path(outdir) / name).string();
  std::ifstream in(path);
  if (!in) throw InputError({path, {}, {}, {}}, "cannot open (did its stage run?)");
  try {
    return Json::parse(in);
  } catch (const Json::parse_error& e) {
    throw InputError({path, {}, {e.byte}, {}}, "not JSON");
  }
}

Json interval(const Json& value, const Json& lower, const Json& upper) {
  return {{"value", value}, {"lower", lower}, {"upper", upper}};
}

// {value, lower, upper} from a tpt.json number and its Bayesian summary.
Json with_bayes(const Json& tpt, const char* key) {
  const Json none;
  const Json* summary =
      tpt.contains("bayes") && tpt["bayes"].contains(key) ? &tpt["bayes"][key] : nullptr;
  return interval(tpt.value(key, none), summary ? (*summary)["lower"] : none,
                  summary ? (*summary)["upper"] : none);
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
std::vector<std::string> part_names(const Json& coarse) {
  std::vector<std::string> names;
  const auto& sets = coarse.at("sets");
  const auto& given = coarse.at("given_set");
  const auto source = coarse.at("source").get<std::vector<int>>();
  const auto sink = coarse.at("sink").get<std::vector<int>>();
  for (std::size_t k = 0; k < sets.size(); ++k) {
    const auto part = static_cast<int>(k);
    const char* group = std::find(source.begin(), source.end(), part) != source.end() ? "A"
                        : std::find(sink.begin(), sink.end(), part) != sink.end()     ? "B"
                                                                                      : "I";
    names.push_back(fmt::format("{}{}", group, given.at(k).get<int>()));
  }
  return names;
}

// How many states, and the range of each CV over their centres: kept (the
// connected set) or dropped, so that a user sees at once which part of the
// data the MSM could not connect (e.g. a grown crystal that never melts back).
Json state_ranges(const Json& clusters, const std::vector<bool>& selected) {
  const auto& cvs = clusters.at("cvs");
  const auto& centers = clusters.at("centers");
  Json ranges = Json::object();
  std::size_t count = 0;
  for (std::size_t state = 0; state < centers.size(); ++state) {
    if (!selected[state]) continue;
    ++count;
    for (std::size_t c = 0; c < cvs.size(); ++c) {
      const double x = centers[state].at(c).get<double>();
      Json& range = ranges[cvs[c].get<std::string>()];
      if (range.is_null()) range = {x, x};
      range[0] = std::min(range[0].get<double>(), x);
      range[1] = std::max(range[1].get<double>(), x);
    }
  }
  return {{"states", count}, {"cv_ranges", ranges}};
}

Json gather(const PipelineConfig& config, const std::string& outdir) {
  const Json clusters = read(outdir, "clusters.json");
  const Json msm = read(outdir, "msm.json");
  const Json bayes = read(outdir, "bayes.json");
  const Json tpt = read(outdir, "tpt.json");
  Json s;
  s["name"] = config.name;
  s["trajectories"] = config.trajectories.size();
  std::size_t frames = 0;
  for (const auto& input : clusters.at("inputs")) frames += input.at("frames").get<std::size_t>();
  s["frames"] = frames;
  s["lag"] = msm.at("lag");
  s["dt"] = msm.at("dt");
  s["time_unit"] = config.time_unit;
  s["lag_time"] =
      msm.at("dt").is_number() ? Json(msm["lag"].get<double>() * msm["dt"].get<double>()) : Json();
  s["n_states"] = msm.at("n_states");
  s["connected_frames_fraction"] =
      frames > 0 ? 1.0 - msm.at("dropped_frames").get<double>() / static_cast<double>(frames) : 0.0;
  // By msm.json's lists: states no frame visited (empty grid cells) are neither.
  auto mask_of = [&](const Json& labels) {
    std::vector<bool> mask(clusters.at("centers").size(), false);
    for (const auto& label : labels) {
      if (label.get<std::size_t>() < mask.size()) mask[label.get<std::size_t>()] = true;
    }
    return mask;
  };
  s["connected_states"] = state_ranges(clusters, mask_of(msm.at("active_set")));
  s["dropped_states"] = state_ranges(clusters, mask_of(msm.at("dropped_states")));
  s["cluster_cvs"] = clusters.at("cvs");
  s["report_cvs"] = config.report_cvs;
  Json timescales = Json::array();
  const Json& mle = msm.at("timescales");
  for (std::size_t k = 0; k < std::min<std::size_t>(3, mle.size()); ++k) {
    const Json none;
    const bool sampled = bayes.contains("timescales_lower") && k < bayes["timescales_lower"].size();
    timescales.push_back(interval(mle[k], sampled ? bayes["timescales_lower"][k] : none,
                                  sampled ? bayes["timescales_upper"][k] : none));
  }
  s["timescales"] = std::move(timescales);
  s["source"] = tpt.at("source");
  s["sink"] = tpt.at("sink");
  s["source_definition"] = tpt.value("source_definition", Json());
  s["sink_definition"] = tpt.value("sink_definition", Json());
  s["mfpt"] = with_bayes(tpt, "mfpt");
  s["mfpt_reverse"] = with_bayes(tpt, "mfpt_reverse");
  s["rate"] = with_bayes(tpt, "rate");
  s["nucleation_rate"] = tpt.contains("nucleation_rate") ? tpt["nucleation_rate"] : Json();
  Json pathways = Json::array();
  for (const auto& p : tpt.at("pathways")) {
    if (pathways.size() == 5) break;
    pathways.push_back({{"states", p.at("states")}, {"fraction", p.at("fraction")}});
  }
  s["pathways"] = std::move(pathways);
  Json coarse = Json::array();
  if (tpt.contains("coarse")) {
    const std::vector<std::string> names = part_names(tpt["coarse"]);
    for (const auto& p : tpt["coarse"].at("pathways")) {
      std::vector<std::string> labels;
      for (const auto& part : p.at("sets")) labels.push_back(names.at(part.get<std::size_t>()));
      coarse.push_back(
          {{"sets", p.at("sets")}, {"macrostates", labels}, {"fraction", p.at("fraction")}});
    }
  }
  s["coarse_pathways"] = std::move(coarse);
  const Json& ts = tpt.at("transition_states");
  s["transition_states"] = {{"band", ts.at("band")},
                            {"states", ts.at("states").size()},
                            {"frames", ts.value("frames", Json())},
                            {"frame_averages", ts.value("frame_averages", Json::object())}};
  s["report"] = "report.html";
  return s;
}

}  // namespace

Json build_summary(const PipelineConfig& config, const std::string& outdir) {
  try {
    return gather(config, outdir);
  } catch (const Json::exception& e) {
    // A stage output from another version, or edited by hand.
    throw InputError({(fs::path(outdir) / "tpt.json").string(), {}, {}, {}},
                     fmt::format("a stage output lacks what summary.json needs: {}", e.what()));
  }
}

std::string headline(const Json& s, const std::string& outdir) {
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
  const bool report = fs::exists(fs::path(outdir) / "report.html");
  out += fmt::format("\nresults in {}/ (summary.json{})", outdir, report ? ", report.html" : "");
  return out;
}

}  // namespace nucleate::pipeline
