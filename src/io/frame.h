#pragma once
// One snapshot of a trajectory, as every reader delivers it and every writer
// takes it. Readers reuse a Frame's storage from one frame to the next, so a
// streaming loop allocates only when the atom count grows.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/box.h"
#include "core/vec3.h"

namespace nucleate::io {

/// A per-atom column of a LAMMPS dump or extended XYZ file that is not a
/// position or velocity (charge, c_q6, v_id, ...), kept by its name.
struct ExtraColumn {
  std::string name;
  std::vector<double> values;
};

struct Frame {
  std::int64_t step = 0;
  double time = 0.0;  ///< ps for GROMACS formats, the file's own unit otherwise
  bool has_box = false;
  Box box;  ///< rows are box vectors, in the file's length unit
  std::vector<Vec3f> positions;
  std::vector<Vec3f> velocities;  ///< empty when the file has none
  std::vector<ExtraColumn> extra;
  /// XTC compression precision (1/length unit) of the frame read, 0 when
  /// the positions were not stored compressed. Writers use it as default.
  float precision = 0.0F;

  [[nodiscard]] std::size_t atom_count() const { return positions.size(); }
  [[nodiscard]] const ExtraColumn* find_extra(std::string_view name) const {
    for (const auto& column : extra)
      if (column.name == name) return &column;
    return nullptr;
  }
  /// Keeps only the atoms listed in `indices` (in that order), in positions,
  /// velocities and extra columns alike.
  void keep_atoms(const std::vector<std::size_t>& indices);
};

/// The length unit a format stores. LAMMPS writes in whatever `units` the run
/// used, which the dump does not record: that is `file_units`.
enum class LengthUnit { nanometre, angstrom, file_units };

std::string_view to_string(LengthUnit unit);

/// "nm", "angstrom", or anything else (file units: nothing is known).
LengthUnit length_unit_named(std::string_view name);

/// Factor that converts lengths from `from` to `to`; 1 when either is
/// file_units (nothing is known, so nothing is changed).
double length_conversion(LengthUnit from, LengthUnit to);

}  // namespace nucleate::io
