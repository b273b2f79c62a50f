#pragma once
// `nucleate run`: the stages of a pipeline file chained in this process
// (cv -> cluster -> its -> msm -> bayes -> pcca -> cktest -> tpt), each the
// same library call as its single command, skipping stages whose options and
// input files did not change since they last succeeded (stage_state.h);
// then summary.json. OUTDIR/commands.sh gets each stage's single command,
// made from the options it ran with, so any stage can be rerun by hand. A
// failing stage stops the run with an error naming it; finished stages'
// files stay, and no summary.json from an earlier run outlives it.

#include <functional>
#include <string>
#include <vector>

#include "core/json.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/summary.h"

namespace nucleate::pipeline {

/// What a run reports while it goes; the library itself never prints.
struct RunObserver {
  /// Stage k of n starts (up_to_date: it is skipped).
  std::function<void(std::size_t k, std::size_t n, const std::string& stage, bool up_to_date)>
      on_stage;
  /// A line of a stage's own report (what its single command prints).
  std::function<void(const std::string& stage, const std::string& line)> on_line;
  /// A warning of a stage.
  std::function<void(const std::string& stage, const std::string& warning)> on_warning;
  /// Progress of long work: (what, done so far).
  std::function<void(const std::string& what, std::size_t done)> on_progress;
};

struct RunOptions {
  std::string outdir;              ///< default: results/<name>
  std::vector<std::string> force;  ///< stages to run even if up to date ("all": every one)
};

struct RunOutcome {
  std::string outdir;
  RunResults results;
  Json summary;
};

/// Runs the pipeline and writes OUTDIR/summary.json (not the report).
/// UsageError for an unknown --force stage; a stage's error comes back
/// prefixed with "stage NAME: ".
RunOutcome run_pipeline(const PipelineConfig& config, const std::string& config_path,
                        const RunOptions& options, const RunObserver& observer = {});

}  // namespace nucleate::pipeline
