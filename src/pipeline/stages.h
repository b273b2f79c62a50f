#pragma once
// The stages of `nucleate run`, each one call of a single `nucleate` command
// with the arguments the pipeline file implies, so a stage writes exactly
// the files that command writes (the layout is in the README, "The main
// job"). Plans are made just before a stage runs, because some arguments
// depend on earlier outputs (the frame spacing of the COLVAR files).

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline_config.h"

namespace nucleate::pipeline {

struct StagePlan {
  std::string name;
  std::vector<std::string> args;  ///< the command line after `nucleate`
  std::vector<std::string>
      inputs;  ///< files whose content decides whether the stage must run again
  std::vector<std::string> outputs;  ///< files it writes
};

/// cv, cluster, its, msm, bayes, pcca, cktest, tpt — in the order they run.
const std::vector<std::string>& stage_names();

/// UsageError for an unknown stage name.
StagePlan plan_stage(std::string_view name, const PipelineConfig& config,
                     const std::string& outdir);

/// OUTDIR/cv/<stem>.colvar and OUTDIR/dtraj/<stem>.dtraj of every trajectory.
std::vector<std::string> colvar_paths(const PipelineConfig& config, const std::string& outdir);
std::vector<std::string> dtraj_paths(const PipelineConfig& config, const std::string& outdir);

/// Time between COLVAR frames: [msm] dt, else the spacing of the first
/// COLVAR file's time column (InputError if it has fewer than two frames).
double frame_spacing(const PipelineConfig& config, const std::string& outdir);

}  // namespace nucleate::pipeline
