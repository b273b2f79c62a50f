#pragma once
// PIPELINE.toml: what `nucleate run` does, stage by stage. Every setting has
// the name of the single command's option it becomes, so a user can move
// between the pipeline and the commands without relearning anything.
//
//   name = "lj-nucleation"
//   [input]    trajectories = ["trajectories/*.xtc"]   (globs, relative to the file)
//              topology, timestep, time_unit = "ps", length_unit = "nm"
//   [cv]       preset = "lj-tenwolde" | config = "cv.toml", groups = ["solid=..."], stride, begin,
//   threads [cluster]  method = "kmeans" | "kcenters" | "regspace" | "grid", cvs = ["a", "b"],
//              k (kmeans/kcenters), dmin (regspace), grid = ["0:1:20", ...], scale = "a=1,b=0.1",
//              seed
//   [msm]      lag, dt (default: from the COLVAR time column), its_lags, nits, samples, seed,
//   ck_mlags [pcca]     sets [tpt]      source | source_region | source_macro, sink | sink_region |
//   sink_macro,
//              flux_fraction, band, samples, volume (a number in length_unit^3, or the mean
//              box volume over the frames in the source states, "source", the default, or over
//              all frames, "all"), rate_time, through = ["name=expr"]
//   [report]   cvs = ["a", "b"] (the FES plane; default: the cluster CVs), enabled = true

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nucleate::pipeline {

struct PipelineConfig {
  std::string file;      ///< the TOML file
  std::string base_dir;  ///< relative paths inside it are relative to this
  std::string name;

  std::vector<std::string> trajectories;  ///< globs expanded, sorted per pattern
  std::string topology;
  std::optional<double> timestep;
  std::string time_unit = "ps";
  std::string length_unit = "nm";

  std::string cv_preset;
  std::string cv_config;
  std::vector<std::string> cv_groups;
  std::size_t cv_stride = 1;
  std::size_t cv_begin = 0;  ///< first frame of every trajectory to use (skips equilibration)
  std::optional<std::size_t> cv_threads;

  std::string cluster_method = "kmeans";
  std::vector<std::string> cluster_cvs;
  std::optional<std::size_t> cluster_k;
  std::optional<double> cluster_dmin;
  std::vector<std::string> cluster_grid;
  std::string cluster_scale;
  std::uint64_t cluster_seed = 1;

  std::size_t lag = 1;
  std::optional<double> dt;
  std::vector<std::size_t> its_lags;
  std::size_t nits = 5;
  std::size_t samples = 100;
  std::size_t ck_mlags = 5;
  std::uint64_t msm_seed = 1;  ///< Bayesian sampling in its, bayes, cktest and tpt

  std::size_t macrostates = 2;

  std::string source;
  std::string source_region;
  std::string source_macro;
  std::string sink;
  std::string sink_region;
  std::string sink_macro;
  double flux_fraction = 0.95;
  std::vector<double> band{0.4, 0.6};
  std::size_t tpt_samples = 100;
  std::optional<double> volume;        ///< given; else averaged over volume_over's frames
  std::string volume_over = "source";  ///< "source" or "all" (`nucleate tpt --volume-over`)
  std::string rate_time = "mfpt";
  std::vector<std::string> through;

  std::vector<std::string> report_cvs;
  bool report = true;
};

/// InputError naming the file and line of anything missing, misspelt or out
/// of range; UsageError when a trajectory pattern matches nothing.
PipelineConfig read_pipeline_config(const std::string& path);

}  // namespace nucleate::pipeline
