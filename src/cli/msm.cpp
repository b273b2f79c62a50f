// `nucleate msm SUBCOMMAND`: Markov state models from discrete trajectories.
//   estimate DTRAJ... --lag L [--dt T] [--nonreversible] -o msm.json
// The other subcommands live in their own files (msm_commands.h).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/msm_commands.h"
#include "core/error.h"
#include "io/dtraj.h"
#include "io/text_file.h"
#include "msm/markov_model.h"

namespace nucleate::cli {
namespace {

// Matrices up to this size go to JSON as dense rows, larger ones as COO.
constexpr Eigen::Index kDenseJsonLimit = 5000;

struct EstimateCommand {
  std::vector<std::string> trajectories;
  std::size_t lag = 1;
  std::optional<double> dt;
  bool nonreversible = false;
  double tolerance = 1e-8;
  std::string stationary;  // file of pi by state label, one value per line
  std::string connectivity_threshold = "0";
  std::optional<std::size_t> eigenvalues;  // how many; default: all up to 2000 states, else 20
  std::string output;
};

// A full dense spectrum costs O(n^3): minutes above a few thousand states,
// where users want the slowest timescales only (the sparse solver's case).
constexpr std::size_t kAllEigenvaluesUpTo = 2000;
constexpr std::size_t kDefaultEigenvaluesAbove = 20;

// pi_0, pi_1, ... one per line for states 0, 1, ... ('#' comments allowed).
Eigen::VectorXd read_stationary(const std::string& path) {
  io::TextInput in(path);
  std::vector<double> values;
  std::string line;
  std::vector<std::string_view> fields;
  try {
    while (in.read_line(line)) {
      io::split_fields(std::string_view(line).substr(0, line.find('#')), fields);
      if (fields.empty()) continue;
      const double v = io::parse_double(fields[0], "the stationary probability", in.line_number());
      if (!(v > 0))
        throw FormatError(fmt::format("stationary probability {} is not positive", v),
                          in.line_number());
      values.push_back(v);
    }
  } catch (const FormatError& e) {
    throw InputError({path, {}, {}, e.line()}, e.what());
  }
  if (values.empty()) throw InputError({path, {}, {}, {}}, "holds no value");
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

void put_matrix(nlohmann::json& out, const std::string& name, const msm::SparseMatrix& m) {
  if (m.rows() <= kDenseJsonLimit) {
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      std::vector<double> row(static_cast<std::size_t>(m.cols()), 0.0);
      for (msm::SparseMatrix::InnerIterator it(m, i); it; ++it)
        row[static_cast<std::size_t>(it.col())] = it.value();
      rows.push_back(std::move(row));
    }
    out[name] = std::move(rows);
  } else {
    nlohmann::json triplets = nlohmann::json::array();
    for (Eigen::Index i = 0; i < m.outerSize(); ++i)
      for (msm::SparseMatrix::InnerIterator it(m, i); it; ++it)
        triplets.push_back({i, it.col(), it.value()});
    out[name + "_coo"] = std::move(triplets);
  }
}

nlohmann::json model_json(const msm::MarkovModel& model, const EstimateCommand& options) {
  const double unit = options.dt.value_or(1.0);
  nlohmann::json out;
  out["lag"] = model.options.lag;
  out["dt"] = options.dt ? nlohmann::json(*options.dt) : nlohmann::json(nullptr);
  out["time_unit"] = options.dt ? "the unit of --dt" : "frames";
  out["reversible"] = model.options.reversible;
  out["n_states"] = model.active_set.size();
  out["active_set"] = model.active_set;
  out["dropped_states"] = model.dropped.states;
  out["dropped_frames"] = model.dropped.frames;
  out["trajectories"] = options.trajectories;
  put_matrix(out, "count_matrix", model.counts);
  put_matrix(out, "transition_matrix", model.transition_matrix);
  out["stationary_distribution"] = std::vector<double>(
      model.stationary_distribution.data(),
      model.stationary_distribution.data() + model.stationary_distribution.size());
  std::vector<double> free_energy;
  for (Eigen::Index i = 0; i < model.stationary_distribution.size(); ++i) {
    free_energy.push_back(-std::log(model.stationary_distribution[i]));
  }
  out["free_energies_kT"] = free_energy;
  nlohmann::json eigenvalues = nlohmann::json::array();
  bool complex_values = false;
  for (const auto& lambda : model.spectrum.eigenvalues) {
    eigenvalues.push_back(lambda.real());
    complex_values = complex_values || lambda.imag() != 0.0;
  }
  out["eigenvalues"] = eigenvalues;
  if (complex_values) {
    nlohmann::json imaginary = nlohmann::json::array();
    for (const auto& lambda : model.spectrum.eigenvalues) imaginary.push_back(lambda.imag());
    out["eigenvalues_imag"] = imaginary;
  }
  nlohmann::json timescales = nlohmann::json::array();
  for (double t : model.timescales) timescales.push_back(number_or_null(t * unit));
  out["timescales"] = timescales;
  out["mle"] = {{"converged", model.converged},
                {"iterations", model.iterations},
                {"tolerance", model.options.tolerance}};
  out["warnings"] = model.warnings;
  return out;
}

// A number, or a convention by name: "1/n" (deeptime's and PyEMMA's
// mincount_connectivity='1/n', 1 / the number of states seen) or
// "msmbuilder" (its ergodic_cutoff='on': 1/lag on its lag-normalised sliding
// counts, i.e. one raw sliding count). For sliding counts, which are whole
// numbers, all three keep every observed transition, as 0 does.
double connectivity_threshold(const std::string& text,
                              const std::vector<msm::DiscreteTrajectory>& trajectories) {
  if (text == "1/n" || text == "pyemma") {
    std::int32_t largest = 0;
    for (const auto& t : trajectories) {
      for (std::int32_t s : t) largest = std::max(largest, s);
    }
    return 1.0 / static_cast<double>(largest + 1);
  }
  if (text == "msmbuilder") return 1.0;
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value >= 0.0 && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(
      fmt::format("--connectivity-threshold '{}': give a count >= 0, 1/n (PyEMMA, deeptime) or "
                  "msmbuilder",
                  text));
}

void run_estimate(const EstimateCommand& options) {
  const std::vector<msm::DiscreteTrajectory> trajectories =
      io::read_discrete_trajectories(options.trajectories);
  msm::EstimateOptions estimate;
  estimate.lag = options.lag;
  estimate.reversible = !options.nonreversible;
  estimate.tolerance = options.tolerance;
  if (!options.stationary.empty()) estimate.stationary = read_stationary(options.stationary);
  estimate.connectivity_threshold =
      connectivity_threshold(options.connectivity_threshold, trajectories);
  if (options.eigenvalues) {
    estimate.timescales = *options.eigenvalues;
  } else {
    std::int32_t largest_label = -1;
    for (const auto& t : trajectories)
      for (std::int32_t s : t) largest_label = std::max(largest_label, s);
    if (static_cast<std::size_t>(largest_label + 1) > kAllEigenvaluesUpTo)
      estimate.timescales = kDefaultEigenvaluesAbove;
  }
  const msm::MarkovModel model = msm::estimate_markov_model(trajectories, estimate);
  write_json(options.output, model_json(model, options));
  for (const auto& w : model.warnings)
    std::fprintf(stderr, "nucleate msm estimate: warning: %s\n", w.c_str());
  std::string slowest;
  for (std::size_t k = 0; k < std::min<std::size_t>(3, model.timescales.size()); ++k) {
    slowest +=
        fmt::format("{}{:.4g}", k == 0 ? "" : ", ", model.timescales[k] * options.dt.value_or(1.0));
  }
  std::printf("%zu states (%zu dropped), lag %zu, slowest timescales %s %s -> %s\n",
              model.active_set.size(), model.dropped.states.size(), options.lag, slowest.c_str(),
              options.dt ? "(time units of --dt)" : "frames", options.output.c_str());
}

void add_estimate(CLI::App& msm) {
  auto options = std::make_shared<EstimateCommand>();
  CLI::App* cmd = msm.add_subcommand("estimate", "Estimate a Markov state model at one lag time");
  cmd->add_option("trajectories", options->trajectories,
                  "Discrete trajectories (text, one state per line)")
      ->required();
  cmd->add_option("--lag", options->lag, "Lag time in frames")->required()->check(kPositive);
  cmd->add_option("--dt", options->dt, "Time between frames; timescales are then in its unit")
      ->check(kPositive);
  cmd->add_flag("--nonreversible", options->nonreversible,
                "Row-normalised counts instead of the reversible MLE");
  cmd->add_option("--tolerance", options->tolerance,
                  "Convergence of the reversible MLE (relative change of pi)")
      ->default_val(1e-8)
      ->check(kPositive);
  cmd->add_option(
         "--connectivity-threshold", options->connectivity_threshold,
         "Count i -> j as a connection only when c_ij >= this (0: any count, deeptime's default); "
         "1/n or pyemma: PyEMMA's mincount_connectivity default; msmbuilder: its "
         "ergodic_cutoff='on'")
      ->default_val("0");
  cmd->add_option("--stationary", options->stationary,
                  "Fix the stationary distribution: a file with pi of state 0, 1, ... one per line "
                  "(reversible MLE "
                  "constrained to it)");
  cmd->add_option(
      "--eigenvalues", options->eigenvalues,
      fmt::format("How many eigenvalues (and so timescales) to compute, largest first; 0: all "
                  "(default: all up to {} states, else the {} largest, by a sparse solver)",
                  kAllEigenvaluesUpTo, kDefaultEigenvaluesAbove));
  cmd->add_option("-o,--output", options->output, "msm.json")->required();
  cmd->callback([options] { run_estimate(*options); });
}

}  // namespace

void add_msm_command(CLI::App& app) {
  CLI::App* msm = app.add_subcommand("msm", "Markov state models from discrete trajectories");
  msm->require_subcommand(1);
  add_estimate(*msm);
  add_msm_its(*msm);
  add_msm_mfpt(*msm);
  add_msm_simulate(*msm);
  add_msm_pcca(*msm);
  add_msm_cktest(*msm);
  add_msm_bayes(*msm);
  add_msm_gmrq(*msm);
}

}  // namespace nucleate::cli
