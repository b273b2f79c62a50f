#pragma once
// PDB coordinate files and multi-model trajectories (plain or gzip), read by
// fixed columns as the wwPDB format description (v3.3, "Coordinate section")
// lays them out:
//   CRYST1  a b c (cols 7-33, Angstrom) alpha beta gamma (cols 34-54, degrees)
//   ATOM/HETATM  serial 7-11, name 13-16, resName 18-21, resSeq 23-26,
//           x y z 31-54, element 77-78
//   MODEL / ENDMDL around each frame of a trajectory; without MODEL records
//   the atoms up to END (or the end of the file) are one frame.
// Records belonging to a frame may precede its MODEL record (`gmx trjconv`
// writes TITLE and CRYST1 there), so a frame is everything after the previous
// ENDMDL/END. A CRYST1 of 1 1 1 90 90 90 is the wwPDB convention for "no
// cell" and gives a frame without a box.
//
// Atoms are kept in file order. Serials past 99999 do not fit their columns:
// GROMACS wraps them modulo 100000, VMD writes hexadecimal, others write
// "*****"; they are stored as read (decimal, else hexadecimal, else the
// atom's 1-based position) and never used for ordering.
//
// Time: GROMACS titles ("t= 0.00000 step= 0") give time (ps) and step;
// without them the step is the frame's index and the time equals it.

#include <memory>
#include <string>

#include "io/trajectory_reader.h"

namespace nucleate::io {

/// Opens a PDB file; lengths in Angstrom. The topology (names, residues,
/// elements) comes from the first frame read.
std::unique_ptr<TrajectoryReader> open_pdb(const std::string& path);

}  // namespace nucleate::io
