#pragma once
// GROMACS XTC: positions only (nm), compressed to a per-frame precision, with
// step, time (ps) and box. Frames of at most 9 atoms store plain floats.
// Both frame magics are read: 1995 (32-bit byte count) and 2023 (GROMACS
// 2023+, 64-bit byte count, written for systems past 298,261,617 atoms).

#include <memory>
#include <string>

#include "io/trajectory_reader.h"
#include "io/trajectory_writer.h"

namespace nucleate::io {

std::unique_ptr<TrajectoryReader> open_xtc(const std::string& path);

/// `precision` in 1/nm; 0 = each frame's own `Frame::precision` when
/// non-zero, else 1000 (mdrun's default).
std::unique_ptr<TrajectoryWriter> create_xtc_writer(const std::string& path, float precision);

}  // namespace nucleate::io
