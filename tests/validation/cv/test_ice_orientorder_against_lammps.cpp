// The ice-hin preset's per-atom q4, q6, and nucleate's Steinhardt q4/q6 over
// the 4 nearest atoms, against LAMMPS' compute orientorder/atom on the same
// frames of a real LAMMPS run: 1920 mW water molecules freezing at 210 K from
// an ice Ih seed on a frozen close-packed surface (tests/data/ice-surface/).
//
// Reference: tests/data/ice-surface/orientorder.lammpstrj.gz, columns c_q[1]
// (q4) and c_q[2] (q6) of
//   compute q water orientorder/atom nnn 4 degrees 2 4 6
// evaluated by Debian 12's LAMMPS (lmp 29 Sep 2021 - Update 2, serial) in a
// `rerun` of steps 0, 12000 and 24000 (tests/data/ice-surface/in.mw, run by
// make_fixtures.sh; README.md there). Tolerance: 1e-5 per atom (measured worst
// 1.3e-6 direct, 1.6e-6 through the preset; positions are read as float).
// Molecules whose 4th and 5th nearest neighbours tie within 1e-4 A are left
// out. ctest: validation.cv.lammps-orientorder-ice.
//
// The physics of the same run (seed, bilayers, layers, the addition theorem)
// is tested in tests/unit/cv/test_ice_hin_on_lammps.cpp.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "cv/steinhardt.h"
#include "geom/neighbor_list.h"
#include "io/formats.h"
#include "support/cv_results.h"
#include "support/ice_surface.h"
#include "support/test_data.h"

namespace nucleate::cv {
namespace {

using testing::data_path;
using testing::values_named;

constexpr std::size_t kWater = 1920;  // ids 1..1920, type 1
constexpr std::size_t kAtoms = 2640;  // then 720 surface atoms, type 2

using testing::dump_column;
using testing::ice_definition;
using testing::ice_topology;
using testing::in_nm;
using testing::orientorder_frames;

// The k nearest of each row of a distance-sorted list.
geom::NeighborList nearest_of(const geom::NeighborList& list, std::size_t k) {
  return geom::keep_nearest(list, [k](std::size_t) { return k; });
}

// Worst |ours - LAMMPS| over the compared atoms, and how many exceed 1e-5.
struct Agreement {
  std::size_t compared = 0;
  std::size_t bad = 0;
  double worst = 0.0;
  std::size_t worst_atom = 0;
  void add(std::size_t atom, double ours, double reference) {
    ++compared;
    const double d = std::abs(ours - reference);
    bad += d > 1e-5;
    if (d > worst) {
      worst = d;
      worst_atom = atom;
    }
  }
};

TEST(IceHinOnLammps, Q4Q6MatchLammpsOrientorder) {
  const CvEngine engine(ice_definition(), ice_topology());
  const auto water = geom::all_indices(kWater);
  const auto all = geom::all_indices(kAtoms);
  for (const io::Frame& frame : orientorder_frames()) {
    SCOPED_TRACE("step " + std::to_string(frame.step));
    ASSERT_EQ(frame.atom_count(), kAtoms);
    const auto& lammps_q4 = dump_column(frame, "c_q[1]");
    const auto& lammps_q6 = dump_column(frame, "c_q[2]");

    // `compute q water orientorder/atom nnn 4 degrees 2 4 6`: the 4 nearest
    // atoms of any type within the pair cutoff (6 A); 0 with fewer there.
    // Every water molecule, surface neighbours included.
    const geom::PeriodicCell cell(frame.box);
    const auto within = geom::neighbors_within(cell, frame.positions, water, all, 6.0);
    const auto four = nearest_of(within, 4);
    // At step 0 the seed sits exactly where it was built: a first-layer seed
    // molecule has three surface atoms at exactly the same distance, and
    // when the 4th and 5th nearest tie, "the 4 nearest" is not one set
    // (LAMMPS' select3 and nucleate break the tie differently). Those are
    // left out, with the odd chance near-tie later in the run (1 at step
    // 24000).
    const auto five = nearest_of(within, 5);  // sorted rows: `within` is in search order
    std::vector<bool> tied(kWater, false);
    std::size_t ties = 0;
    for (std::size_t i = 0; i < kWater; ++i) {
      if (five.count(i) > 4) {
        const std::size_t e = five.offsets[i] + 3;
        tied[i] = five.distances[e + 1] - five.distances[e] < 1e-4F;
        ties += tied[i];
      }
    }
    EXPECT_LE(ties, frame.step == 0 ? 40U : 3U);
    Agreement direct;
    for (int l : {4, 6}) {
      BondOrderVectors q(l, kAtoms);
      SteinhardtOptions options;
      options.l = l;
      options.min_neighbors = 4;
      compute_bond_order(four, water, options, q);
      const auto& lammps = l == 4 ? lammps_q4 : lammps_q6;
      for (std::size_t i = 0; i < kWater; ++i)
        if (!tied[i]) direct.add(i, q.magnitude(i, SteinhardtNormalisation::standard), lammps[i]);
    }
    EXPECT_EQ(direct.bad, 0U) << "worst " << direct.worst << " at atom index " << direct.worst_atom;
    EXPECT_GE(direct.compared, 2 * (kWater - 40));

    // The preset (oxygen neighbours only, 0.367 nm layers, lengths in nm)
    // where it uses 4 neighbours: layer 2 and above. Its 4 nearest oxygens are
    // LAMMPS' 4 nearest atoms unless a surface atom is closer; 0.367 nm above
    // the surface top none is (checked).
    std::vector<io::ExtraColumn> columns;
    (void)engine.evaluate(in_nm(frame), &columns);
    const auto& layer = values_named(columns, "layer");
    const auto& q4 = values_named(columns, "q4");
    const auto& q6 = values_named(columns, "q6");
    Agreement preset;
    for (std::size_t i = 0; i < kWater; ++i) {
      if (layer[i] < 2.0 || tied[i]) continue;
      ASSERT_EQ(four.count(i), 4U) << "atom index " << i;  // none is in the vapour
      for (std::size_t e = four.offsets[i]; e < four.offsets[i + 1]; ++e)
        ASSERT_LT(four.indices[e], kWater) << "atom index " << i << " has a surface neighbour";
      preset.add(i, q4[i], lammps_q4[i]);
      preset.add(i, q6[i], lammps_q6[i]);
    }
    EXPECT_EQ(preset.bad, 0U) << "worst " << preset.worst << " at atom index " << preset.worst_atom;
    EXPECT_GT(preset.compared, 2 * 1600U);  // measured 1693-1706 atoms
  }
}

}  // namespace
}  // namespace nucleate::cv
