#include "cli/tpt_outputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli/json_output.h"
#include "core/error.h"
#include "io/colvar.h"
#include "io/dtraj.h"
#include "io/formats.h"
#include "io/frame.h"
#include "msm/bayesian_msm.h"
#include "tpt/committor.h"

namespace nucleate::cli {
namespace {

nlohmann::json vector_json(const Eigen::VectorXd& v) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(number_or_null(v[i]));
  return out;
}

nlohmann::json triplets(const msm::SparseMatrix& m) {
  nlohmann::json out = nlohmann::json::array();
  for (Eigen::Index i = 0; i < m.outerSize(); ++i) {
    for (msm::SparseMatrix::InnerIterator it(m, i); it; ++it)
      out.push_back({i, it.col(), it.value()});
  }
  return out;
}

}  // namespace

nlohmann::json summary_json(const std::vector<double>& values) {
  std::vector<std::vector<double>> samples;
  for (double v : values) samples.push_back({v});
  const msm::SampleSummary s = msm::summarize_samples(samples);
  return {{"mean", number_or_null(s.mean[0])},
          {"std", number_or_null(s.std[0])},
          {"lower", number_or_null(s.lower[0])},
          {"upper", number_or_null(s.upper[0])},
          {"ci95_deeptime",
           {number_or_null(s.deeptime[0].lower), number_or_null(s.deeptime[0].upper)}}};
}

namespace {

// The state of each selected frame of one trajectory, in reading order.
class SelectedFrames {
 public:
  SelectedFrames(const FramesInStates* only, std::size_t trajectory, std::size_t trajectories)
      : only_(only) {
    if (only_ == nullptr) return;
    if (only_->dtrajs.size() != trajectories) {
      throw UsageError(fmt::format(
          "--volume-over source: {} trajectories but {} --dtraj files; they go in pairs",
          trajectories, only_->dtrajs.size()));
    }
    path_ = only_->dtrajs[trajectory];
    labels_ = io::read_discrete_trajectory(path_);
  }

  /// Whether frame `index` of the trajectory counts; false past the last dtraj frame.
  [[nodiscard]] bool counts(std::size_t index) {
    if (only_ == nullptr) return true;
    if (index < only_->begin || (index - only_->begin) % only_->stride != 0 ||
        next_ >= labels_.size())
      return false;
    const std::int32_t label = labels_[next_++];
    return label >= 0 && static_cast<std::size_t>(label) < only_->wanted_label.size() &&
           only_->wanted_label[static_cast<std::size_t>(label)];
  }

  /// The dtraj may cover fewer frames than the trajectory (`cv --end`), never more.
  void check_all_matched(const std::string& trajectory) const {
    if (only_ != nullptr && next_ < labels_.size()) {
      throw InputError({path_, {}, {}, {}},
                       fmt::format("has {} frames but {} has only {} from frame {} in steps of {}",
                                   labels_.size(), trajectory, next_, only_->begin, only_->stride));
    }
  }

 private:
  const FramesInStates* only_;
  std::string path_;
  std::vector<std::int32_t> labels_;
  std::size_t next_ = 0;
};

}  // namespace

double mean_box_volume(const std::vector<std::string>& trajectories, const std::string& length_unit,
                       const FramesInStates* only) {
  const io::LengthUnit wanted = length_unit == "angstrom" ? io::LengthUnit::angstrom
                                : length_unit == "nm"     ? io::LengthUnit::nanometre
                                                          : io::LengthUnit::file_units;
  double sum = 0.0;
  std::size_t frames = 0;
  for (std::size_t t = 0; t < trajectories.size(); ++t) {
    const std::string& path = trajectories[t];
    SelectedFrames selected(only, t, trajectories.size());
    auto reader = io::open_trajectory(path);
    io::Frame frame;
    for (std::size_t index = 0; reader->read_next(frame); ++index) {
      if (!selected.counts(index)) continue;
      if (!frame.has_box) {
        throw InputError({path, static_cast<std::int64_t>(index), {}, {}},
                         "--volume-from: the frame has no box");
      }
      const double scale = io::length_conversion(reader->length_unit(), wanted);
      sum += frame.box.volume() * scale * scale * scale;
      ++frames;
    }
    selected.check_all_matched(path);
  }
  if (frames == 0) {
    throw UsageError(only != nullptr
                         ? "--volume-over source: no frame of the trajectories is in a source state"
                         : "--volume-from: the trajectories hold no frame");
  }
  return sum / static_cast<double>(frames);
}

