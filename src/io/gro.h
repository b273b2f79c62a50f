#pragma once
// GROMACS GRO: fixed-column text with names, residues, positions (nm),
// optional velocities and a box line; several frames may follow each other.

#include <memory>
#include <string>

#include "io/trajectory_reader.h"
#include "io/trajectory_writer.h"

namespace nucleate::io {

std::unique_ptr<TrajectoryReader> open_gro(const std::string& path);
std::unique_ptr<TrajectoryWriter> create_gro_writer(const std::string& path);

}  // namespace nucleate::io
