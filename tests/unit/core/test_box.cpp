// Box geometry against closed forms.

#include <gtest/gtest.h>

#include <cmath>

#include "core/box.h"

namespace nucleate {
namespace {

TEST(Box, OrthorhombicLengthsAnglesVolume) {
  const Box box = Box::orthorhombic(2.0, 3.0, 4.0);
  EXPECT_TRUE(box.is_orthorhombic());
  EXPECT_DOUBLE_EQ(box.volume(), 24.0);
  EXPECT_DOUBLE_EQ(box.lengths()[1], 3.0);
  EXPECT_DOUBLE_EQ(box.angles_deg()[0], 90.0);
}

TEST(Box, RhombicDodecahedronFromLengthsAndAngles) {
  // GROMACS' rhombic dodecahedron (xy-square): a = b = c = d, alpha = beta =
  // 60, gamma = 90; volume d^3 / sqrt(2) (GROMACS manual, periodic boundary
  // conditions table).
  const double d = 1.6;
  const Box box = Box::from_lengths_angles(d, d, d, 60.0, 60.0, 90.0);
  EXPECT_NEAR(box.volume(), d * d * d / std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(box.vectors[2][0], d / 2, 1e-12);
  EXPECT_NEAR(box.vectors[2][1], d / 2, 1e-12);
  EXPECT_NEAR(box.vectors[2][2], d * std::sqrt(2.0) / 2, 1e-12);
  const Vec3d angles = box.angles_deg();
  EXPECT_NEAR(angles[0], 60.0, 1e-10);
  EXPECT_NEAR(angles[1], 60.0, 1e-10);
  EXPECT_NEAR(angles[2], 90.0, 1e-10);
  EXPECT_EQ(box.vectors[1][0], 0.0);  // exact zero for 90 degrees
}

TEST(Box, ZeroBox) {
  EXPECT_TRUE(Box{}.is_zero());
  EXPECT_FALSE(Box::orthorhombic(1, 1, 1).is_zero());
}

}  // namespace
}  // namespace nucleate
