// The shipped presets, run through the same engine as any configuration: the
// LJ presets against the analytic values of a perfect fcc crystal, and the
// invariances every CV must have. The presets against PLUMED's and LAMMPS'
// own output are in tests/validation/cv/.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "io/formats.h"
#include "support/cv_results.h"
#include "support/test_data.h"

namespace nucleate::cv {
namespace {

using testing::column_index;
using testing::data_path;

// fcc at reduced density 1 (a = 4^(1/3)): 12 neighbours at a/sqrt(2) = 1.12,
// the next shell at a = 1.59, so a 1.5 cutoff sees exactly the first shell.
io::Frame fcc_frame(int cells) {
  const double a = std::cbrt(4.0);
  const double basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  io::Frame frame;
  frame.has_box = true;
  frame.box = Box::orthorhombic(a * cells, a * cells, a * cells);
  for (int i = 0; i < cells; ++i)
    for (int j = 0; j < cells; ++j)
      for (int k = 0; k < cells; ++k)
        for (const auto& b : basis)
          frame.positions.push_back({static_cast<float>(a * (i + b[0])),
                                     static_cast<float>(a * (j + b[1])),
                                     static_cast<float>(a * (k + b[2]))});
  return frame;
}

io::Topology blank_topology(std::size_t atoms) {
  io::Topology topology;
  topology.atoms.resize(atoms);
  return topology;
}

TEST(Presets, LjPresetsOnPerfectFcc) {
  const io::Frame frame = fcc_frame(6);
  const io::Topology topology = blank_topology(frame.atom_count());
  const CvEngine tenwolde(load_preset("lj-tenwolde"), topology);
  std::vector<io::ExtraColumn> per_atom;
  const auto values = tenwolde.evaluate(frame, &per_atom);
  EXPECT_EQ(values[column_index(tenwolde, "nsolid")], 864.0);
  EXPECT_EQ(values[column_index(tenwolde, "largest")], 864.0);
  EXPECT_NEAR(values[column_index(tenwolde, "q6_mean")], 0.57452, 1e-5);
  ASSERT_EQ(per_atom.size(), 3U);
  EXPECT_EQ(per_atom[1].name, "bonds");
  for (double bonds : per_atom[1].values) EXPECT_EQ(bonds, 12.0);

  const CvEngine nn12(load_preset("q6-nn12"), topology);
  const auto q = nn12.evaluate(frame);
  EXPECT_NEAR(q[column_index(nn12, "q4_mean")], 0.19094, 1e-5);
  EXPECT_NEAR(q[column_index(nn12, "q6_mean")], 0.57452, 1e-5);
}

TEST(Presets, LjTenWoldeSeesACrystalliteInAGas) {
  // Keep a ball of the crystal and scatter the rest far apart: the largest
  // cluster is the ball, surface atoms with fewer than 7 solid bonds drop out.
  io::Frame frame = fcc_frame(6);
  const double centre = 3 * std::cbrt(4.0);
  std::size_t inside = 0;
  for (auto& p : frame.positions) {
    const double dx = p[0] - centre, dy = p[1] - centre, dz = p[2] - centre;
    if (std::sqrt(dx * dx + dy * dy + dz * dz) < 2.5) {
      ++inside;
    } else {
      p = {p[0] * 5.0F, p[1] * 5.0F, p[2] * 5.0F};  // a dilute gas
    }
  }
  frame.box = Box::orthorhombic(30 * std::cbrt(4.0), 30 * std::cbrt(4.0), 30 * std::cbrt(4.0));
  const CvEngine tenwolde(load_preset("lj-tenwolde"), blank_topology(frame.atom_count()));
  const auto values = tenwolde.evaluate(frame);
  const double largest = values[column_index(tenwolde, "largest")];
  EXPECT_GT(largest, 10.0);
  EXPECT_LE(largest, static_cast<double>(inside));
  EXPECT_EQ(values[column_index(tenwolde, "nsolid")], largest);
}

TEST(Presets, NaclColumnsAreInvariantUnderTranslationWrappingAndOrder) {
  const io::Topology topology = io::read_topology(data_path("plumed-nacl/sol_ions_ref.gro"));
  auto reader = io::open_trajectory(data_path("plumed-nacl/sol_prod_ions.xtc"));
  reader->seek(200);
  io::Frame frame;
  ASSERT_TRUE(reader->read_next(frame));
  const CvEngine engine(load_preset("nacl-finney2022"), topology);
  const auto reference = engine.evaluate(frame);

  // Shift by a vector longer than the box and wrap back into it.
  io::Frame shifted = frame;
  const geom::PeriodicCell cell(frame.box);
  for (auto& p : shifted.positions) {
    const Vec3d moved{p[0] + 3.71, p[1] - 5.3, p[2] + 0.29};
    const Vec3d wrapped = cell.wrap(moved);
    p = {static_cast<float>(wrapped[0]), static_cast<float>(wrapped[1]),
         static_cast<float>(wrapped[2])};
  }
  // The sphere columns are centred on the box centre: compare the others.
  const auto moved = engine.evaluate(shifted);
  for (const char* name : {"n", "nq6", "cn_mean"}) {
    const std::size_t k = column_index(engine, name);
    EXPECT_NEAR(moved[k], reference[k], 1e-5 * std::max(1.0, std::abs(reference[k]))) << name;
  }

  // Reverse the atom order (names travel with the atoms).
  io::Frame reversed = frame;
  io::Topology reversed_topology = topology;
  std::reverse(reversed.positions.begin(), reversed.positions.end());
  std::reverse(reversed_topology.atoms.begin(), reversed_topology.atoms.end());
  const CvEngine reversed_engine(load_preset("nacl-finney2022"), reversed_topology);
  const auto values = reversed_engine.evaluate(reversed);
  for (std::size_t k = 0; k < values.size(); ++k)
    EXPECT_NEAR(values[k], reference[k], 1e-9 * std::max(1.0, std::abs(reference[k])));
}

}  // namespace
}  // namespace nucleate::cv
