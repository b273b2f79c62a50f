#pragma once
// DCD trajectories as CHARMM, NAMD, LAMMPS (`dump dcd`), MDAnalysis and many
// other programs write them: Fortran unformatted records (32- or 64-bit record
// markers, either byte order), positions in Angstrom, an optional unit cell
// per frame. There is no official specification; what this reader accepts is
// described at the top of dcd.cpp, with its sources.
//
// Lengths are in Angstrom. Times are in ps for CHARMM/NAMD/X-PLOR files (the
// header's AKMA time step is converted) and in LAMMPS' own time unit for files
// LAMMPS wrote (it stores its time step unconverted).

#include <memory>
#include <string>

#include "io/trajectory_reader.h"

namespace nucleate::io {

/// Opens a DCD file. The header is read with the first frame, so a file that
/// is not a DCD fails there, as an InputError from read_next.
std::unique_ptr<TrajectoryReader> open_dcd(const std::string& path);

}  // namespace nucleate::io
