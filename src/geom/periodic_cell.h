#pragma once
// A periodic cell with the geometry neighbour searches need: fractional
// coordinates, wrapping, perpendicular widths, minimum images. Any triclinic
// cell is allowed; rows of the box matrix H are the cell vectors a, b, c, so
// a Cartesian point is r = s H for fractional coordinates s.

#include <array>

#include "core/box.h"

namespace nucleate::geom {

class PeriodicCell {
 public:
  /// Throws Error when the box is degenerate (zero volume).
  explicit PeriodicCell(const Box& box);

  [[nodiscard]] const Box& box() const { return box_; }
  [[nodiscard]] Vec3d to_fractional(const Vec3d& r) const;
  [[nodiscard]] Vec3d to_cartesian(const Vec3d& s) const;
  /// The image of r inside the cell: Cartesian, with fractional coordinates
  /// in [0, 1).
  [[nodiscard]] Vec3d wrap(const Vec3d& r) const;
  /// Distance between the two faces spanned by the other two vectors:
  /// width_k = V / |b_i x b_j|. Spheres of radius < min width / 2 see each
  /// atom at most once.
  [[nodiscard]] const Vec3d& perpendicular_widths() const { return widths_; }
  [[nodiscard]] double min_perpendicular_width() const;
  /// The shortest periodic image of the displacement d, exact for any cell
  /// shape (the fractionally rounded image and its 26 neighbours are compared).
  [[nodiscard]] Vec3d minimum_image(const Vec3d& d) const;

 private:
  Box box_;
  std::array<Vec3d, 3> inverse_;  // rows of H^-1
  Vec3d widths_{};
};

}  // namespace nucleate::geom
