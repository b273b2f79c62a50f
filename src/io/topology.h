#pragma once
// Who the atoms are: names, types, elements and residues, from a structure
// file (GRO, PDB, LAMMPS data) or from the trajectory itself (LAMMPS dump
// `type`/`element` columns, XYZ species). Formats without such information
// (XTC, TRR, DCD) take one from `--top`.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nucleate::io {

struct Atom {
  std::string name;          ///< atom name (GRO/PDB), species (XYZ), or the type
  std::string type;          ///< LAMMPS numeric type, or empty
  std::string element;       ///< chemical element when the file gives one
  std::string residue_name;  ///< GRO/PDB residue name, or empty
  std::int64_t residue_id = 0;
  std::int64_t serial = 0;  ///< the file's own atom number (GRO/PDB serial, LAMMPS id)
};

class Topology {
 public:
  std::vector<Atom> atoms;

  [[nodiscard]] std::size_t size() const { return atoms.size(); }
  [[nodiscard]] bool empty() const { return atoms.empty(); }

  /// Indices (0-based, ascending) of the atoms matching a selection such as
  /// `name NA CL`, `type 1 2 and not index 0-9`, `resname SOL and name OW`,
  /// `element O`, `resid 3:7`, `serial 1-240`, `all`. Names accept shell
  /// wildcards (`name H*`). Throws UsageError on a malformed expression.
  [[nodiscard]] std::vector<std::size_t> select(std::string_view expression) const;

  /// The atoms at `indices`, in that order.
  [[nodiscard]] Topology subset(const std::vector<std::size_t>& indices) const;

  /// How many atoms carry each label: the atom name, or the type where there
  /// is no name, or "?" where there is neither.
  [[nodiscard]] std::map<std::string, std::size_t> species_counts() const;
};

}  // namespace nucleate::io
