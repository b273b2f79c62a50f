#pragma once
// Whether a stage of `nucleate run` must run again: a fingerprint of its
// command line and of the content of every input file is stored next to the
// outputs (OUTDIR/.nucleate/STAGE.hash) when the stage succeeds; the stage is
// up to date when the fingerprint is unchanged and all its outputs exist.

#include <cstdint>
#include <string>

#include "pipeline/stages.h"

namespace nucleate::pipeline {

/// 64-bit FNV-1a over the arguments and the inputs' bytes, as hex.
/// InputError when an input cannot be read.
std::string stage_fingerprint(const StagePlan& plan);

bool stage_up_to_date(const StagePlan& plan, const std::string& outdir);
void record_stage(const StagePlan& plan, const std::string& outdir);
/// Removes the record before a stage runs, so a failure leaves it stale.
void forget_stage(const StagePlan& plan, const std::string& outdir);

}  // namespace nucleate::pipeline
