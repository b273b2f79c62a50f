// `nucleate cluster (--regspace DMIN | --kcenters K | --kmeans K | --grid SPEC)
// --cvs a,b [--scale a=1,b=0.1] INPUT... -o clusters.json --dtraj-dir DIR
// [--centers clusters.json] [--seed S] [--max-centers N] [--stride S]`:
// discretise CV time series (COLVAR or .npy) into states for an MSM. Writes
// the centres (JSON) and one discrete trajectory per input (text, one state
// per line, DIR/<input stem>.dtraj). With --centers, no clustering: frames
// are assigned to the saved centres (one decomposition reused across runs).
//
// Scaling: each CV is multiplied by its scale before distances are measured;
// centres are written in the CVs' own (unscaled) units. --stride S fits the
// centres on every S-th frame, but every frame is assigned (as PyEMMA's
// cluster_* stride does), so each discrete trajectory has one state per frame.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "cli/cluster_inputs.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "core/error.h"
#include "io/dtraj.h"
#include "io/trajectory_stem.h"
#include "msm/cluster_assign.h"
#include "msm/cluster_grid.h"
#include "msm/cluster_kcenters.h"
#include "msm/cluster_kmeans.h"
#include "msm/cluster_regspace.h"

namespace nucleate::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kCentersUnits =
    "centers are in the CVs' own units (unscaled); distances were measured after multiplying each "
    "CV by its "
    "scale";

struct ClusterOptions {
  std::vector<std::string> inputs;
  std::optional<double> regspace;
  std::optional<std::size_t> kcenters;
  std::optional<std::size_t> kmeans;
  std::string grid;
  std::string cvs;
  std::string scale;
  std::string output;
  std::string dtraj_dir;
  std::string centers;
  std::uint64_t seed = 0;
  std::optional<std::size_t> max_centers;
  std::size_t stride = 1;
  int threads = 0;
};

// A state decomposition: what clusters.json holds.
struct Model {
  std::string method;
  std::vector<std::string> cvs;
  std::vector<double> scale;          // one per CV
  msm::Points centers;                // unscaled, one row per state
  msm::Points scaled_centers;         // what distances are measured to
  std::vector<msm::GridAxis> grid;    // method "grid" only
  std::optional<std::uint64_t> seed;  // the methods that draw random numbers
  Json details = Json::object();      // method parameters and diagnostics
};

std::vector<std::string> split_list(const std::string& text, const char* option) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(',', start);
    std::string item =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (item.empty()) throw UsageError(fmt::format("{} '{}': an empty entry", option, text));
    items.push_back(std::move(item));
    if (end == std::string::npos) return items;
    start = end + 1;
  }
}

std::vector<std::string> parse_cvs(const std::string& text) {
  std::vector<std::string> cvs = split_list(text, "--cvs");
  std::set<std::string> seen;
  for (const auto& cv : cvs) {
    if (!seen.insert(cv).second) throw UsageError(fmt::format("--cvs: '{}' is given twice", cv));
  }
  return cvs;
}

// "a=1,b=0.1" -> one factor per CV (1 for those not named).
std::vector<double> parse_scale(const std::string& text, const std::vector<std::string>& cvs) {
  std::vector<double> scale(cvs.size(), 1.0);
  for (const std::string& item : split_list(text, "--scale")) {
    const auto equals = item.find('=');
    const std::string name = item.substr(0, equals);
    const auto it = std::find(cvs.begin(), cvs.end(), name);
    if (equals == std::string::npos || it == cvs.end()) {
      throw UsageError(fmt::format("--scale '{}': write CV=FACTOR for CVs of --cvs ({})", item,
                                   fmt::join(cvs, ",")));
    }
    const std::string number = item.substr(equals + 1);
    double factor = 0.0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), factor);
    if (error != std::errc() || end != number.data() + number.size() || !(factor > 0.0) ||
        !std::isfinite(factor)) {
      throw UsageError(fmt::format("--scale '{}': the factor must be a finite number > 0", item));
    }
    scale[static_cast<std::size_t>(it - cvs.begin())] = factor;
  }
  return scale;
}

msm::Points scaled(const msm::Points& points, const std::vector<double>& scale) {
  msm::Points out = points;
  for (Eigen::Index c = 0; c < out.cols(); ++c) out.col(c) *= scale[static_cast<std::size_t>(c)];
  return out;
}

