#include "pipeline/cluster_stage.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <set>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/json.h"
#include "core/recorded_path.h"
#include "io/cv_columns.h"
#include "io/dtraj.h"
#include "io/trajectory_stem.h"

namespace nucleate::pipeline {
namespace {

// A saved decomposition is reused as it is: options that would fit another
// one are errors, not silently ignored.
void check_reuse(const msm::StateDecompositionOptions& options, const msm::StateDecomposition& m,
                 const std::string& path) {
  const msm::StateDecompositionOptions defaults;
  if (options.k || options.dmin || !options.grid.empty() ||
      options.max_centers != defaults.max_centers) {
    throw UsageError(
        "reusing saved centres assigns frames to them: give no clustering method with it");
  }
  if (options.stride != defaults.stride) {
    throw UsageError("stride chooses the frames a clustering is fit on: reusing centres fits none");
  }
  if (options.cvs != m.cvs) {
    throw UsageError(fmt::format("cvs {} differ from the CVs of the saved centres in {} ({})",
                                 fmt::join(options.cvs, ","), path, fmt::join(m.cvs, ",")));
  }
  if (!options.scale.empty() && msm::parse_scale(options.scale, options.cvs) != m.scale) {
    throw UsageError(
        fmt::format("scale {} differs from the scaling of the saved centres in {} ({}); omit "
                    "scale to use the saved one",
                    options.scale, path, fmt::join(m.scale, ",")));
  }
}

}  // namespace

std::size_t ClusterResult::frames() const {
  std::size_t n = 0;
  for (const auto& l : labels) n += l.size();
  return n;
}

std::vector<std::string> dtraj_paths(const std::vector<std::string>& inputs,
                                     const std::string& dtraj_dir) {
  std::vector<std::string> out;
  std::set<std::string> unique;
  for (const auto& input : inputs) {
    // DIR/<stem>.dtraj, the stem without a .gz.
    out.push_back((std::filesystem::path(dtraj_dir) / io::trajectory_stem(input)).string() +
                  ".dtraj");
    if (!unique.insert(out.back()).second) {
      throw UsageError(fmt::format(
          "two inputs would both write {}: give inputs distinct file names", out.back()));
    }
  }
  return out;
}

ClusterResult run_cluster(const msm::StateDecompositionOptions& options,
                          const ClusterFiles& files) {
  ClusterResult result;
  result.dtrajs = dtraj_paths(files.inputs, files.dtraj_dir);
  std::optional<msm::StateDecomposition> saved;
  if (!files.centers.empty()) {
    saved = msm::read_decomposition_file(files.centers);
    check_reuse(options, *saved, files.centers);
  }
  std::vector<msm::Points> raw;
  const std::vector<std::string> cvs = saved ? saved->cvs : msm::decomposition_cvs(options);
  for (const auto& input : files.inputs) {
    raw.push_back(io::read_cv_columns(input, cvs));
    if (raw.back().rows() == 0) throw InputError({input, {}, {}, {}}, "no frames");
  }
  if (saved) {
    result.decomposition = std::move(*saved);
  } else {
    msm::FittedStates fitted = msm::fit_states(raw, options, files.inputs);
    result.decomposition = std::move(fitted.decomposition);
    result.fitted_frames = fitted.fitted_frames;
    result.warnings = std::move(fitted.warnings);
  }
  result.labels = msm::assign_states(result.decomposition, raw, files.inputs);
  return result;
}

void write_cluster(const ClusterResult& result, const msm::StateDecompositionOptions& options,
                   const ClusterFiles& files) {
  require_writable(files.output);  // before the discrete trajectories are written
  std::error_code failed;
  std::filesystem::create_directories(files.dtraj_dir, failed);
  if (failed) {
    throw InputError({files.dtraj_dir, {}, {}, {}},
                     fmt::format("cannot create the folder ({})", failed.message()));
  }
  for (std::size_t t = 0; t < result.labels.size(); ++t)
    io::write_discrete_trajectory(result.dtrajs[t], result.labels[t]);
  OrderedJson out = msm::decomposition_json(result.decomposition);
  if (!files.centers.empty()) {
    out["centers_from"] = recorded_path(files.centers, files.output);
  } else if (result.decomposition.method != "grid") {
    out["stride"] = options.stride;
  }
  OrderedJson inputs = OrderedJson::array();
  for (std::size_t t = 0; t < result.labels.size(); ++t) {
    inputs.push_back({{"file", recorded_path(files.inputs[t], files.output)},
                      {"frames", result.labels[t].size()},
                      {"dtraj", recorded_path(result.dtrajs[t], files.output)}});
  }
  out["inputs"] = std::move(inputs);
  write_json_file(files.output, out, 2);
}

std::vector<std::size_t> read_cluster_input_frames(const std::string& path) {
  const Json j = read_json_file(path);
  std::vector<std::size_t> frames;
  try {
    for (const auto& input : j.at("inputs"))
      frames.push_back(input.at("frames").get<std::size_t>());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(
        {path, {}, {}, {}},
        fmt::format("not a clusters.json from `nucleate cluster`: {}", json_error_text(e)));
  }
  return frames;
}

std::string cluster_headline(const ClusterResult& result, const ClusterFiles& files) {
  const std::size_t frames = result.frames();
  const std::size_t n = result.labels.size();
  const std::string inputs =
      fmt::format("{} frame{} of {} input{}", frames, frames == 1 ? "" : "s", n, n == 1 ? "" : "s");
  const msm::StateDecomposition& m = result.decomposition;
  if (!files.centers.empty()) {
    return fmt::format(
        "{} assigned to the {} saved {} states of {} -> {}; discrete trajectories in {}", inputs,
        m.states(), m.method, files.centers, files.output, files.dtraj_dir);
  }
  const std::string fitted = m.method == "grid" || result.fitted_frames == frames
                                 ? std::string()
                                 : fmt::format(" (fit on {})", result.fitted_frames);
  return fmt::format("{}: {} states from {}{} -> {}; discrete trajectories in {}", m.method,
                     m.states(), inputs, fitted, files.output, files.dtraj_dir);
}

}  // namespace nucleate::pipeline