std::vector<bool> label_mask(const SavedModel& model, const std::vector<std::int32_t>& states) {
  std::vector<bool> wanted_label;
  for (std::int32_t s : states) {
    const auto label = static_cast<std::size_t>(model.active_set[static_cast<std::size_t>(s)]);
    if (wanted_label.size() <= label) wanted_label.resize(label + 1, false);
    wanted_label[label] = true;
  }
  return wanted_label;
}

FrameAverages average_over_states(const std::vector<std::string>& colvars,
                                  const std::vector<std::string>& dtrajs, const SavedModel& model,
                                  const std::vector<std::int32_t>& states) {
  if (colvars.size() != dtrajs.size()) {
    throw UsageError(
        fmt::format("--colvar gives {} files but --dtraj {}: they go in pairs, frame by frame",
                    colvars.size(), dtrajs.size()));
  }
  const std::vector<bool> wanted_label = label_mask(model, states);
  FrameAverages out;
  std::map<std::string, double> sums;
  for (std::size_t f = 0; f < colvars.size(); ++f) {
    const io::ColvarTable table = io::read_colvar(colvars[f]);
    const std::vector<std::int32_t> labels = io::read_discrete_trajectory(dtrajs[f]);
    if (table.rows() != labels.size()) {
      throw InputError({colvars[f], {}, {}, {}},
                       fmt::format("has {} frames but its discrete trajectory {} has {}",
                                   table.rows(), dtrajs[f], labels.size()));
    }
    for (std::size_t row = 0; row < labels.size(); ++row) {
      const auto label = static_cast<std::size_t>(labels[row]);
      if (labels[row] < 0 || label >= wanted_label.size() || !wanted_label[label]) continue;
      ++out.frames;
      for (std::size_t c = 0; c < table.fields.size(); ++c) {
        if (table.fields[c] != "time") sums[table.fields[c]] += table.columns[c][row];
      }
    }
  }
  for (const auto& [name, sum] : sums) out.means[name] = sum / static_cast<double>(out.frames);
  return out;
}

TptReport::TptReport(const SavedModel& model, const tpt::ReactiveFlux& flux, double unit)
    : model_(model), flux_(flux), unit_(unit) {
  out_["msm"] = model.path;
  out_["lag"] = model.lag;
  out_["dt"] = model.dt ? nlohmann::json(*model.dt) : nlohmann::json(nullptr);
  out_["time_unit"] = model.dt ? "the unit of the model's dt" : "frames";
  out_["conventions"] = {{"states",
                          "source, sink, pathways and transition_states hold original state "
                          "labels; per-state arrays and "
                          "flux triplets [i, j, value] index active_set"},
                         {"flux",
                          "gross_flux, net_flux, total_flux and state_current are probability per "
                          "lag step (as deeptime)"},
                         {"rate",
                          "k_AB = total_flux / sum_i pi_i q-_i divided by lag*dt: per time unit; "
                          "inverse_rate = 1/rate is "
                          "the TPT mean first passage time"},
                         {"mfpt",
                          "mfpt and mfpt_reverse: the pi-weighted set-to-set mean first passage "
                          "times A->B and B->A of the "
                          "MSM (msm.mfpt in deeptime), not 1/rate"}};
  out_["active_set"] = model.active_set;
  out_["stationary_distribution"] = vector_json(flux.stationary);
  Eigen::VectorXd free_energy = -flux.stationary.array().log();
  free_energy.array() -= free_energy.minCoeff();
  out_["free_energy_kT"] = vector_json(free_energy);
  out_["forward_committor"] = vector_json(flux.forward_committor);
  out_["backward_committor"] = vector_json(flux.backward_committor);
  out_["gross_flux"] = triplets(flux.gross_flux);
  out_["net_flux"] = triplets(flux.net_flux);
  out_["total_flux"] = flux.total_flux;
  out_["rate"] = flux.rate / unit;
  out_["inverse_rate"] = unit / flux.rate;
  out_["state_current"] = vector_json(tpt::state_current(flux.net_flux));
  out_["warnings"] = nlohmann::json::array();
}

