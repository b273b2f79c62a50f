// Per-atom kinds of the CV engine that the presets build on: expressions,
// layers above a surface, per-atom neighbour counts, and the ice-hin preset
// on a perfect tetrahedral (ice Ic / diamond) slab.

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/expression.h"
#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "support/cv_results.h"

namespace nucleate::cv {
namespace {

double evaluate(std::string_view text, const std::vector<double>& a, const std::vector<double>& b) {
  const std::vector<std::vector<double>> values{a, b};
  const auto expression =
      Expression::parse(text, [](std::string_view name) -> std::optional<std::size_t> {
        if (name == "a") return 0;
        if (name == "b") return 1;
        return std::nullopt;
      });
  return expression.evaluate(0, values);
}

TEST(Expression, ArithmeticComparisonsAndLogic) {
  EXPECT_EQ(evaluate("1 + 2 * 3", {0}, {0}), 7.0);
  EXPECT_EQ(evaluate("(1 + 2) * 3 - -1", {0}, {0}), 10.0);
  EXPECT_EQ(evaluate("4 - (a == 1)", {1}, {0}), 3.0);
  EXPECT_EQ(evaluate("4 - (a == 1)", {2}, {0}), 4.0);
  EXPECT_EQ(evaluate("a > 0.5 and b < 0.6", {0.7}, {0.5}), 1.0);
  EXPECT_EQ(evaluate("a > 0.5 and b < 0.6", {0.7}, {0.65}), 0.0);
  // and binds tighter than or; not tighter than and.
  EXPECT_EQ(evaluate("a > 1 and b > 1 or a < 1", {0}, {0}), 1.0);
  EXPECT_EQ(evaluate("not a > 1 and b > 1", {0}, {2}), 1.0);
  EXPECT_EQ(evaluate("a / b", {3}, {1.5}), 2.0);
  EXPECT_EQ(evaluate("1.5e-1 <= a", {0.15}, {0}), 1.0);
  EXPECT_THROW((void)evaluate("a / b", {1}, {0}), Error);  // never a NaN or inf
}

TEST(Expression, ErrorsSayWhereAndWhat) {
  auto message = [](std::string_view text) {
    try {
      (void)evaluate(text, {0}, {0});
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("a >"),
            "expression \"a >\": expected a number, a quantity or '(' at position 4");
  EXPECT_EQ(message("(a + 1"), "expression \"(a + 1\": expected ')' at position 7");
  EXPECT_EQ(message("a + c"),
            "expression \"a + c\": 'c' is not a per-atom quantity defined above it");
  EXPECT_EQ(message("a b"), "expression \"a b\": expected an operator or the end at position 3");
}

io::Topology named(const std::vector<std::string>& names) {
  io::Topology topology;
  for (const auto& name : names) topology.atoms.push_back({name, "", "", "", 0, 0});
  return topology;
}

TEST(CvKinds, LayersAboveASurfaceCountThroughThePeriodicBoundary) {
  // Surface atoms span z = 0.8..1.0 in a 5 nm box; layers are 0.367 thick.
  const char* config = R"(
[groups]
water = "name O"
surface = "name S"
[[atom]]
name = "layer"
kind = "layer"
group = "water"
surface = "surface"
width = 0.367
[[column]]
name = "layers"
of = "layer"
group = "water"
)";
  io::Frame frame;
  frame.has_box = true;
  frame.box = Box::orthorhombic(3, 3, 5);
  frame.positions = {{0, 0, 0.8F}, {1, 1, 1.0F}, {0, 0, 1.1F},
                     {0, 0, 1.5F}, {0, 0, 0.9F}, {0, 0, 0.2F}};
  const CvEngine engine(parse_cv_config(config, "layers.toml"),
                        named({"S", "S", "O", "O", "O", "O"}));
  std::vector<io::ExtraColumn> per_atom;
  (void)engine.evaluate(frame, &per_atom);
  const auto& layer = per_atom[0].values;
  EXPECT_EQ(layer[2], 1.0);  // 0.1 above the top
  EXPECT_EQ(layer[3], 2.0);  // 0.5 above: 0.5 / 0.367 = 1.36
  EXPECT_EQ(layer[4], 0.0);  // inside the slab
  // 0.2 is 0.6 below the bottom, i.e. 5 - 0.8 = 4.2 above the top through
  // the boundary: floor(4.2 / 0.367) + 1 = 12.
  EXPECT_EQ(layer[5], 12.0);
  EXPECT_EQ(layer[0], 0.0);  // not in the group

  // A surface split by the boundary is refused, not miscounted.
  frame.positions[0][2] = 4.9F;
  EXPECT_THROW((void)engine.evaluate(frame), Error);
}

// Ice Ic (the diamond lattice of oxygens, O-O 0.276 nm) as a slab above a
// flat square surface: every oxygen of the slab's interior sits in a perfect
// tetrahedron, q4 = 0.50918 and q6 = 0.62854 (standard normalisation), and
// since even-l harmonics do not see the tetrahedra's inversion all its
// neighbours share its q_lm, so the averages qb4, qb6 are the same.
struct Slab {
  io::Frame frame;
  io::Topology topology;
  std::vector<bool> interior;
};

Slab ice_on_surface() {
  const double a = 0.276 * 4 / std::sqrt(3.0);
  const int cells = 3;
  const double surface_top = 1.0;
  const double base = surface_top + 0.12;
  Slab slab;
  slab.frame.has_box = true;
  slab.frame.box = Box::orthorhombic(a * cells, a * cells, 6.0);
  for (int i = 0; i < 12; ++i)
    for (int j = 0; j < 12; ++j) {
      slab.frame.positions.push_back({static_cast<float>(a * cells * i / 12),
                                      static_cast<float>(a * cells * j / 12),
                                      static_cast<float>(surface_top)});
      slab.topology.atoms.push_back({"S", "", "", "SURF", 1, 0});
      slab.interior.push_back(false);
    }
  const double fcc[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int i = 0; i < cells; ++i)
    for (int j = 0; j < cells; ++j)
      for (int k = 0; k < cells; ++k)
        for (const auto& f : fcc)
          for (double shift : {0.0, 0.25}) {
            const double z = a * (k + f[2] + shift);
            slab.frame.positions.push_back({static_cast<float>(a * (i + f[0] + shift)),
                                            static_cast<float>(a * (j + f[1] + shift)),
                                            static_cast<float>(base + z)});
            slab.topology.atoms.push_back({"OW", "", "", "SOL", 2, 0});
            // Two planes (a/4 apart) away from both faces of the slab.
            slab.interior.push_back(z > 0.6 * a && z < a * cells - 0.25 * a - 0.6 * a);
          }
  return slab;
}

TEST(CvKinds, IceHinPresetOnAPerfectTetrahedralSlab) {
  const Slab slab = ice_on_surface();
  const CvEngine engine(load_preset("ice-hin"), slab.topology);
  std::vector<io::ExtraColumn> per_atom;
  const auto values = engine.evaluate(slab.frame, &per_atom);
  auto column = [&](const std::string& name) -> const std::vector<double>& {
    return testing::values_named(per_atom, name);
  };
  std::size_t interior = 0;
  for (std::size_t i = 0; i < slab.interior.size(); ++i) {
    if (!slab.interior[i]) continue;
    ++interior;
    EXPECT_EQ(column("neighbours")[i], 4.0);
    EXPECT_NEAR(column("q4")[i], 0.50918, 1e-4);
    EXPECT_NEAR(column("q6")[i], 0.62854, 1e-4);
    EXPECT_NEAR(column("qb4")[i], 0.50918, 1e-4);
    EXPECT_NEAR(column("qb6")[i], 0.62854, 1e-4);
    EXPECT_EQ(column("hexagonal")[i], 1.0);
    EXPECT_EQ(column("rhombic")[i], 0.0);
  }
  ASSERT_GT(interior, 50U);
  // The lowest oxygen plane is 0.12 above the surface: layer 1, three neighbours.
  const std::size_t lowest = 144;
  EXPECT_EQ(column("layer")[lowest], 1.0);
  EXPECT_EQ(column("neighbours")[lowest], 3.0);
  const std::vector<std::string> names = engine.column_names();
  auto value = [&](const std::string& name) {
    return values[static_cast<std::size_t>(std::find(names.begin(), names.end(), name) -
                                           names.begin())];
  };
  EXPECT_GE(value("ice_largest"), static_cast<double>(interior));
  EXPECT_LE(value("ice_largest"), value("ice_total"));
  EXPECT_EQ(value("rhombic_largest"), 0.0);
  EXPECT_GT(value("hex_layer2"), 0.0);
  EXPECT_GT(value("hex_upper"), 0.0);
}

TEST(CvKinds, SphereCentredOnAnAtomFollowsIt) {
  const char* config = R"(
[groups]
all = "all"
[switches]
r = "TANH R_0=1.0"
[[atom]]
name = "w"
kind = "sphere"
group = "all"
switch = "r"
centre = { atom = 1 }
[[column]]
name = "w_sum"
of = "w"
group = "all"
)";
  io::Frame frame;
  frame.has_box = true;
  frame.box = Box::orthorhombic(10, 10, 10);
  frame.positions = {{1, 1, 1}, {9.5F, 1, 1}};  // 1.5 apart through the boundary
  const CvEngine engine(parse_cv_config(config, "sphere.toml"), named({"A", "B"}));
  EXPECT_NEAR(engine.evaluate(frame)[0], 1.0 + (1.0 - std::tanh(1.5)), 1e-6);
}

TEST(CvKinds, BetweenFollowsPlumedHistogramBead) {
  // Atom 0 sees atoms 1 and 2 (0.5 away) through a sharp switch, c = 2;
  // they see only atom 0 (1.0 apart from each other is beyond it), c = 1.
  // For atom 0 BETWEEN [1, 3] has x at its centre: Gaussian w = 0.5 * 2 = 1 gives
  // erf(1 / sqrt 2) = 0.682689; the triangular kernel covers it entirely.
  const char* config = R"(
[groups]
all = "all"
[switches]
sharp = "RATIONAL R_0=0.001 D_0=0.9 D_MAX=0.95"
[[atom]]
name = "c"
kind = "coordination"
group = "all"
switch = "sharp"
[[atom]]
name = "g"
kind = "between"
of = "c"
lower = 1
upper = 3
[[atom]]
name = "t"
kind = "between"
of = "c"
lower = 1
upper = 3
smear = 0.25
kernel = "triangular"
[[column]]
name = "g_sum"
of = "g"
group = "all"
)";
  io::Frame frame;
  frame.has_box = true;
  frame.box = Box::orthorhombic(10, 10, 10);
  frame.positions = {{5, 5, 5}, {5.5F, 5, 5}, {4.5F, 5, 5}};
  const CvEngine engine(parse_cv_config(config, "between.toml"), named({"A", "B", "C"}));
  std::vector<io::ExtraColumn> atoms;
  (void)engine.evaluate(frame, &atoms);
  EXPECT_NEAR(atoms[0].values[0], 2.0, 1e-9);
  EXPECT_NEAR(atoms[1].values[0], std::erf(1 / std::sqrt(2.0)), 1e-9);
  EXPECT_NEAR(atoms[2].values[0], 1.0, 1e-9);
  // Atoms 1 and 2 have c = 1, the lower edge: half a Gaussian inside.
  // Triangular with w = 0.5: F(1) - F(0) = 0.5.
  EXPECT_NEAR(atoms[1].values[1], 0.5 * std::erf(2 / std::sqrt(2.0)), 1e-9);
  EXPECT_NEAR(atoms[2].values[1], 0.5, 1e-9);
}

}  // namespace
}  // namespace nucleate::cv
