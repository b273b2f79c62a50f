#pragma once
// Perfect crystals for analytic tests: a basis (fractional coordinates of an
// orthorhombic cell) repeated n[0] x n[1] x n[2] times.

#include <array>
#include <vector>

#include "core/box.h"
#include "io/frame.h"
#include "io/topology.h"

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

/// Steinhardt q4 and q6 over the 12 nearest neighbours, mean over all atoms
/// (standard normalisation): the configuration the lattice tests evaluate.
inline constexpr const char* kQ4Q6Nearest12 = R"(
[groups]
all = "all"
[[atom]]
name = "q4"
kind = "steinhardt"
l = 4
group = "all"
nearest = 12
normalisation = "standard"
[[atom]]
name = "q6"
kind = "steinhardt"
l = 6
group = "all"
nearest = 12
normalisation = "standard"
[[column]]
name = "q4"
of = "q4"
group = "all"
reduce = "mean"
[[column]]
name = "q6"
of = "q6"
group = "all"
reduce = "mean"
)";

/// `atoms` atoms without names (groups select `all`).
inline io::Topology blank_topology(std::size_t atoms) {
  io::Topology topology;
  topology.atoms.resize(atoms);
  return topology;
}

}  // namespace nucleate::testing
