#pragma once
// XYZ and extended XYZ trajectories (plain or gzip-compressed).
//
// Each frame: an atom count line, a comment line, then one line per atom.
// Plain XYZ lines are `species x y z` (further columns ignored); a LAMMPS
// `dump xyz` comment ("Atoms. Timestep: N") gives the step. Extended XYZ
// (the libAtoms/ASE/OVITO convention) puts key=value pairs on the comment
// line: `Lattice="ax ay az bx by bz cx cy cz"` (box vectors),
// `Properties=species:S:1:pos:R:3:...` (the per-atom columns: name, type
// S/R/I/L, count), `Time=`, `Step=` (any case).
//
// Per-atom columns: `species` names the atoms, `pos` gives positions,
// `velo`/`vel`/`velocities` velocities; every other R or I column becomes an
// ExtraColumn, named as in the file when its count is 1 and name_0 ..
// name_{k-1} when it has k > 1 components. Other S columns and L columns are
// ignored.
//
// Lengths are reported as Angstrom (the convention of XYZ files); the time is
// the file's `Time=` in its own unit, and without one equals the step. Frames
// without a step (`Step=` or LAMMPS' timestep) number themselves 0, 1, 2 ...

#include <memory>
#include <string>

#include "io/trajectory_reader.h"
#include "io/trajectory_writer.h"

namespace nucleate::io {

/// Reads XYZ or extended XYZ, gzip-compressed or not. The topology (name =
/// element = species) comes from the first frame read.
std::unique_ptr<TrajectoryReader> open_xyz(const std::string& path);

/// Writes extended XYZ (gzip-compressed when the path ends in .gz):
/// `Lattice` when the frame has a box, `Properties=species:S:1:pos:R:3`
/// followed by `vel:R:3` when the frame has velocities and one `name:R:1`
/// column per extra column, `Time=` and `Step=`. Species are the topology's
/// atom names ("X" without a topology). Numbers are written in the shortest
/// form that reads back to the same value, so a written file reads back
/// exactly. Characters that would break the format in names (':', '=',
/// quotes, whitespace) become '_'.
std::unique_ptr<TrajectoryWriter> create_xyz_writer(const std::string& path);

}  // namespace nucleate::io
