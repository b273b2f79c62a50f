#pragma once
// LAMMPS per-atom text dumps (`dump atom`, `dump custom`, plain or gzip):
// positions from x y z, else xu yu zu, else xs ys zs, else xsu ysu zsu (the
// scaled ones turned Cartesian with the frame's box); velocities from vx vy
// vz; every other column kept by name as an ExtraColumn. Atoms come out
// sorted by id, whatever order the file lists them in. Lengths stay in the
// run's own units (the dump does not say which): LengthUnit::file_units.

#include <memory>
#include <string>

#include "io/trajectory_reader.h"

namespace nucleate::io {

std::unique_ptr<TrajectoryReader> open_lammps_dump(const std::string& path);

}  // namespace nucleate::io
