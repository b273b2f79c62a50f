#pragma once
// Averages over the frames of trajectories whose discrete state is in a
// given set: the mean box volume of the source states' frames (the V of a
// nucleation rate J = 1/(t V): the volume of the phase nuclei form in), and
// the mean of each CV over the transition-state frames. A discrete
// trajectory pairs with a trajectory frame by frame, starting at trajectory
// frame `begin` in steps of `stride` (the frames `nucleate cv --begin
// --stride` wrote).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "io/frame.h"

namespace nucleate::io {

/// Which frames count: those whose state's label is wanted.
struct FramesInStates {
  std::vector<std::vector<std::int32_t>> states;  ///< discrete trajectory of each trajectory
  std::vector<std::string> names;                 ///< what they are called in errors (their files)
  std::vector<bool> wanted_label;                 ///< indexed by original state label
  std::size_t begin = 0;
  std::size_t stride = 1;
};

/// Mean box volume over every frame of the trajectories, or only over the
/// frames `only` selects, in `wanted`^3 (file units unchanged when either
/// side is file_units). InputError for a frame without a box or a discrete
/// trajectory longer than its trajectory's frames; UsageError when no frame
/// counts.
double mean_box_volume(const std::vector<std::string>& trajectories, LengthUnit wanted,
                       const FramesInStates* only = nullptr);

/// Per CV column: its mean over the frames whose state's label is wanted, over
/// COLVAR files paired with discrete trajectories of the same length.
struct ColumnAverages {
  std::size_t frames = 0;
  std::map<std::string, double> means;
};
ColumnAverages average_over_states(const std::vector<std::string>& colvars,
                                   const std::vector<std::string>& dtrajs,
                                   const std::vector<bool>& wanted_label);

}  // namespace nucleate::io