nlohmann::json TptReport::labels_of(const std::vector<std::int32_t>& indices) const {
  nlohmann::json out = nlohmann::json::array();
  for (std::int32_t i : indices) out.push_back(model_.active_set[static_cast<std::size_t>(i)]);
  return out;
}

void TptReport::set_endpoints(const std::string& source, const std::string& sink,
                              std::size_t source_dropped, std::size_t sink_dropped) {
  std::vector<std::int32_t> a;
  std::vector<std::int32_t> b;
  for (std::size_t i = 0; i < flux_.states(); ++i) {
    if (flux_.endpoints.in_source[i]) a.push_back(static_cast<std::int32_t>(i));
    if (flux_.endpoints.in_sink[i]) b.push_back(static_cast<std::int32_t>(i));
  }
  out_["source"] = labels_of(a);
  out_["sink"] = labels_of(b);
  out_["source_definition"] = source;
  out_["sink_definition"] = sink;
  for (const auto& [name, dropped] :
       {std::pair{"source", source_dropped}, std::pair{"sink", sink_dropped}}) {
    if (dropped > 0) {
      out_["warnings"].push_back(fmt::format(
          "{} of the {} set's states are outside the model's active set and were left out", dropped,
          name));
    }
  }
}

void TptReport::add_mfpts(double forward, double reverse) {
  mfpt_ = forward;
  out_["mfpt"] = number_or_null(forward);
  out_["mfpt_reverse"] = number_or_null(reverse);
}

void TptReport::add_pathways(const tpt::PathwayDecomposition& pathways) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : pathways.pathways) {
    list.push_back({{"states", labels_of(p.states)},
                    {"flux", p.flux},
                    {"fraction", p.flux / pathways.total_flux}});
  }
  out_["pathways"] = std::move(list);
  out_["pathways_explained_fraction"] = pathways.explained_fraction;
}

void TptReport::add_coarse(const tpt::CoarseFlux& coarse,
                           const tpt::PathwayDecomposition& pathways) {
  nlohmann::json sets = nlohmann::json::array();
  for (const auto& set : coarse.sets) sets.push_back(labels_of(set));
  nlohmann::json paths = nlohmann::json::array();
  for (const auto& p : pathways.pathways) {
    paths.push_back(
        {{"sets", p.states}, {"flux", p.flux}, {"fraction", p.flux / pathways.total_flux}});
  }
  out_["coarse"] = {
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
      {"pathways", std::move(paths)},
      {"pathways_explained_fraction", pathways.explained_fraction},
      {"note",
       "each given set is split into its parts in A, in between and in B (A parts first), as "
       "deeptime's coarse_grain; sets, source, sink and pathways index these parts"}};
}

void TptReport::add_transition_states(double lower, double upper,
                                      const std::vector<std::int32_t>& states,
                                      const StateCenters* centers) {
  nlohmann::json committor = nlohmann::json::array();
  double weight = 0.0;
  for (std::int32_t s : states) {
    committor.push_back(flux_.forward_committor[s]);
    weight += flux_.stationary[s];
  }
  nlohmann::json ts = {{"band", {lower, upper}},
                       {"states", labels_of(states)},
                       {"forward_committor", std::move(committor)},
                       {"stationary_weight", weight}};
  if (centers != nullptr && !states.empty()) {
    // The pi-weighted mean of the states' centres: the typical transition state in CV terms.
    nlohmann::json means = nlohmann::json::object();
    for (std::size_t c = 0; c < centers->cvs.size(); ++c) {
      double sum = 0.0;
      for (std::int32_t s : states) {
        const auto label = model_.active_set[static_cast<std::size_t>(s)];
        if (label < centers->centers.rows())
          sum += flux_.stationary[s] * centers->centers(label, static_cast<Eigen::Index>(c));
      }
      means[centers->cvs[c]] = sum / weight;
    }
    ts["center_means"] = std::move(means);
  }
  if (states.empty())
    out_["warnings"].push_back(fmt::format("no state has a committor in [{}, {}]", lower, upper));
  out_["transition_states"] = std::move(ts);
}

void TptReport::add_transition_state_frames(const FrameAverages& averages) {
  out_["transition_states"]["frames"] = averages.frames;
  out_["transition_states"]["frame_averages"] = averages.means;
}

