#pragma once
// LAMMPS data files (what `read_data` reads and `write_data` writes), read
// for who the atoms are: ids, types, molecule ids, and elements guessed from
// the Masses section. Positions are not read: trajectories come from dumps.

#include <string>
#include <string_view>

#include "io/topology.h"

namespace nucleate::io {

/// The atoms of a data file, sorted by id: serial = atom id, type = the
/// type as written, residue_id = molecule id for atom styles that have one
/// (0 otherwise), element guessed from the type's mass (element_from_mass),
/// name = element if one was found, else the type. The atom style comes
/// from the `Atoms # style` comment; without one, atomic is assumed.
/// Throws InputError naming the file and line on anything malformed.
Topology read_lammps_data(const std::string& path);

/// The element whose standard atomic weight is nearest to `mass` (in g/mol,
/// as LAMMPS real and metal units give it), if within 0.1; else empty.
/// Masses in reduced (lj) units mean nothing here: mass 1.0 gives "H".
std::string_view element_from_mass(double mass);

}  // namespace nucleate::io
