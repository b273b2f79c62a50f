#pragma once
// Whether a stage of `nucleate run` must run again: a fingerprint of its
// command line and of the content of every input file is stored next to the
// outputs (OUTDIR/.nucleate/STAGE.hash) when the stage succeeds, with the
// size and hash of every output; the stage is up to date when the
// fingerprint is unchanged and every output is still the one it wrote.

#include <cstdint>
#include <string>

#include "pipeline/stages.h"

namespace nucleate::pipeline {

/// 64-bit FNV-1a over nucleate's version, the arguments and the inputs'
/// bytes, as hex; paths under `outdir` count by their place in it. InputError when an input cannot
/// be read. Computed once, before the stage runs, so an input changing during the stage is noticed
/// next time.
std::string stage_fingerprint(const StagePlan& plan, const std::string& outdir);

/// The recorded fingerprint equals `fingerprint` and every output has the
/// size and hash recorded when the stage finished.
bool stage_up_to_date(const StagePlan& plan, const std::string& outdir,
                      const std::string& fingerprint);
void record_stage(const StagePlan& plan, const std::string& outdir, const std::string& fingerprint);
/// Removes the record before a stage runs, so a failure leaves it stale.
void forget_stage(const StagePlan& plan, const std::string& outdir);

}  // namespace nucleate::pipeline
