// Perfect crystals, where the answers are known without any code: shell
// counts, LOCAL_Q6 = 1, and the same values for any equivalent description of
// the periodic cell. Literature Steinhardt values (hcp among them) are in
// tests/validation/cv/test_steinhardt_literature.cpp.

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "support/cv_results.h"
#include "support/lattices.h"

namespace nucleate::cv {
namespace {

using testing::kFccBasis;
using testing::make_lattice;
using testing::values_named;

// Rock salt, a = 0.564 nm: Na on an fcc lattice, Cl on the one shifted by a/2.
struct RockSalt {
  io::Frame frame;
  io::Topology topology;
};

RockSalt rock_salt(int cells) {
  const double a = 0.564;
  const auto na = make_lattice(kFccBasis, {cells, cells, cells}, {a, a, a});
  std::vector<std::array<double, 3>> cl_basis;
  for (const auto& b : kFccBasis) cl_basis.push_back({b[0] + 0.5, b[1], b[2]});
  const auto cl = make_lattice(cl_basis, {cells, cells, cells}, {a, a, a});
  RockSalt out;
  out.frame.has_box = true;
  out.frame.box = na.box;
  for (const auto& p : na.positions) {
    out.frame.positions.push_back(p);
    out.topology.atoms.push_back({"NA", "", "", "NA", 1, 0});
  }
  for (const auto& p : cl.positions) {
    out.frame.positions.push_back(p);
    out.topology.atoms.push_back({"CL", "", "", "CL", 1, 0});
  }
  return out;
}

TEST(Lattices, RockSaltIsFullyCrystallineForTheNaclPreset) {
  const RockSalt crystal = rock_salt(4);
  const CvEngine engine(load_preset("nacl-finney2022"), crystal.topology);
  std::vector<io::ExtraColumn> atoms;
  const auto values = engine.evaluate(crystal.frame, &atoms);
  // Every Na (and every Cl) is the same site up to a translation: identical
  // q6 vectors, so LOCAL_Q6 among same-charge ions is exactly 1, the filter
  // lets every ion through, and the filtered coordination equals the plain one.
  for (std::size_t i = 0; i < crystal.frame.atom_count(); ++i) {
    EXPECT_NEAR(values_named(atoms, "S")[i], 1.0, 1e-9);
    EXPECT_EQ(values_named(atoms, "f")[i], 1.0);
    EXPECT_NEAR(values_named(atoms, "cq")[i], values_named(atoms, "c")[i], 1e-12);
    EXPECT_NEAR(values_named(atoms, "c")[i], values_named(atoms, "c")[0], 1e-5);
  }
  EXPECT_NEAR(values[0], values[1], 1e-9);  // n == nq6
}

TEST(Lattices, SharpCoordinationCountsTheShell) {
  // s = 1 up to 0.3 nm and ~0 beyond 0.35: the first Na-Cl shell (0.282 nm,
  // 6 ions) and nothing of the second (0.488 nm, 8 ions).
  const char* config = R"(
[groups]
na = "name NA"
cl = "name CL"
[switches]
first = "RATIONAL R_0=0.001 D_0=0.3 D_MAX=0.35"
second = "RATIONAL R_0=0.001 D_0=0.5 D_MAX=0.55"
[[atom]]
name = "first"
kind = "coordination"
pairs = [["na", "cl"]]
switch = "first"
[[atom]]
name = "both"
kind = "coordination"
pairs = [["na", "cl"]]
switch = "second"
[[column]]
name = "first_mean"
of = "first"
group = "na"
reduce = "mean"
[[column]]
name = "both_mean"
of = "both"
group = "na"
reduce = "mean"
)";
  const RockSalt crystal = rock_salt(4);
  const CvEngine engine(parse_cv_config(config, "shells.toml"), crystal.topology);
  const auto values = engine.evaluate(crystal.frame);
  EXPECT_NEAR(values[0], 6.0, 1e-9);
  EXPECT_NEAR(values[1], 14.0, 1e-9);
}

TEST(Lattices, EquivalentTriclinicCellsGiveTheSameValues) {
  // The same infinite fcc crystal described by the cubic cell and by a
  // sheared one (b' = b + a, c' = c - b): same lattice, other vectors.
  const auto fcc = make_lattice(kFccBasis, {6, 6, 6}, {1, 1, 1});
  io::Frame cubic;
  cubic.has_box = true;
  cubic.box = fcc.box;
  cubic.positions = fcc.positions;
  // Rattle the atoms so the test is not about a perfect crystal only.
  std::uint32_t seed = 12345;
  for (auto& p : cubic.positions)
    for (float& x : p) {
      seed = seed * 1664525U + 1013904223U;
      x += 0.05F * (static_cast<float>(seed >> 8) / 16777216.0F - 0.5F);
    }
  io::Frame sheared = cubic;
  auto& h = sheared.box.vectors;
  h[1] = {h[1][0] + h[0][0], h[1][1] + h[0][1], h[1][2] + h[0][2]};
  h[2] = {h[2][0] - cubic.box.vectors[1][0], h[2][1] - cubic.box.vectors[1][1],
          h[2][2] - cubic.box.vectors[1][2]};
  const CvEngine engine(parse_cv_config(testing::kQ4Q6Nearest12, "q12.toml"),
                        testing::blank_topology(cubic.atom_count()));
  std::vector<io::ExtraColumn> a;
  std::vector<io::ExtraColumn> b;
  (void)engine.evaluate(cubic, &a);
  (void)engine.evaluate(sheared, &b);
  for (std::size_t i = 0; i < cubic.atom_count(); ++i) {
    EXPECT_NEAR(values_named(a, "q6")[i], values_named(b, "q6")[i], 1e-6);
    EXPECT_NEAR(values_named(a, "q4")[i], values_named(b, "q4")[i], 1e-6);
  }
}

}  // namespace
}  // namespace nucleate::cv
