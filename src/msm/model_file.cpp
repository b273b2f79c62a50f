#include "msm/model_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/recorded_path.h"
#include "msm/mfpt.h"
#include "msm/simulate.h"

namespace nucleate::msm {
namespace {

// Matrices up to this size go to JSON as dense rows, larger ones as COO.
constexpr Eigen::Index kDenseJsonLimit = 5000;
constexpr std::size_t kAllEigenvaluesUpTo = 2000;
constexpr std::size_t kDefaultEigenvaluesAbove = 20;

void put_matrix(Json& out, const std::string& name, const SparseMatrix& m) {
  if (m.rows() <= kDenseJsonLimit) {
    Json rows = Json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      std::vector<double> row(static_cast<std::size_t>(m.cols()), 0.0);
      for (SparseMatrix::InnerIterator it(m, i); it; ++it)
        row[static_cast<std::size_t>(it.col())] = it.value();
      rows.push_back(std::move(row));
    }
    out[name] = std::move(rows);
  } else {
    Json triplets = Json::array();
    for (Eigen::Index i = 0; i < m.outerSize(); ++i)
      for (SparseMatrix::InnerIterator it(m, i); it; ++it)
        triplets.push_back({i, it.col(), it.value()});
    out[name + "_coo"] = std::move(triplets);
  }
}

// An n x n matrix, dense rows or [i, j, value] triplets. Its shape is
// checked against the active set (found by fuzzing: a larger matrix wrote
// past the end of the sparse matrix).
SparseMatrix get_matrix(const Json& j, const std::string& name, Eigen::Index n,
                        const std::string& path) {
  const auto wrong_shape = [&](const std::string& what) {
    return InputError({path, {}, {}, {}},
                      fmt::format("{}: {}, but active_set has {} states", name, what, n));
  };
  const auto size = static_cast<std::size_t>(n);
  std::vector<Eigen::Triplet<double>> entries;
  if (j.contains(name)) {
    const auto rows = j.at(name).get<std::vector<std::vector<double>>>();
    // No rows: a model saved without that matrix (counts of a model built
    // from a transition matrix).
    if (!rows.empty() && rows.size() != size)
      throw wrong_shape(fmt::format("{} rows", rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != size)
        throw wrong_shape(fmt::format("row {} has {} values", i, rows[i].size()));
      for (std::size_t k = 0; k < rows[i].size(); ++k)
        if (rows[i][k] != 0.0)
          entries.emplace_back(static_cast<int>(i), static_cast<int>(k), rows[i][k]);
    }
  } else {
    for (const auto& t : j.at(name + "_coo")) {
      const auto row = whole_number<std::int64_t>(t.at(0));
      const auto col = whole_number<std::int64_t>(t.at(1));
      if (row < 0 || row >= n || col < 0 || col >= n)
        throw wrong_shape(fmt::format("entry ({}, {}) lies outside", row, col));
      entries.emplace_back(static_cast<int>(row), static_cast<int>(col), t.at(2).get<double>());
    }
  }
  SparseMatrix m(n, n);
  m.setFromTriplets(entries.begin(), entries.end());
  return m;
}

std::int32_t largest_label(const std::vector<DiscreteTrajectory>& trajectories) {
  std::int32_t largest = -1;
  for (const auto& t : trajectories)
    for (std::int32_t s : t) largest = std::max(largest, s);
  return largest;
}

}  // namespace

const OptionTable<MsmEstimateOptions>& msm_estimate_options() {
  using O = MsmEstimateOptions;
  static const OptionTable<O> table{
      {"lag", &O::lag, "Lag time", "frames", OptionCheck::positive, {}, {}, true},
      dt_option<O>(),
      {"nonreversible", &O::nonreversible, "Row-normalised counts instead of the reversible MLE"},
      {"tolerance", &O::tolerance, "Convergence of the reversible MLE (relative change of pi)", "",
       OptionCheck::positive},
      {"connectivity_threshold", &O::connectivity_threshold,
       "Count i -> j as a connection only when c_ij >= this (0: any count, deeptime's default); "
       "1/n or pyemma: PyEMMA's mincount_connectivity default; msmbuilder: its "
       "ergodic_cutoff='on'"},
      {"eigenvalues", &O::eigenvalues,
       "How many eigenvalues (and so timescales) to compute, largest first; 0: all (default: all "
       "up to 2000 states, else the 20 largest, by a sparse solver)"},
  };
  return table;
}

