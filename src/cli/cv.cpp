// `nucleate cv (--preset NAME | -c FILE.toml) TRAJ... -o OUT [--top FILE]
// [--per-atom FILE.extxyz] [--begin B] [--end E] [--stride S] [--threads N]`:
// per-frame collective variables as PLUMED COLVAR. One trajectory writes OUT;
// several write one COLVAR each into OUT when it is a directory (or ends in
// '/'), else all into OUT with a `traj` index column.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/error.h"
#include "cv/cluster_size_distribution.h"
#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "io/colvar.h"
#include "io/formats.h"
#include "io/topology_input.h"
#include "io/trajectory_stem.h"

namespace nucleate::cli {
namespace {

struct CvOptions {
  std::string preset;
  std::string config;
  std::vector<std::string> trajectories;
  std::string output;
  std::string topology;
  std::string per_atom;
  std::vector<std::string> groups;  // NAME=SELECTION overrides
  std::string cluster_sizes;        // JSON output of the size distributions
  std::optional<double> timestep;   // time = step x timestep, for inputs that store no time
  std::size_t begin = 0;
  std::optional<std::size_t> end;
  std::size_t stride = 1;
  int threads = 0;
};

cv::CvDefinition load_definition(const CvOptions& options) {
  cv::CvDefinition definition =
      cv::load_cv_definition(options.preset, options.config, "--preset NAME or -c FILE.toml");
  for (const std::string& text : options.groups) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
      throw UsageError(
          fmt::format("--group '{}': write NAME=SELECTION, e.g. oxygen=\"type 1\"", text));
    }
    cv::replace_group_selection(definition, text.substr(0, equals), text.substr(equals + 1));
  }
  return definition;
}

bool output_is_directory(const std::string& output) {
  return output.ends_with('/') || std::filesystem::is_directory(output);
}

// Where each trajectory's rows go: its own file, or a shared one.
std::string colvar_path(const CvOptions& options, const std::string& trajectory) {
  if (options.trajectories.size() == 1 || !output_is_directory(options.output))
    return options.output;
  std::filesystem::create_directories(options.output);
  return (std::filesystem::path(options.output) / io::trajectory_stem(trajectory)).string() +
         ".colvar";
}

// One distribution per clustering, over every frame of every trajectory.
void write_cluster_sizes(const std::string& path,
                         const std::map<std::string, cv::ClusterSizeDistribution>& found) {
  nlohmann::json out;
  out["definition"] =
      "n = mean number of clusters of N members per frame; p = n / sum n; n_p = N p (Finney & "
      "Salvalaglio "
      "2022 plot N p(N))";
  for (const auto& [column, d] : found) {
    out["columns"][column] = {{"frames", d.frames()},
                              {"size", d.sizes()},
                              {"n", d.mean_count_per_frame()},
                              {"p", d.probability()},
                              {"n_p", d.size_times_probability()}};
  }
  std::ofstream file(path);
  file << out.dump(2) << '\n';
  if (!file) throw InputError({path, {}, {}, {}}, "cannot write the cluster-size distribution");
}

// The outputs of one `nucleate cv` call, shared by its trajectories.
class CvRun {
 public:
  explicit CvRun(const CvOptions& options)
      : options_(options),
        definition_(load_definition(options)),
        shared_file_(options.trajectories.size() > 1 && !output_is_directory(options.output)) {
    const bool clusters =
        std::any_of(definition_.columns.begin(), definition_.columns.end(),
                    [](const cv::Column& c) { return c.reduce == cv::Reduction::largest_cluster; });
    if (!options.cluster_sizes.empty() && !clusters) {
      throw UsageError(
          fmt::format("--cluster-sizes: {} has no largest_cluster column", definition_.source));
    }
  }

  void run() {
    for (std::size_t t = 0; t < options_.trajectories.size(); ++t) run_trajectory(t);
    close_outputs();
    if (!options_.cluster_sizes.empty()) {
      std::fprintf(stderr, "nucleate cv: cluster-size distribution over %zu frames -> %s\n",
                   total_frames_, options_.cluster_sizes.c_str());
    }
  }

 private:
  void run_trajectory(std::size_t t) {
    const std::string& path = options_.trajectories[t];
    auto reader = io::open_trajectory(path);
    std::optional<cv::CvEngine> engine;
    std::optional<io::Topology> topology;
    std::size_t frames = 0;
    Progress progress(path);
    const std::string out_path = colvar_path(options_, path);
    if (!shared_file_) colvar_.reset();
    const io::FrameRange range{options_.begin, options_.end, options_.stride};
    try {
      io::for_each_frame(*reader, range, [&](std::size_t index, const io::Frame& frame) {
        if (!engine) {
          topology = io::topology_or_blank(*reader, options_.topology, frame.atom_count());
          engine.emplace(definition_, *topology);
          if (!colvar_) open_colvar(*engine, *reader, path, out_path);
        }
        try {
          write_frame(*engine, frame, *topology, t);
        } catch (const InputError&) {
          throw;
        } catch (const Error& e) {
          throw InputError({path, static_cast<std::int64_t>(index), {}, {}}, e.what());
        }
        progress.update(++frames);
      });
    } catch (const InputError& e) {
      // Rows already computed stay: close the files, then report.
      close_outputs();
      if (frames == 0) throw;
      throw InputError(e.where(), fmt::format("{} ({} frame{} before it written to {})", e.reason(),
                                              frames, frames == 1 ? "" : "s", out_path));
    }
    if (frames == 0) {
      throw UsageError(fmt::format("{}: no frame in the requested range (begin {}, stride {})",
                                   path, options_.begin, options_.stride));
    }
    if (!shared_file_) colvar_->close();
    std::fprintf(stderr, "nucleate cv: %zu frame%s of %s -> %s\n", frames, frames == 1 ? "" : "s",
                 path.c_str(), out_path.c_str());
    total_frames_ += frames;
  }

