#pragma once
// OUTDIR/summary.json: every headline number of a `nucleate run` with its
// interval, built from the results of the stages (held in memory, or read
// back through the library's own formats for stages that were up to date),
// and the headline text printed at the end.

#include <string>

#include "core/json.h"
#include "msm/bayesian_msm.h"
#include "msm/model_file.h"
#include "msm/state_decomposition.h"
#include "pipeline/pipeline_config.h"
#include "tpt/tpt_analysis.h"

namespace nucleate::pipeline {

/// What the summary is made of.
struct RunResults {
  std::size_t frames = 0;  ///< frames clustered, over all trajectories
  msm::StateDecomposition states;
  msm::SavedModel model;
  msm::BayesianTrajectoryModel bayes;
  tpt::TptResult tpt;
};

Json build_summary(const PipelineConfig& config, const RunResults& results);

/// The lines `nucleate run` prints at the end; `report` says whether a
/// report.html was written next to summary.json.
std::string headline(const Json& summary, const std::string& outdir, bool report);

}  // namespace nucleate::pipeline
