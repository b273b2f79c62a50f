#pragma once
// What is in a trajectory (`nucleate info`): format, atoms, frames, first and
// last time and the time step, the first box and the mean box volume, and the
// count of each atom name or type. One pass over every frame.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/box.h"
#include "core/json.h"

namespace nucleate::io {

struct TrajectorySummary {
  std::string file;
  std::string format;
  std::string length_unit;
  std::size_t atoms = 0;
  std::size_t frames = 0;
  std::optional<double> time_first;
  std::optional<double> time_last;
  std::optional<double> dt;  ///< between the first two frames
  std::optional<Box> box_first;
  std::optional<double> volume_mean;                          ///< over the frames that have a box
  std::optional<std::map<std::string, std::size_t>> species;  ///< unknown without names
};

/// `top` (may be empty) names the atoms of formats without names.
TrajectorySummary summarize_trajectory(const std::string& path, const std::string& top,
                                       const std::function<void(std::size_t)>& progress = nullptr);

/// The JSON of `nucleate info --json`: file, format, length_unit, atoms,
/// frames, time_first, time_last, dt, box_first (rows), box_lengths,
/// box_angles, volume_mean, species; null where unknown.
Json summary_json(const TrajectorySummary& summary);

}  // namespace nucleate::io
