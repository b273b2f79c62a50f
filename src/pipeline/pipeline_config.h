#pragma once
// PIPELINE.toml: what `nucleate run` does, stage by stage. Each key sets one
// option of a stage, with the name, default, checks and meaning that option
// has on the command line and in Python (the library's option tables), so a
// user can move between the pipeline and the commands without relearning
// anything.
//
//   name = "lj-nucleation"
//   [input]    trajectories = ["trajectories/*.xtc"]   (globs, relative to the file)
//              topology (cv's top), timestep, time_unit = "ps", length_unit = "nm" (tpt's)
//   [cv]       preset = "lj-tenwolde" | config = "cv.toml", groups = ["solid=..."], begin, end,
//              stride, threads
//   [cluster]  method, cvs, k, dmin, max_centers, grid = ["0:1:20", ...], scale = "a=1,b=0.1",
//              seed, stride
//   [msm]      lag, dt (default: from the COLVAR time column), nonreversible, tolerance,
//              connectivity_threshold, eigenvalues; its_lags (its's lags), nits (its and bayes),
//              samples and seed (its, bayes, cktest; seed also tpt's), ck_mlags (cktest's mlags)
//   [pcca]     sets
//   [tpt]      source | source_region | source_macro, sink | sink_region | sink_macro,
//              coarse_sets, through, flux_fraction, max_pathways, band, samples, rate_time,
//              volume (a number in length_unit^3, or the mean box volume over the frames in
//              the source states, "source", the default, or over all frames, "all")
//   [report]   cvs = ["a", "b"] (the FES plane; default: the cluster CVs), enabled = true

#include <string>
#include <vector>

#include "cv/trajectory_cvs.h"
#include "msm/bayesian_file.h"
#include "msm/ck_test.h"
#include "msm/its_scan.h"
#include "msm/model_file.h"
#include "msm/pcca_file.h"
#include "msm/state_decomposition.h"
#include "tpt/tpt_analysis.h"

namespace nucleate::pipeline {

struct PipelineConfig {
  std::string file;      ///< the TOML file
  std::string base_dir;  ///< relative paths inside it are relative to this
  std::string name;
  std::vector<std::string> trajectories;  ///< globs expanded, sorted per pattern

  cv::CvOptions cv;
  msm::StateDecompositionOptions cluster;
  msm::MsmEstimateOptions msm;  ///< dt unset: the COLVAR files' frame spacing
  msm::ItsOptions its;
  msm::BayesianMsmOptions bayes;
  msm::PccaOptions pcca;
  msm::CkOptions cktest;
  tpt::TptOptions tpt;

  std::vector<std::string> report_cvs;
  bool report = true;
};

/// InputError naming the file and line of anything missing, misspelt or out
/// of range; UsageError when a trajectory pattern matches nothing.
PipelineConfig read_pipeline_config(const std::string& path);

}  // namespace nucleate::pipeline
