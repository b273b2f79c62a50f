#pragma once
// The stages of `nucleate run` in the order they run: cv, cluster, its, msm,
// bayes, pcca, cktest, tpt. Each is planned from the pipeline file: the
// options it runs with (the command's own options, so nothing is translated
// twice), the files whose content decides whether it must run again, the
// files it writes (the layout is in the README, "The main job"), and the
// single command that does the same by hand (for commands.sh). Plans are made
// just before a stage runs, because the MSM stages take the frame spacing
// from the cv stage's COLVAR files when the pipeline gives no dt.

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline_config.h"

namespace nucleate::pipeline {

struct StagePlan {
  std::string name;
  std::vector<std::string> args;     ///< the command line after `nucleate`
  std::vector<std::string> inputs;   ///< files whose content decides whether it must run again
  std::vector<std::string> outputs;  ///< files it writes
};

/// cv, cluster, its, msm, bayes, pcca, cktest, tpt.
const std::vector<std::string>& stage_names();

/// The config with what depends on earlier stages filled in (dt of the MSM
/// stages); the stages run with these options.
PipelineConfig resolved_config(const PipelineConfig& config, const std::string& outdir,
                               std::string_view stage);

/// UsageError for an unknown stage name.
StagePlan plan_stage(std::string_view name, const PipelineConfig& config,
                     const std::string& outdir);

/// OUTDIR/cv/<stem>.colvar and OUTDIR/dtraj/<stem>.dtraj of every trajectory,
/// and OUTDIR/NAME.
std::vector<std::string> colvar_paths(const PipelineConfig& config, const std::string& outdir);
std::vector<std::string> dtraj_paths(const PipelineConfig& config, const std::string& outdir);
std::string output_path(const std::string& outdir, const std::string& name);

/// Time between COLVAR frames: [msm] dt, else the spacing of the first
/// COLVAR file's time column (InputError if it has fewer than two frames).
double frame_spacing(const PipelineConfig& config, const std::string& outdir);

}  // namespace nucleate::pipeline
