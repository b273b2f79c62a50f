#pragma once
// The TPT stage (`nucleate tpt`, [tpt] of a pipeline): a saved model and the
// files around it (clusters.json for CV regions, pcca.json for macrostates,
// the discrete trajectories for error bars, COLVAR files for transition-state
// averages, trajectories for J's volume) in, tpt.json out. The analysis is
// tpt/tpt_analysis.h; this reads the files and measures the volume.

#include <functional>
#include <string>
#include <vector>

#include "tpt/tpt_analysis.h"

namespace nucleate::pipeline {

struct TptFiles {
  std::string model;                     ///< msm.json
  std::string clusters;                  ///< clusters.json ("" for none)
  std::string pcca;                      ///< pcca.json ("" for none)
  std::vector<std::string> dtrajs;       ///< the model's discrete trajectories
  std::vector<std::string> colvars;      ///< paired with dtrajs, frame by frame
  std::vector<std::string> volume_from;  ///< trajectories whose mean box is V
};

tpt::TptResult run_tpt(const tpt::TptOptions& options, const TptFiles& files,
                       const std::function<void(std::size_t)>& progress = nullptr);

/// The lines `nucleate tpt` prints: rate and MFPTs, the top pathways, the
/// transition states, J, and the output.
std::vector<std::string> tpt_lines(const tpt::TptResult& result, const std::string& output);

}  // namespace nucleate::pipeline