// DIR/<stem>.dtraj, the stem without a .gz.
std::string dtraj_path(const std::string& dir, const std::string& input) {
  return (std::filesystem::path(dir) / io::trajectory_stem(input)).string() + ".dtraj";
}

// A clusters.json written by `nucleate cluster`.
Model load_model(const std::string& path) {
  const Json saved = read_json(path);
  auto fail = [&](const std::string& what) -> InputError {
    return InputError({path, {}, {}, {}},
                      what + " (expected a clusters.json written by nucleate cluster)");
  };
  try {
    Model m;
    m.method = saved.at("method").get<std::string>();
    m.cvs = saved.at("cvs").get<std::vector<std::string>>();
    m.scale = saved.at("scale").get<std::vector<double>>();
    if (m.scale.size() != m.cvs.size()) throw fail("'scale' and 'cvs' differ in length");
    const auto rows = saved.at("centers").get<std::vector<std::vector<double>>>();
    if (rows.empty()) throw fail("'centers' is empty");
    m.centers.resize(static_cast<Eigen::Index>(rows.size()),
                     static_cast<Eigen::Index>(m.cvs.size()));
    for (std::size_t s = 0; s < rows.size(); ++s) {
      if (rows[s].size() != m.cvs.size()) {
        throw fail(
            fmt::format("centre {} has {} values for {} CVs", s, rows[s].size(), m.cvs.size()));
      }
      for (std::size_t c = 0; c < rows[s].size(); ++c) {
        m.centers(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(c)) = rows[s][c];
      }
    }
    if (m.method == "grid") {
      for (const auto& axis : saved.at("grid")) {
        m.grid.push_back({axis.at("min").get<double>(), axis.at("max").get<double>(),
                          axis.at("bins").get<std::size_t>()});
      }
      if (m.grid.size() != m.cvs.size()) throw fail("'grid' and 'cvs' differ in length");
    }
    if (saved.contains("seed") && !saved["seed"].is_null())
      m.seed = saved["seed"].get<std::uint64_t>();
    m.scaled_centers = scaled(m.centers, m.scale);
    return m;
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's messages start with "[json.exception.type_error.302] ".
    const std::string what = e.what();
    const auto bracket = what.find("] ");
    throw fail(fmt::format("missing or wrong field: {}",
                           bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
}

class ClusterRun {
 public:
  explicit ClusterRun(const ClusterOptions& options) : options_(options) {}

  void run() {
    check_options();
    const std::vector<std::string> cvs = parse_cvs(options_.cvs);
    std::optional<Model> model;
    std::vector<double> scale;
    if (!options_.centers.empty()) {
      model = load_model(options_.centers);
      check_saved(*model, cvs);
      scale = model->scale;
    } else {
      scale = options_.scale.empty() ? std::vector<double>(cvs.size(), 1.0)
                                     : parse_scale(options_.scale, cvs);
    }
    std::vector<std::string> dtrajs;
    std::set<std::string> unique;
    for (const auto& input : options_.inputs) {
      dtrajs.push_back(dtraj_path(options_.dtraj_dir, input));
      if (!unique.insert(dtrajs.back()).second) {
        throw UsageError(fmt::format(
            "two inputs would both write {}: give inputs distinct file names", dtrajs.back()));
      }
    }
    std::vector<msm::Points> raw;
    for (const auto& input : options_.inputs) {
      raw.push_back(read_cv_columns(input, cvs));
      if (raw.back().rows() == 0) throw InputError({input, {}, {}, {}}, "no frames");
    }
    if (!model) model = fit(raw, cvs, scale);
    const std::vector<msm::Labels> labels = assign(*model, raw);
    std::filesystem::create_directories(options_.dtraj_dir);
    for (std::size_t t = 0; t < raw.size(); ++t)
      io::write_discrete_trajectory(dtrajs[t], labels[t]);
    write_json(*model, raw, dtrajs);
    report(*model, raw);
  }

 private:
  void check_options() const {
    const int methods = (options_.regspace ? 1 : 0) + (options_.kcenters ? 1 : 0) +
                        (options_.kmeans ? 1 : 0) + (options_.grid.empty() ? 0 : 1);
    if (!options_.centers.empty()) {
      if (methods > 0) {
        throw UsageError(
            "--centers assigns frames to saved centres: give no clustering method with it");
      }
      if (options_.max_centers)
        throw UsageError("--max-centers applies to --regspace, not to --centers");
      if (options_.stride != 1) {
        throw UsageError("--stride chooses the frames a clustering is fit on: --centers fits none");
      }
      return;
    }
    if (methods != 1) {
      throw UsageError(
          fmt::format("give {} of --regspace DMIN, --kcenters K, --kmeans K, --grid SPEC (or "
                      "--centers clusters.json to reuse saved centres)",
                      methods == 0 ? "one" : "only one"));
    }
    if (options_.max_centers && !options_.regspace)
      throw UsageError("--max-centers applies to --regspace only");
    if (!options_.grid.empty() && !options_.scale.empty()) {
      throw UsageError("--scale does not apply to --grid: give the grid in the CVs' own units");
    }
  }

  void check_saved(const Model& m, const std::vector<std::string>& cvs) const {
    if (m.cvs != cvs) {
      throw UsageError(fmt::format("--cvs {} differ from the CVs of the saved centres in {} ({})",
                                   fmt::join(cvs, ","), options_.centers, fmt::join(m.cvs, ",")));
    }
    if (!options_.scale.empty() && parse_scale(options_.scale, cvs) != m.scale) {
      throw UsageError(
          fmt::format("--scale {} differs from the scaling of the saved centres in {} ({}); omit "
                      "--scale to use the saved one",
                      options_.scale, options_.centers, fmt::join(m.scale, ",")));
    }
  }

  // Row r of the fit set is frame frames_[r].second of input frames_[r].first.
  Model fit(const std::vector<msm::Points>& raw, const std::vector<std::string>& cvs,
            const std::vector<double>& scale) {
    Model m;
    m.cvs = cvs;
    m.scale = scale;
    if (!options_.grid.empty()) {
      m.method = "grid";
      m.grid = msm::parse_grid_spec(options_.grid);
      if (m.grid.size() != cvs.size()) {
        throw UsageError(fmt::format(
            "--grid '{}' gives {} axes for {} CVs (one min:max:nbins per CV, separated by "
            "commas)",
            options_.grid, m.grid.size(), cvs.size()));
      }
      m.centers = msm::RegularGrid(m.grid).centers();
      m.scaled_centers = m.centers;
      return m;
    }
    std::vector<msm::Points> strided;
    for (std::size_t t = 0; t < raw.size(); ++t) {
      const msm::Points s = scaled(raw[t], scale);
      msm::Points kept((s.rows() + static_cast<Eigen::Index>(options_.stride) - 1) /
                           static_cast<Eigen::Index>(options_.stride),
                       s.cols());
      for (Eigen::Index i = 0, r = 0; i < s.rows();
           i += static_cast<Eigen::Index>(options_.stride), ++r) {
        kept.row(r) = s.row(i);
        frames_.emplace_back(t, static_cast<std::size_t>(i));
      }
      strided.push_back(std::move(kept));
    }
    const msm::PointSet set = msm::PointSet::stack(strided);
    fitted_frames_ = static_cast<std::size_t>(set.points.rows());
    std::vector<std::size_t> rows;
    if (options_.regspace) {
      m.method = "regspace";
      const std::size_t max_centers = options_.max_centers.value_or(1000);
      const msm::RegularSpaceResult r =
          msm::regular_space(set.points, *options_.regspace, max_centers);
      rows = r.center_rows;
      m.details["dmin"] = *options_.regspace;
      m.details["max_centers"] = max_centers;
      m.details["max_centers_reached"] = r.max_centers_reached_at.has_value();
      if (r.max_centers_reached_at) {
        const auto [t, frame] = frames_[*r.max_centers_reached_at];
        std::fprintf(
            stderr,
            "nucleate cluster: warning: the maximum number of centres (%zu) was reached at frame "
            "%zu of "
            "%s: from there on, frames farther than dmin from every centre did not become centres "
            "(deeptime does the same). Increase --max-centers or --regspace DMIN.\n",
            max_centers, frame, options_.inputs[t].c_str());
      }
    } else if (options_.kcenters) {
      m.method = "kcenters";
      m.seed = options_.seed;
      const msm::KCentersResult r = msm::k_centers(set.points, *options_.kcenters, options_.seed);
      rows = r.center_rows;
      m.details["k"] = *options_.kcenters;
      m.details["radius"] = r.radius;
    } else {
      m.method = "kmeans";
      m.seed = options_.seed;
      msm::KMeansOptions k;
      k.k = *options_.kmeans;
      k.seed = options_.seed;
      const msm::KMeansResult r = msm::k_means(set.points, k);
      m.details["k"] = k.k;
      m.details["tolerance"] = k.tolerance;
      m.details["max_iterations"] = k.max_iterations;
      m.details["iterations"] = r.iterations;
      m.details["converged"] = r.converged;
      m.details["inertia"] = r.inertia;
      m.details["empty_clusters"] = r.empty_clusters;
      if (!r.converged) {
        std::fprintf(stderr,
                     "nucleate cluster: warning: k-means did not reach its tolerance (relative "
                     "change of the "
                     "inertia <= %g) in %d iterations\n",
                     k.tolerance, k.max_iterations);
      }
      if (r.empty_clusters > 0) {
        std::fprintf(stderr,
                     "nucleate cluster: warning: %zu k-means cluster%s ended empty (kept where it "
                     "was): %s\n",
                     r.empty_clusters, r.empty_clusters == 1 ? "" : "s",
                     "its state holds no fitted frame");
      }
      m.scaled_centers = r.centers;
      m.centers = r.centers;
      for (Eigen::Index c = 0; c < m.centers.cols(); ++c)
        m.centers.col(c) /= scale[static_cast<std::size_t>(c)];
      return m;
    }
    // Regspace and k-centers pick frames as centres: copy them unscaled from
    // the input, exactly as read.
    m.centers.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cvs.size()));
    m.scaled_centers.resize(m.centers.rows(), m.centers.cols());
    for (std::size_t s = 0; s < rows.size(); ++s) {
      const auto [t, frame] = frames_[rows[s]];
      m.centers.row(static_cast<Eigen::Index>(s)) = raw[t].row(static_cast<Eigen::Index>(frame));
      m.scaled_centers.row(static_cast<Eigen::Index>(s)) =
          set.points.row(static_cast<Eigen::Index>(rows[s]));
    }
    return m;
  }

  std::vector<msm::Labels> assign(const Model& m, const std::vector<msm::Points>& raw) const {
    if (m.method == "grid") {
      const msm::PointSet all = msm::PointSet::stack(raw);
      try {
        return all.split(msm::RegularGrid(m.grid).assign(all.points));
      } catch (const msm::OutsideGridError& e) {
        const auto [t, frame] = all.locate(e.row);
        const msm::GridAxis& g = m.grid[e.axis];
        throw InputError(
            {options_.inputs[t], static_cast<std::int64_t>(frame), {}, {}},
            fmt::format("{} = {} is outside the grid's range [{}, {}] (points outside are not "
                        "clamped: widen --grid)",
                        m.cvs[e.axis], e.value, g.min, g.max));
      }
    }
    std::vector<msm::Points> scaled_inputs;
    for (const auto& r : raw) scaled_inputs.push_back(scaled(r, m.scale));
    const msm::PointSet all = msm::PointSet::stack(scaled_inputs);
    return all.split(msm::assign_to_centers(all.points, m.scaled_centers));
  }

  void write_json(const Model& m, const std::vector<msm::Points>& raw,
                  const std::vector<std::string>& dtrajs) const {
    Json out;
    out["method"] = m.method;
    out["cvs"] = m.cvs;
    out["scale"] = m.scale;
    out["centers_units"] = kCentersUnits;
    out["n_states"] = m.centers.rows();
    Json centers = Json::array();
    for (Eigen::Index s = 0; s < m.centers.rows(); ++s) {
      centers.push_back(std::vector<double>(m.centers.row(s).begin(), m.centers.row(s).end()));
    }
    out["centers"] = std::move(centers);
    out["seed"] = m.seed ? Json(*m.seed) : Json();
    if (m.method == "grid") {
      Json axes = Json::array();
      for (std::size_t a = 0; a < m.grid.size(); ++a) {
        axes.push_back({{"cv", m.cvs[a]},
                        {"min", m.grid[a].min},
                        {"max", m.grid[a].max},
                        {"bins", m.grid[a].bins}});
      }
      out["grid"] = std::move(axes);
    }
    for (const auto& [key, value] : m.details.items()) out[key] = value;
    if (!options_.centers.empty()) {
      out["centers_from"] = options_.centers;
    } else if (m.method != "grid") {
      out["stride"] = options_.stride;
    }
    Json inputs = Json::array();
    for (std::size_t t = 0; t < raw.size(); ++t) {
      inputs.push_back(
          {{"file", options_.inputs[t]}, {"frames", raw[t].rows()}, {"dtraj", dtrajs[t]}});
    }
    out["inputs"] = std::move(inputs);
    std::ofstream file(options_.output);
    file << out.dump(2) << '\n';
    file.close();
    if (!file) throw Error(fmt::format("{}: cannot write", options_.output));
  }

  void report(const Model& m, const std::vector<msm::Points>& raw) const {
    std::size_t frames = 0;
    for (const auto& r : raw) frames += static_cast<std::size_t>(r.rows());
    const std::string inputs =
        fmt::format("{} frame{} of {} input{}", frames, frames == 1 ? "" : "s", raw.size(),
                    raw.size() == 1 ? "" : "s");
    if (!options_.centers.empty()) {
      std::fprintf(stderr,
                   "nucleate cluster: %s assigned to the %td saved %s states of %s -> %s; discrete "
                   "trajectories in %s\n",
                   inputs.c_str(), m.centers.rows(), m.method.c_str(), options_.centers.c_str(),
                   options_.output.c_str(), options_.dtraj_dir.c_str());
    } else {
      const std::string fitted = m.method == "grid" || fitted_frames_ == frames
                                     ? std::string()
                                     : fmt::format(" (fit on {})", fitted_frames_);
      std::fprintf(
          stderr, "nucleate cluster: %s: %td states from %s%s -> %s; discrete trajectories in %s\n",
          m.method.c_str(), m.centers.rows(), inputs.c_str(), fitted.c_str(),
          options_.output.c_str(), options_.dtraj_dir.c_str());
    }
  }

  const ClusterOptions& options_;
  std::vector<std::pair<std::size_t, std::size_t>> frames_;  // fit row -> (input, frame)
  std::size_t fitted_frames_ = 0;
};

}  // namespace