EstimateOptions estimate_options(const MsmEstimateOptions& options,
                                 const std::vector<DiscreteTrajectory>& trajectories,
                                 std::optional<Eigen::VectorXd> stationary) {
  check_options(options, msm_estimate_options());
  EstimateOptions estimate;
  estimate.lag = options.lag;
  estimate.reversible = !options.nonreversible;
  estimate.tolerance = options.tolerance;
  estimate.stationary = std::move(stationary);
  estimate.connectivity_threshold =
      connectivity_threshold(options.connectivity_threshold, trajectories);
  estimate.timescales =
      options.eigenvalues ? *options.eigenvalues : default_eigenvalue_count(trajectories);
  return estimate;
}

double SavedModel::lag_time() const {
  return static_cast<double>(model.options.lag) * frame_time();
}

Json model_json(const SavedModel& saved, const std::string& output_file) {
  const MarkovModel& model = saved.model;
  const double unit = saved.frame_time();
  Json out;
  out["lag"] = model.options.lag;
  out["dt"] = saved.dt ? Json(*saved.dt) : Json(nullptr);
  out["time_unit"] = saved.dt ? "the unit of --dt" : "frames";
  out["reversible"] = model.options.reversible;
  out["n_states"] = model.active_set.size();
  out["active_set"] = model.active_set;
  out["dropped_states"] = model.dropped.states;
  out["dropped_frames"] = model.dropped.frames;
  out["trajectories"] = recorded_paths(saved.trajectories, output_file);
  put_matrix(out, "count_matrix", model.counts);
  put_matrix(out, "transition_matrix", model.transition_matrix);
  const Eigen::VectorXd& pi = model.stationary_distribution;
  out["stationary_distribution"] = std::vector<double>(pi.data(), pi.data() + pi.size());
  std::vector<double> free_energy;
  for (Eigen::Index i = 0; i < pi.size(); ++i) free_energy.push_back(-std::log(pi[i]));
  out["free_energies_kT"] = free_energy;
  Json eigenvalues = Json::array();
  bool complex_values = false;
  for (const auto& lambda : model.spectrum.eigenvalues) {
    eigenvalues.push_back(lambda.real());
    complex_values = complex_values || lambda.imag() != 0.0;
  }
  out["eigenvalues"] = eigenvalues;
  if (complex_values) {
    Json imaginary = Json::array();
    for (const auto& lambda : model.spectrum.eigenvalues) imaginary.push_back(lambda.imag());
    out["eigenvalues_imag"] = imaginary;
  }
  Json timescales = Json::array();
  for (double t : model.timescales) timescales.push_back(number_or_null(t * unit));
  out["timescales"] = timescales;
  out["mle"] = {{"converged", model.converged},
                {"iterations", model.iterations},
                {"tolerance", model.options.tolerance}};
  out["warnings"] = model.warnings;
  return out;
}

SavedModel read_model_file(const std::string& path) {
  const Json j = read_json_file(path);
  SavedModel saved;
  saved.path = path;
  MarkovModel& m = saved.model;
  try {
    m.options.lag = whole_number<std::size_t>(j.at("lag"));
    if (!j.at("dt").is_null()) saved.dt = j.at("dt").get<double>();
    m.options.reversible = j.value("reversible", true);
    m.active_set = whole_numbers<std::int32_t>(j.at("active_set"));
    // Ascending labels >= 0, as written: states_seen below and every lookup of
    // a label rely on it.
    for (std::size_t k = 0; k < m.active_set.size(); ++k) {
      if (m.active_set[k] < 0 || (k > 0 && m.active_set[k] <= m.active_set[k - 1])) {
        throw InputError({path, {}, {}, {}},
                         "active_set must hold state labels >= 0 in ascending order");
      }
    }
    if (j.contains("dropped_states")) {
      m.dropped.states = whole_numbers<std::int32_t>(j.at("dropped_states"));
      m.dropped.frames = whole_number<std::size_t>(j.at("dropped_frames"));
    }
    if (j.contains("trajectories"))
      saved.trajectories = j.at("trajectories").get<std::vector<std::string>>();
    const auto n = static_cast<Eigen::Index>(m.active_set.size());
    m.transition_matrix = get_matrix(j, "transition_matrix", n, path);
    if (j.contains("count_matrix") || j.contains("count_matrix_coo"))
      m.counts = get_matrix(j, "count_matrix", n, path);
    const auto pi = j.at("stationary_distribution").get<std::vector<double>>();
    m.stationary_distribution =
        Eigen::Map<const Eigen::VectorXd>(pi.data(), static_cast<Eigen::Index>(pi.size()));
    if (m.stationary_distribution.size() != n) {
      throw InputError({path, {}, {}, {}},
                       "stationary_distribution and active_set differ in length");
    }
    if (j.contains("eigenvalues")) {
      const auto real = j.at("eigenvalues").get<std::vector<double>>();
      const auto imag = j.value("eigenvalues_imag", std::vector<double>(real.size(), 0.0));
      for (std::size_t k = 0; k < real.size(); ++k)
        m.spectrum.eigenvalues.emplace_back(real[k], k < imag.size() ? imag[k] : 0.0);
    }
    if (j.contains("timescales")) {
      // Saved in the model's time unit; held in frames, as estimated.
      for (const auto& t : j.at("timescales")) {
        m.timescales.push_back(t.is_null() ? std::numeric_limits<double>::infinity()
                                           : t.get<double>() / saved.frame_time());
      }
    }
    if (j.contains("mle")) {
      m.converged = j.at("mle").value("converged", true);
      const Json& mle = j.at("mle");
      m.iterations =
          mle.contains("iterations") ? whole_number<std::size_t>(mle.at("iterations")) : 0;
      m.options.tolerance = j.at("mle").value("tolerance", m.options.tolerance);
    }
    m.warnings = j.value("warnings", std::vector<std::string>{});
  } catch (const nlohmann::json::exception& e) {
    throw InputError(
        {path, {}, {}, {}},
        fmt::format("not an msm.json from `nucleate msm estimate`: {}", json_error_text(e)));
  } catch (const JsonWholeNumberError& e) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("not an msm.json from `nucleate msm estimate`: {}", e.what()));
  }
  m.states_seen = m.active_set.empty() ? 0 : static_cast<std::size_t>(m.active_set.back()) + 1;
  return saved;
}

