#pragma once
// OUTDIR/summary.json: every headline number of a `nucleate run` with its
// interval, gathered from the stage outputs (msm.json, bayes.json,
// tpt.json, clusters.json), and the headline text printed at the end.

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/pipeline_config.h"

namespace nucleate::pipeline {

/// InputError naming the stage output that is missing or malformed.
nlohmann::json build_summary(const PipelineConfig& config, const std::string& outdir);

/// The lines `nucleate run` prints at the end.
std::string headline(const nlohmann::json& summary, const std::string& outdir);

}  // namespace nucleate::pipeline