  void open_colvar(const cv::CvEngine& engine, const io::TrajectoryReader& reader,
                   const std::string& path, const std::string& out_path) {
    std::vector<std::string> fields{"time"};
    if (shared_file_) fields.emplace_back("traj");
    for (auto& name : engine.column_names()) fields.push_back(name);
    std::vector<std::string> comments = engine.describe();
    comments.push_back(fmt::format("lengths in {} (as {} stores them)",
                                   io::to_string(reader.length_unit()), reader.format_name()));
    comments.push_back(shared_file_ ? "traj: 0-based index of the trajectory in the command line"
                                    : fmt::format("trajectory: {}", path));
    colvar_ = std::make_unique<io::ColvarWriter>(out_path, fields, comments);
  }

  void write_frame(const cv::CvEngine& engine, const io::Frame& frame, const io::Topology& topology,
                   std::size_t trajectory) {
    std::vector<io::ExtraColumn> atoms;
    std::vector<cv::ClusterSizes> sizes;
    const std::vector<double> values =
        engine.evaluate(frame, options_.per_atom.empty() ? nullptr : &atoms,
                        options_.cluster_sizes.empty() ? nullptr : &sizes);
    std::vector<double> row{options_.timestep ? static_cast<double>(frame.step) * *options_.timestep
                                              : frame.time};
    if (shared_file_) row.push_back(static_cast<double>(trajectory));
    row.insert(row.end(), values.begin(), values.end());
    colvar_->write_row(row);
    for (const auto& s : sizes) distributions_[s.column].add_frame(s.histogram);
    if (!options_.per_atom.empty()) {
      if (!per_atom_) per_atom_ = io::create_writer(options_.per_atom, {});
      io::Frame annotated = frame;
      annotated.extra = std::move(atoms);
      per_atom_->write(annotated, &topology);
    }
  }

  void close_outputs() {
    if (colvar_) colvar_->close();
    if (per_atom_) per_atom_->close();
    if (!options_.cluster_sizes.empty())
      write_cluster_sizes(options_.cluster_sizes, distributions_);
  }

  const CvOptions& options_;
  const cv::CvDefinition definition_;
  const bool shared_file_;
  std::unique_ptr<io::ColvarWriter> colvar_;
  std::unique_ptr<io::TrajectoryWriter> per_atom_;
  std::map<std::string, cv::ClusterSizeDistribution> distributions_;
  std::size_t total_frames_ = 0;
};

}  // namespace

void add_cv_command(CLI::App& app) {
  auto options = std::make_shared<CvOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cv", "Per-frame collective variables (order parameters, clusters) as PLUMED COLVAR");
  cmd->add_option("trajectories", options->trajectories, "Trajectories (any readable format)")
      ->required();
  cmd->add_option("--preset", options->preset,
                  fmt::format("A shipped CV definition: {}", fmt::join(cv::preset_names(), ", ")));
  cmd->add_option("-c,--config", options->config, "A CV definition file (TOML; see the README)");
  cmd->add_option(
         "-o,--output", options->output,
         "COLVAR file; with several trajectories a directory (one COLVAR each) or one file "
         "with a traj column")
      ->required();
  cmd->add_option("--top", options->topology,
                  "Topology for names (gro, pdb, LAMMPS data or dump, xyz)");
  cmd->add_option("--group", options->groups,
                  "Replace a group's selection, NAME=SELECTION (repeatable), e.g. --group "
                  "oxygen=\"type 1\"");
  cmd->add_option("--per-atom", options->per_atom,
                  "Also write every per-atom quantity as extended XYZ (for OVITO, ASE)");
  cmd->add_option(
      "--cluster-sizes", options->cluster_sizes,
      "Also write the cluster-size distribution over all frames (JSON: size, n, p, n_p)");
  cmd->add_option(
         "--timestep", options->timestep,
         "Time of one MD step; the time column becomes step x DT (for LAMMPS dumps without "
         "ITEM: TIME, whose time is the step)")
      ->check(kPositive);
  cmd->add_option("--begin", options->begin, "First frame (0-based index)")->default_val(0);
  cmd->add_option("--end", options->end, "Stop before this frame (0-based index; default: all)");
  cmd->add_option("--stride", options->stride, "Every S-th frame")
      ->default_val(1)
      ->check(kPositive);
  cmd->add_option("--threads", options->threads,
                  "OpenMP threads (default: OMP_NUM_THREADS or all cores)")
      ->check(kPositive);
  cmd->callback([options] {
    if (options->threads > 0) omp_set_num_threads(options->threads);
    CvRun(*options).run();
  });
}

}  // namespace nucleate::cli