std::vector<std::int32_t> state_indices(const MarkovModel& model,
                                        const std::vector<std::int32_t>& labels,
                                        const std::string& what) {
  std::vector<std::int32_t> out;
  for (std::int32_t label : labels) {
    const auto it = std::lower_bound(model.active_set.begin(), model.active_set.end(), label);
    if (it == model.active_set.end() || *it != label) {
      throw UsageError(fmt::format("{}: state {} is not in the model's active set ({} states)",
                                   what, label, model.active_set.size()));
    }
    out.push_back(static_cast<std::int32_t>(it - model.active_set.begin()));
  }
  return out;
}

std::vector<std::int32_t> parse_state_labels(const std::string& text, const std::string& what) {
  std::vector<std::int32_t> labels;
  for (std::size_t v : parse_count_list(text, what)) {
    if (v > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      throw UsageError(fmt::format("{}: state {} is beyond the 32-bit range", what, v));
    }
    labels.push_back(static_cast<std::int32_t>(v));
  }
  return labels;
}

PassageTime mean_first_passage_time(const SavedModel& saved, const std::vector<std::int32_t>& from,
                                    const std::vector<std::int32_t>& to,
                                    const std::pair<std::string, std::string>& names) {
  const MarkovModel& m = saved.model;
  PassageTime out;
  out.steps = mean_first_passage_time(m.transition_matrix, m.stationary_distribution,
                                      state_indices(m, from, names.first),
                                      state_indices(m, to, names.second));
  out.time = out.steps * saved.lag_time();
  return out;
}

DiscreteTrajectory simulate_labels(const MarkovModel& model, std::int32_t start, std::size_t steps,
                                   std::uint64_t seed) {
  const std::int32_t first = state_indices(model, {start}, "start").front();
  DiscreteTrajectory states = simulate(model.transition_matrix, first, steps, seed);
  for (auto& s : states) s = model.active_set[static_cast<std::size_t>(s)];
  return states;
}

std::vector<bool> label_mask(const MarkovModel& model, const std::vector<std::int32_t>& states) {
  std::vector<bool> wanted;
  for (std::int32_t s : states) {
    const auto label = static_cast<std::size_t>(model.active_set[static_cast<std::size_t>(s)]);
    if (wanted.size() <= label) wanted.resize(label + 1, false);
    wanted[label] = true;
  }
  return wanted;
}

double connectivity_threshold(const std::string& text,
                              const std::vector<DiscreteTrajectory>& trajectories) {
  if (text == "1/n" || text == "pyemma") {
    return 1.0 / static_cast<double>(largest_label(trajectories) + 1);
  }
  if (text == "msmbuilder") return 1.0;
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value >= 0.0 && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(fmt::format(
      "connectivity_threshold '{}': give a count >= 0, 1/n (PyEMMA, deeptime) or msmbuilder",
      text));
}

std::size_t default_eigenvalue_count(const std::vector<DiscreteTrajectory>& trajectories) {
  const auto states = static_cast<std::size_t>(largest_label(trajectories)) + 1;
  return states > kAllEigenvaluesUpTo ? kDefaultEigenvaluesAbove : 0;
}

}  // namespace nucleate::msm
