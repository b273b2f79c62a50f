#pragma once
// GROMACS TRR: full-precision coordinates, velocities and forces, in single
// or double precision (told apart by the sizes in each frame header).

#include <memory>
#include <string>

#include "io/trajectory_reader.h"

namespace nucleate::io {

std::unique_ptr<TrajectoryReader> open_trr(const std::string& path);

}  // namespace nucleate::io
