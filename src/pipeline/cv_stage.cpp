#include "pipeline/cv_stage.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "core/error.h"
#include "core/json.h"
#include "cv/crystal_cluster_sizes.h"
#include "io/colvar.h"
#include "io/formats.h"
#include "io/trajectory_stem.h"
#include "io/trajectory_writer.h"
#include "pipeline/cv_resume.h"

namespace nucleate::pipeline {
namespace {

bool output_is_directory(const std::string& output) {
  return output.ends_with('/') || std::filesystem::is_directory(output);
}

// One distribution per clustering, over every frame of every trajectory.
void write_cluster_sizes(const std::string& path,
                         const std::map<std::string, cv::CrystalClusterSizeDistribution>& found) {
  Json out;
  out["definition"] =
      "n = mean number of clusters of N members per frame; p = n / sum n; n_p = N p (Finney & "
      "Salvalaglio 2022 plot N p(N))";
  for (const auto& [column, d] : found) {
    out["columns"][column] = {{"frames", d.frames()},
                              {"size", d.sizes()},
                              {"n", d.mean_count_per_frame()},
                              {"p", d.probability()},
                              {"n_p", d.size_times_probability()}};
  }
  write_json_file(path, out, 2);
}

// The outputs of one run, shared by its trajectories.
class CvRun {
 public:
  CvRun(const cv::CvOptions& options, const CvFiles& files,
        std::function<void(const std::string&, std::size_t)> progress)
      : options_(options),
        files_(files),
        definition_(cv::cv_definition(options)),
        shared_file_(files.trajectories.size() > 1 && !output_is_directory(files.output)),
        outputs_(colvar_outputs(files.trajectories, files.output)),
        progress_(std::move(progress)) {
    const bool clusters =
        std::any_of(definition_.columns.begin(), definition_.columns.end(),
                    [](const cv::Column& c) { return c.reduce == cv::Reduction::largest_cluster; });
    if (!files.cluster_sizes.empty() && !clusters) {
      throw UsageError(
          fmt::format("--cluster-sizes: {} has no largest_cluster column", definition_.source));
    }
    if (!files.resume_record.empty()) {
      if (shared_file_ || !files.per_atom.empty() || !files.cluster_sizes.empty()) {
        throw UsageError(
            "--resume needs one COLVAR per trajectory (-o a folder) and no --per-atom or "
            "--cluster-sizes, which gather every trajectory into one file");
      }
      resume_.emplace(files.resume_record, files.resume_key);
    }
  }

  CvResult run() {
    for (std::size_t t = 0; t < files_.trajectories.size(); ++t) {
      const auto done = resume_ ? resume_->finished_frames(outputs_[t]) : std::nullopt;
      if (done) {
        result_.trajectories.push_back({files_.trajectories[t], outputs_[t], *done});
        result_.frames += *done;
        ++result_.resumed;
        continue;
      }
      run_trajectory(t);
      if (resume_) resume_->add(outputs_[t], result_.trajectories.back().frames);
    }
    close_outputs();
    if (resume_) resume_->remove();
    return result_;
  }

 private:
  void run_trajectory(std::size_t t) {
    const std::string& path = files_.trajectories[t];
    const std::string& out_path = outputs_[t];
    if (!shared_file_) colvar_.reset();
    std::size_t frames = 0;
    cv::FrameCvsRequest request;
    request.per_atom = !files_.per_atom.empty();
    request.cluster_sizes = !files_.cluster_sizes.empty();
    request.on_start = [&](const cv::CvEngine& engine, const io::TrajectoryReader& reader,
                           const io::Topology& topology) {
      topology_ = topology;
      if (!colvar_) open_colvar(engine, reader, path, out_path);
    };
    request.on_frame = [&](const cv::FrameCvs& f) {
      write_frame(f, t);
      ++frames;
      if (progress_) progress_(path, frames);
    };
    try {
      cv::evaluate_trajectory(definition_, path, options_, request);
    } catch (const InputError& e) {
      // Rows already computed stay: close the files, then report.
      close_outputs();
      if (frames == 0) throw;
      throw InputError(e.where(), fmt::format("{} ({} frame{} before it written to {})", e.reason(),
                                              frames, frames == 1 ? "" : "s", out_path));
    }
    if (!shared_file_) colvar_->close();
    result_.trajectories.push_back({path, out_path, frames});
    result_.frames += frames;
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
    if (!shared_file_ && files_.trajectories.size() > 1) {
      std::filesystem::create_directories(std::filesystem::path(out_path).parent_path());
    }
    colvar_ = std::make_unique<io::ColvarWriter>(out_path, fields, comments);
  }

  void write_frame(const cv::FrameCvs& f, std::size_t trajectory) {
    std::vector<double> row{f.time};
    if (shared_file_) row.push_back(static_cast<double>(trajectory));
    row.insert(row.end(), f.values.begin(), f.values.end());
    colvar_->write_row(row);
    for (const auto& s : f.cluster_sizes) distributions_[s.column].add_frame(s.histogram);
    if (!files_.per_atom.empty()) {
      if (!per_atom_) per_atom_ = io::create_writer(files_.per_atom, {});
      io::Frame annotated = *f.frame;
      annotated.extra = f.per_atom;
      per_atom_->write(annotated, &*topology_);
    }
  }

  void close_outputs() {
    if (colvar_) colvar_->close();
    if (per_atom_) per_atom_->close();
    if (!files_.cluster_sizes.empty()) write_cluster_sizes(files_.cluster_sizes, distributions_);
  }

  const cv::CvOptions& options_;
  const CvFiles& files_;
  const cv::CvDefinition definition_;
  const bool shared_file_;
  const std::vector<std::string> outputs_;
  std::function<void(const std::string&, std::size_t)> progress_;
  std::optional<io::Topology> topology_;
  std::unique_ptr<io::ColvarWriter> colvar_;
  std::unique_ptr<io::TrajectoryWriter> per_atom_;
  std::map<std::string, cv::CrystalClusterSizeDistribution> distributions_;
  std::optional<CvResumeRecord> resume_;
  CvResult result_;
};

}  // namespace

std::vector<std::string> colvar_outputs(const std::vector<std::string>& trajectories,
                                        const std::string& output) {
  std::vector<std::string> out;
  for (const auto& t : trajectories) {
    if (trajectories.size() == 1 || !output_is_directory(output)) {
      out.push_back(output);
    } else {
      out.push_back((std::filesystem::path(output) / io::trajectory_stem(t)).string() + ".colvar");
    }
  }
  return out;
}

CvResult run_cv(const cv::CvOptions& options, const CvFiles& files,
                const std::function<void(const std::string&, std::size_t)>& progress) {
  return CvRun(options, files, progress).run();
}

}  // namespace nucleate::pipeline
