// Switching functions against their closed forms (PLUMED manual definitions).

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "cv/switching_function.h"

namespace nucleate::cv {
namespace {

// For mm = 2 nn the rational function is 1 / (1 + x^nn), finite at x = 1.
double rational_6_12(double r, double r0) {
  return 1.0 / (1.0 + std::pow(r / r0, 6));
}

TEST(SwitchingFunction, RationalDefaultsAndLimit) {
  const auto s = SwitchingFunction::parse("RATIONAL R_0=5.0");  // NN=6, MM=12
  EXPECT_EQ(s.parameters().mm, 12);
  EXPECT_DOUBLE_EQ(s(5.0), 0.5);  // the 0/0 point: nn/mm
  EXPECT_NEAR(s(5.0 + 1e-7), 0.5, 1e-6);
  EXPECT_NEAR(s(3.0), 1.0 / (1.0 + std::pow(0.6, 6)), 1e-15);
  EXPECT_NEAR(1.0 - s(7.0), 1.0 - 1.0 / (1.0 + std::pow(1.4, 6)), 1e-15);
  EXPECT_DOUBLE_EQ(s(0.0), 1.0);
}

TEST(SwitchingFunction, StretchedWithDmaxAsPlumed) {
  // The NaCl study's switch: stretched so that s(1.0 nm) = 0 exactly.
  const auto s = SwitchingFunction::parse("{RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0}");
  const double s_max = rational_6_12(1.0, 0.38);
  for (double r : {0.1, 0.3, 0.38, 0.5, 0.9, 0.999}) {
    EXPECT_NEAR(s(r), (rational_6_12(r, 0.38) - s_max) / (1.0 - s_max), 1e-12) << r;
  }
  EXPECT_EQ(s(1.0), 0.0);
  EXPECT_EQ(s(3.0), 0.0);
  EXPECT_NEAR(s(0.0), 1.0, 1e-15);
  const auto plain = SwitchingFunction::parse("RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0 NOSTRETCH");
  EXPECT_NEAR(plain(0.5), rational_6_12(0.5, 0.38), 1e-15);
  EXPECT_EQ(plain(1.01), 0.0);
}

TEST(SwitchingFunction, GaussianTanhExpCubic) {
  const auto g = SwitchingFunction::parse("GAUSSIAN R_0=0.55 D_MAX=0.56");
  const double gmax = std::exp(-0.56 * 0.56 / (2 * 0.55 * 0.55));
  EXPECT_NEAR(g(0.3), (std::exp(-0.09 / (2 * 0.55 * 0.55)) - gmax) / (1 - gmax), 1e-14);
  EXPECT_EQ(g(0.57), 0.0);
  const auto t = SwitchingFunction::parse("TANH R_0=1.5");
  EXPECT_NEAR(t(0.75), 1.0 - std::tanh(0.5), 1e-15);
  const auto e = SwitchingFunction::parse("EXP R_0=0.2 D_0=0.1");
  EXPECT_DOUBLE_EQ(e(0.05), 1.0);
  EXPECT_NEAR(e(0.3), std::exp(-1.0), 1e-15);
  const auto c = SwitchingFunction::parse("CUBIC D_0=0.2 D_MAX=0.6");
  EXPECT_NEAR(c(0.4), 0.5, 1e-15);  // y = 1/2: (1/4)(2) = 1/2
  EXPECT_EQ(c(0.6), 0.0);
}

TEST(SwitchingFunction, BadDefinitionsNameTheWord) {
  for (const char* bad : {"", "RATIONL R_0=1", "RATIONAL R_0=x", "RATIONAL R0=1", "RATIONAL R_0=-1",
                          "CUBIC D_0=1", "GAUSSIAN R_0=1 D_MAX=-1"}) {
    EXPECT_THROW((void)SwitchingFunction::parse(bad), UsageError) << bad;
  }
}

TEST(SwitchingFunction, DescribeRoundTrips) {
  const auto s = SwitchingFunction::parse("RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1.0");
  EXPECT_EQ(s.describe(), "RATIONAL R_0=0.38 NN=6 MM=12 D_MAX=1");
  const auto again = SwitchingFunction::parse(s.describe());
  EXPECT_DOUBLE_EQ(again(0.45), s(0.45));
}

}  // namespace
}  // namespace nucleate::cv
