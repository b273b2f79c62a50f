#pragma once
// The registry of file formats: which reader or writer a path gets, chosen
// by its extension (a trailing .gz is looked through for text formats). The
// one place that lists every format.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/topology.h"
#include "io/trajectory_reader.h"
#include "io/trajectory_writer.h"

namespace nucleate::io {

enum class Format { xtc, trr, gro, lammps_dump, lammps_data, dcd, xyz, pdb };

std::string_view to_string(Format format);

/// The format a path names by its extension; InputError for an unknown one,
/// listing the known extensions.
Format format_from_path(const std::string& path);

/// A reader for any trajectory format (everything but LAMMPS data files).
std::unique_ptr<TrajectoryReader> open_trajectory(const std::string& path);

struct WriterOptions {
  /// XTC precision (1/nm); 0 = the input frame's own, else 1000.
  float xtc_precision = 0.0F;
};

/// A writer for XTC, GRO or extended XYZ, by the path's extension.
std::unique_ptr<TrajectoryWriter> create_writer(const std::string& path,
                                                const WriterOptions& options = {});

/// Atom names/types/residues from a structure file: GRO, PDB, LAMMPS data,
/// LAMMPS dump (`type`/`element` columns of its first frame), XYZ (species).
Topology read_topology(const std::string& path);

}  // namespace nucleate::io