void TptReport::add_state_map(const StateCenters& centers) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::int32_t label : model_.active_set) {
    if (label >= centers.centers.rows()) {
      throw UsageError(fmt::format("{} has {} centres but the model has state {}", centers.path,
                                   centers.centers.rows(), label));
    }
    const auto row = centers.centers.row(label);
    rows.push_back(std::vector<double>(row.begin(), row.end()));
  }
  out_["state_map"] = {
      {"cvs", centers.cvs},
      {"centers", std::move(rows)},
      {"note", "centre of each active state, in active_set order, for plotting per-state arrays"}};
}

void TptReport::add_flux_through(const std::string& name, const std::string& expression,
                                 std::size_t states, double fraction) {
  out_["flux_through"].push_back(
      {{"name", name}, {"region", expression}, {"states", states}, {"fraction", fraction}});
}

void TptReport::add_nucleation_rate(double value, const std::string& units,
                                    const std::string& waiting_time_kind, double waiting_time,
                                    double volume, const std::string& length_unit) {
  out_["nucleation_rate"] = {{"value", value},
                             {"lower", nullptr},
                             {"upper", nullptr},
                             {"units", units},
                             {"waiting_time", waiting_time_kind},
                             {"t", waiting_time},
                             {"volume", volume},
                             {"volume_units", length_unit + "^3"},
                             {"definition", "J = 1 / (t V)"},
                             {"value_from",
                              "the maximum-likelihood MSM; lower/upper (with --bayes) from the "
                              "reversible Bayesian samples on effective counts, which need not "
                              "bracket it"}};
}

void TptReport::add_bayes(nlohmann::json bayes) {
  if (bayes.contains("nucleation_rate") && out_.contains("nucleation_rate")) {
    out_["nucleation_rate"]["lower"] = bayes["nucleation_rate"]["lower"];
    out_["nucleation_rate"]["upper"] = bayes["nucleation_rate"]["upper"];
    out_["nucleation_rate"]["interval"] = "percentiles 2.5 and 97.5 over the Bayesian samples";
  }
  out_["bayes"] = std::move(bayes);
}

void TptReport::print_headline(const std::string& output) const {
  const char* time = model_.dt ? "time units" : "frames";
  std::printf(
      "A: %zu states, B: %zu states; total flux %.4g per lag, rate %.4g per %s (1/rate %.4g), MFPT "
      "A->B %.4g, "
      "B->A %.4g %s\n",
      out_["source"].size(), out_["sink"].size(), flux_.total_flux, flux_.rate / unit_,
      model_.dt ? "time unit" : "frame", unit_ / flux_.rate,
      out_["mfpt"].is_number() ? out_["mfpt"].get<double>() : NAN,
      out_["mfpt_reverse"].is_number() ? out_["mfpt_reverse"].get<double>() : NAN, time);
  const auto& paths = out_["pathways"];
  for (std::size_t k = 0; k < std::min<std::size_t>(3, paths.size()); ++k) {
    std::string states;
    for (const auto& s : paths[k]["states"])
      states += fmt::format("{}{}", states.empty() ? "" : " ", s.get<int>());
    std::printf("pathway %zu: %5.1f%%  %s\n", k + 1, 100.0 * paths[k]["fraction"].get<double>(),
                states.c_str());
  }
  std::printf("transition states (q+ in [%g, %g]): %zu\n",
              out_["transition_states"]["band"][0].get<double>(),
              out_["transition_states"]["band"][1].get<double>(),
              out_["transition_states"]["states"].size());
  if (out_.contains("nucleation_rate")) {
    const auto& j = out_["nucleation_rate"];
    if (j["lower"].is_number()) {
      std::printf("nucleation rate J = %.3g %s [%.3g, %.3g]\n", j["value"].get<double>(),
                  j["units"].get<std::string>().c_str(), j["lower"].get<double>(),
                  j["upper"].get<double>());
    } else {
      std::printf("nucleation rate J = %.3g %s\n", j["value"].get<double>(),
                  j["units"].get<std::string>().c_str());
    }
  }
  for (const auto& w : out_["warnings"])
    std::fprintf(stderr, "nucleate tpt: warning: %s\n", w.get<std::string>().c_str());
  std::printf("-> %s\n", output.c_str());
}

}  // namespace nucleate::cli