void add_cluster_command(CLI::App& app) {
  auto options = std::make_shared<ClusterOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cluster",
      "Discretise CV time series into states for an MSM (regspace, k-centers, k-means, grid)");
  cmd->add_option("inputs", options->inputs,
                  "CV files: PLUMED COLVAR (columns by name) or .npy (by index)")
      ->required();
  cmd->add_option("--regspace", options->regspace,
                  "Regular space clustering: a frame farther than DMIN from every centre becomes "
                  "one (deeptime)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--kcenters", options->kcenters, "k-centers (farthest point) with K centres")
      ->check(kPositive);
  cmd->add_option("--kmeans", options->kmeans, "k-means with k-means++ seeding, K clusters")
      ->check(kPositive);
  cmd->add_option("--grid", options->grid, "Regular grid: min:max:nbins per CV, comma-separated");
  cmd->add_option("--cvs", options->cvs,
                  "CVs to cluster on, comma-separated (names; 0-based indices for .npy)")
      ->required();
  cmd->add_option("--scale", options->scale,
                  "Multiply CVs before measuring distances, e.g. a=1,b=0.1 (default 1)");
  cmd->add_option("-o,--output", options->output, "Centres and parameters (JSON)")->required();
  cmd->add_option("--dtraj-dir", options->dtraj_dir,
                  "Directory for the discrete trajectories (one <input stem>.dtraj per input)")
      ->required();
  cmd->add_option("--centers", options->centers,
                  "Assign to the centres of this clusters.json instead of clustering");
  cmd->add_option("--seed", options->seed, "Seed of k-centers and k-means (default 0)");
  cmd->add_option("--max-centers", options->max_centers,
                  "Regspace: at most N centres (default 1000, as deeptime)")
      ->check(kPositive);
  cmd->add_option("--stride", options->stride, "Fit on every S-th frame (all frames are assigned)")
      ->default_val(1)
      ->check(kPositive);
  cmd->add_option("--threads", options->threads,
                  "OpenMP threads (default: OMP_NUM_THREADS or all cores)")
      ->check(kPositive);
  cmd->callback([options] {
    if (options->threads > 0) omp_set_num_threads(options->threads);
    ClusterRun(*options).run();
  });
}

}  // namespace nucleate::cli
