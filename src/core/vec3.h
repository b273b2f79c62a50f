#pragma once
// Three-component vectors shared by every layer: double for geometry and box
// arithmetic, float for positions as trajectories store them (XTC, TRR and
// DCD hold single precision; keeping it halves the memory of large frames).

#include <array>

namespace nucleate {

using Vec3d = std::array<double, 3>;
using Vec3f = std::array<float, 3>;

}  // namespace nucleate
