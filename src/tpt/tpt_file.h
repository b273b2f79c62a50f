#pragma once
// tpt.json, the saved form of a TPT analysis (field names fixed by issue 5):
// per-state arrays follow active_set, flux triplets [i, j, value] index it
// too; state lists meant for people (source, sink, pathways, transition
// states) hold the original labels. Read back by `nucleate run`'s summary
// and the report.

#include <string>

#include "core/json.h"
#include "tpt/tpt_analysis.h"

namespace nucleate::tpt {

/// The model's path is recorded relative to the folder of `output_file`
/// (core/recorded_path.h).
Json tpt_json(const TptResult& result, const std::string& output_file);

/// tpt.json's nucleation_rate: value, lower, upper, units, waiting_time, t,
/// volume, volume_units, definition, value_from (and interval with bounds).
Json nucleation_rate_json(const NucleationRate& j);

/// InputError naming the file and the missing or malformed field.
TptResult read_tpt_file(const std::string& path);

}  // namespace nucleate::tpt
