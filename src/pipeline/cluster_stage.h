#pragma once
// The state-decomposition stage (`nucleate cluster`, `[cluster]` of a
// pipeline): CV time series files in, clusters.json and one discrete
// trajectory per input out. Reads the inputs, fits (or reuses saved states),
// assigns every frame; msm/state_decomposition.h does the science.

#include <string>
#include <vector>

#include "msm/state_decomposition.h"

namespace nucleate::pipeline {

struct ClusterFiles {
  std::vector<std::string> inputs;  ///< COLVAR (columns by name) or .npy (by index)
  std::string output;               ///< clusters.json
  std::string dtraj_dir;            ///< DIR/<input stem>.dtraj, one per input
  std::string centers;              ///< a clusters.json to assign to instead of fitting
};

struct ClusterResult {
  msm::StateDecomposition decomposition;
  std::vector<msm::Labels> labels;  ///< per input, one state per frame
  std::vector<std::string> dtrajs;  ///< where each input's states go
  std::size_t fitted_frames = 0;    ///< 0 when the states were reused
  std::vector<std::string> warnings;

  [[nodiscard]] std::size_t frames() const;
};

/// DIR/<stem>.dtraj of every input; UsageError when two inputs share a stem.
std::vector<std::string> dtraj_paths(const std::vector<std::string>& inputs,
                                     const std::string& dtraj_dir);

/// Fits the decomposition `options` describe on the inputs (or loads
/// files.centers, which options must then agree with), and assigns every
/// frame. Writes nothing.
ClusterResult run_cluster(const msm::StateDecompositionOptions& options, const ClusterFiles& files);

/// clusters.json (the decomposition, its inputs and how it was fit) and the
/// discrete trajectories.
void write_cluster(const ClusterResult& result, const msm::StateDecompositionOptions& options,
                   const ClusterFiles& files);

/// Frames of each input, as a clusters.json written by write_cluster lists
/// them. InputError naming the file otherwise.
std::vector<std::size_t> read_cluster_input_frames(const std::string& path);

/// One line saying what was done, for the terminal and logs.
std::string cluster_headline(const ClusterResult& result, const ClusterFiles& files);

}  // namespace nucleate::pipeline
