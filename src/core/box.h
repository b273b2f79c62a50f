#pragma once
// A periodic simulation cell as three box vectors (the rows of a 3x3
// matrix, GROMACS layout). Any triclinic cell is allowed; GROMACS and LAMMPS
// both restrict to lower-triangular form (a along x, b in the xy plane), which
// `from_lengths_angles` produces.

#include <array>

#include "core/vec3.h"

namespace nucleate {

struct Box {
  std::array<Vec3d, 3> vectors{};  ///< rows a, b, c

  /// Lower-triangular cell from lengths and angles in degrees (alpha = angle
  /// between b and c, beta between a and c, gamma between a and b), the
  /// convention of PDB CRYST1, DCD and extended XYZ readers.
  static Box from_lengths_angles(double a, double b, double c, double alpha_deg, double beta_deg,
                                 double gamma_deg);
  static Box orthorhombic(double lx, double ly, double lz);

  [[nodiscard]] bool is_zero() const;
  [[nodiscard]] bool is_orthorhombic() const;
  [[nodiscard]] Vec3d lengths() const;
  [[nodiscard]] Vec3d angles_deg() const;  ///< alpha, beta, gamma
  [[nodiscard]] double volume() const;     ///< |a . (b x c)|
};

}  // namespace nucleate
