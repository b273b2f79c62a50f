#pragma once
// Perfect crystals for analytic tests: a basis (fractional coordinates of an
// orthorhombic cell) repeated n[0] x n[1] x n[2] times.

#include <array>
#include <vector>

#include "core/box.h"
#include "io/frame.h"

namespace nucleate::testing {

struct Lattice {
  std::vector<Vec3f> positions;
  Box box;
};

inline Lattice make_lattice(const std::vector<std::array<double, 3>>& basis, std::array<int, 3> n,
                            std::array<double, 3> cell) {
  Lattice out;
  out.box = Box::orthorhombic(cell[0] * n[0], cell[1] * n[1], cell[2] * n[2]);
  for (int i = 0; i < n[0]; ++i)
    for (int j = 0; j < n[1]; ++j)
      for (int k = 0; k < n[2]; ++k)
        for (const auto& b : basis)
          out.positions.push_back({static_cast<float>(cell[0] * (i + b[0])),
                                   static_cast<float>(cell[1] * (j + b[1])),
                                   static_cast<float>(cell[2] * (k + b[2]))});
  return out;
}

inline const std::vector<std::array<double, 3>> kFccBasis = {
    {0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};

}  // namespace nucleate::testing
