// nucleate's Steinhardt q4/q6, ten Wolde solid bonds and solid clusters, and
// the lj-tenwolde preset, against LAMMPS' own per-atom output on the frames
// LAMMPS computed them from: a half-melted Lennard-Jones fcc crystal regrowing
// into its melt.
//
// Reference: tests/data/lammps-orientorder/orientorder.lammpstrj, written by
// Debian 12's LAMMPS (lmp 29 Sep 2021 - Update 2, serial) with
// `lmp -in in.lj` (tests/data/lammps-orientorder/make_fixtures.sh; in.lj and
// the README there say which compute - orientorder/atom, coord/atom
// orientorder, cluster/atom - wrote which column). Tolerance: 1e-5 per atom for
// q4/q6 (measured worst 2.8e-7, the reader's float positions); bond counts,
// cluster labels and sizes exact. ctests: validation.cv.lammps-orientorder-lj,
// validation.cv.lammps-lj-tenwolde-preset.
//
// LAMMPS' definitions (doc pages of the three computes, and their source):
// - orientorder/atom: qbar_lm = mean of Y_lm over the neighbours, unweighted;
//   Q_l = sqrt(4 pi/(2l+1) sum_m |qbar_lm|^2) (standard normalisation).
//   Neighbours are those closer than `cutoff` (default: the pair cutoff);
//   with `nnn N` only the N nearest of them, and atoms with fewer than N get
//   all zeros; with `nnn NULL` all of them.
// - coord/atom orientorder: neighbours within the orientorder compute's
//   cutoff whose normalised q_lm vectors have a dot product > threshold.
// - cluster/atom: connected components of the group's atoms, linked below
//   the cutoff; each atom gets the smallest atom id of its cluster, 0 when
//   it is outside the group.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "cv/bond_order_averages.h"
#include "cv/crystal_clusters.h"
#include "cv/cv_config.h"
#include "cv/cv_engine.h"
#include "cv/presets.h"
#include "cv/steinhardt.h"
#include "geom/neighbor_list.h"
#include "io/formats.h"
#include "io/lammps_dump.h"
#include "support/cv_results.h"
#include "support/test_data.h"

namespace nucleate::cv {
namespace {

using testing::data_path;

constexpr std::size_t kAtoms = 864;
constexpr std::size_t kFrames = 5;
// The dump prints %.10g, but the reader keeps positions as float: with
// |x| < 4.85 that rounds each coordinate by up to 2.4e-7 sigma. Measured
// over all atoms and frames, q4 and q6 differ from LAMMPS by at most 2.8e-7
// (the same sums in double precision agree to 3e-11; see the README).
constexpr double kTolerance = 1e-5;

const std::vector<double>& column(const io::Frame& frame, const std::string& name) {
  const auto* extra = frame.find_extra(name);
  if (extra == nullptr) throw std::runtime_error("dump has no column " + name);
  return extra->values;
}

// The k nearest of each row of a distance-sorted list.
geom::NeighborList nearest_of(const geom::NeighborList& list, std::size_t k) {
  return geom::keep_nearest(list, [k](std::size_t) { return k; });
}

std::vector<double> magnitudes(const BondOrderVectors& q) {
  std::vector<double> out(q.atom_count());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = q.magnitude(i, SteinhardtNormalisation::standard);
  return out;
}

// Per-atom comparison that reports how many atoms differ and the worst one,
// rather than one failure line per atom.
void expect_close(const std::vector<double>& ours, const std::vector<double>& lammps,
                  const std::string& what) {
  ASSERT_EQ(ours.size(), lammps.size());
  std::size_t bad = 0;
  std::size_t worst = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    const double d = std::abs(ours[i] - lammps[i]);
    if (d > kTolerance) ++bad;
    if (d > std::abs(ours[worst] - lammps[worst])) worst = i;
  }
  EXPECT_EQ(bad, 0U) << what << ": worst atom index " << worst << ", ours " << ours[worst]
                     << ", LAMMPS " << lammps[worst];
}

BondOrderVectors bond_order(const geom::NeighborList& list, const std::vector<std::uint32_t>& all,
                            int l, std::size_t min_neighbors) {
  BondOrderVectors q(l, kAtoms);
  SteinhardtOptions options;
  options.l = l;
  options.min_neighbors = min_neighbors;
  compute_bond_order(list, all, options, q);
  return q;
}

TEST(OrientOrderAgainstLammps, SteinhardtQ4Q6PerAtomEveryFrame) {
  auto reader = io::open_lammps_dump(data_path("lammps-orientorder/orientorder.lammpstrj"));
  io::Frame frame;
  std::size_t frames = 0;
  while (reader->read_next(frame)) {
    SCOPED_TRACE("step " + std::to_string(frame.step));
    ASSERT_EQ(frame.atom_count(), kAtoms);
    const geom::PeriodicCell cell(frame.box);
    const auto all = geom::all_indices(kAtoms);

    // `compute q46 all orientorder/atom`: the 12 nearest within the pair
    // cutoff 2.5. Every atom here has 12 within 2.5, so the cutoff never
    // binds and the 12 nearest are LAMMPS' 12.
    const auto twelve = geom::nearest_neighbors(cell, frame.positions, all, all, 12);
    for (std::size_t i = 0; i < kAtoms; ++i) {
      ASSERT_EQ(twelve.count(i), 12U);
      ASSERT_LT(twelve.distances[twelve.offsets[i + 1] - 1], 2.5F);
    }
    expect_close(magnitudes(bond_order(twelve, all, 4, 12)), column(frame, "c_q46[1]"),
                 "q4, 12 nearest");
    expect_close(magnitudes(bond_order(twelve, all, 6, 12)), column(frame, "c_q46[2]"),
                 "q6, 12 nearest");

    // `nnn NULL cutoff 1.5`: every neighbour within 1.5.
    const auto within = geom::neighbors_within(cell, frame.positions, all, all, 1.5);
    expect_close(magnitudes(bond_order(within, all, 6, 0)), column(frame, "c_q6c[1]"),
                 "q6, within 1.5");

    // `nnn 12 cutoff 1.35`: the 12 nearest within 1.35, zero for atoms with
    // fewer there. Both kinds occur in every frame (the test covers both).
    const auto close = geom::neighbors_within(cell, frame.positions, all, all, 1.35);
    const auto& q6n = column(frame, "c_q6n[1]");
    const auto zeroed = static_cast<std::size_t>(std::count(q6n.begin(), q6n.end(), 0.0));
    EXPECT_GT(zeroed, 100U);
    EXPECT_LT(zeroed, kAtoms - 100);
    expect_close(magnitudes(bond_order(nearest_of(close, 12), all, 6, 12)), q6n,
                 "q6, 12 nearest within 1.35");
    ++frames;
  }
  EXPECT_EQ(frames, kFrames);
}

// The same `nnn 12 cutoff 1.35` from a CV configuration file: a user writes
// `nearest` and `cutoff` together and gets LAMMPS's neighbours.
TEST(OrientOrderAgainstLammps, ConfigWithNearestAndCutoffIsLammpsNnnWithinCutoff) {
  const CvDefinition definition = parse_cv_config(R"(
[groups]
all = "all"
[[atom]]
name = "q6n"
kind = "steinhardt"
group = "all"
l = 6
normalisation = "standard"
nearest = 12
cutoff = 1.35
min_neighbors = 12
[[column]]
name = "q6n_mean"
of = "q6n"
group = "all"
reduce = "mean"
)",
                                                  "nnn-within-cutoff");
  auto reader = io::open_lammps_dump(data_path("lammps-orientorder/orientorder.lammpstrj"));
  io::Frame frame;
  std::size_t frames = 0;
  while (reader->read_next(frame)) {
    SCOPED_TRACE("step " + std::to_string(frame.step));
    const CvEngine engine(definition, *reader->topology());
    std::vector<io::ExtraColumn> per_atom;
    (void)engine.evaluate(frame, &per_atom, nullptr);
    expect_close(testing::values_named(per_atom, "q6n"), column(frame, "c_q6n[1]"),
                 "q6n from the config");
    ++frames;
  }
  EXPECT_EQ(frames, kFrames);
}

TEST(OrientOrderAgainstLammps, SolidBondsAndSolidClustersEveryFrame) {
  auto reader = io::open_lammps_dump(data_path("lammps-orientorder/orientorder.lammpstrj"));
  io::Frame frame;
  std::size_t frames = 0;
  std::size_t most_clusters = 0;
  while (reader->read_next(frame)) {
    SCOPED_TRACE("step " + std::to_string(frame.step));
    ASSERT_EQ(frame.atom_count(), kAtoms);
    const auto& atoms = reader->topology()->atoms;  // serial = LAMMPS atom id
    const geom::PeriodicCell cell(frame.box);
    const auto all = geom::all_indices(kAtoms);
    const auto within = geom::neighbors_within(cell, frame.positions, all, all, 1.5);
    const auto q6 = bond_order(within, all, 6, 0);

    // `compute coord all coord/atom orientorder q6c 0.5`.
    const auto bonds = count_solid_bonds(within, all, q6, 0.5);
    const auto& coord = column(frame, "c_coord");
    std::size_t bond_mismatches = 0;
    for (std::size_t i = 0; i < kAtoms; ++i)
      bond_mismatches += static_cast<double>(bonds[i]) != coord[i];
    EXPECT_EQ(bond_mismatches, 0U);

    // Solid atoms (7 or more solid bonds), clustered within 1.5 like
    // `compute clu solid cluster/atom 1.5` over the dynamic group `solid`.
    std::vector<bool> solid(kAtoms);
    for (std::size_t i = 0; i < kAtoms; ++i) solid[i] = bonds[i] >= 7;
    const auto clusters = find_crystal_clusters(within, all, solid);
    const auto solid_count = static_cast<std::size_t>(std::count(solid.begin(), solid.end(), true));
    EXPECT_GT(solid_count, 300U);  // crystal and melt both present
    EXPECT_LT(solid_count, 700U);

    // LAMMPS labels a cluster by its smallest atom id: equal labels atom by
    // atom mean the same partition.
    std::vector<std::int64_t> smallest_id(clusters.sizes.size(), INT64_MAX);
    for (std::size_t i = 0; i < kAtoms; ++i)
      if (clusters.id[i] >= 0)
        smallest_id[clusters.id[i]] = std::min(smallest_id[clusters.id[i]], atoms[i].serial);
    const auto& clu = column(frame, "c_clu");
    std::size_t label_mismatches = 0;
    std::map<std::int64_t, std::size_t> lammps_sizes;
    for (std::size_t i = 0; i < kAtoms; ++i) {
      const std::int64_t ours = clusters.id[i] >= 0 ? smallest_id[clusters.id[i]] : 0;
      label_mismatches += static_cast<double>(ours) != clu[i];
      if (clu[i] != 0.0) ++lammps_sizes[static_cast<std::int64_t>(clu[i])];
    }
    EXPECT_EQ(label_mismatches, 0U);
    std::vector<std::size_t> sizes;
    for (const auto& [label, size] : lammps_sizes) sizes.push_back(size);
    std::sort(sizes.rbegin(), sizes.rend());
    EXPECT_EQ(sizes, clusters.sizes);  // ours are ordered by decreasing size
    EXPECT_EQ(clusters.largest(), sizes.empty() ? 0 : sizes.front());
    most_clusters = std::max(most_clusters, clusters.sizes.size());
    ++frames;
  }
  EXPECT_EQ(frames, kFrames);
  EXPECT_GE(most_clusters, 3U);  // small solid clusters in the melt, not only the slab
}

// The same definitions in LAMMPS (orientorder/atom cutoff 1.5, coord/atom
// orientorder 0.5, cluster/atom 1.5 over atoms with >= 7 bonds) wrote their
// per-atom results into the dump next to the positions.
TEST(Presets, LjTenWoldeMatchesLammpsEveryFrame) {
  auto reader = io::open_trajectory(data_path("lammps-orientorder/orientorder.lammpstrj"));
  io::Frame frame;
  std::optional<CvEngine> engine;
  std::size_t frames = 0;
  while (reader->read_next(frame)) {
    if (!engine) engine.emplace(load_preset("lj-tenwolde"), *reader->topology());
    std::vector<CrystalClusterSizes> sizes;
    const auto values = engine->evaluate(frame, nullptr, &sizes);
    const auto& bonds = testing::values_named(frame.extra, "c_coord");
    const auto& cluster = testing::values_named(frame.extra, "c_clu");
    const auto& q6 = testing::values_named(frame.extra, "c_q6c[1]");
    double solid = 0, q6_sum = 0;
    std::map<double, std::size_t> members;  // LAMMPS labels a cluster by its smallest atom id
    for (std::size_t i = 0; i < frame.atom_count(); ++i) {
      solid += bonds[i] >= 7 ? 1 : 0;
      q6_sum += q6[i];
      if (cluster[i] > 0) ++members[cluster[i]];
    }
    std::vector<std::size_t> lammps_histogram;
    for (const auto& [label, n] : members) {
      if (lammps_histogram.size() <= n) lammps_histogram.resize(n + 1, 0);
      ++lammps_histogram[n];
    }
    EXPECT_EQ(values[testing::column_index(*engine, "nsolid")], solid) << "frame " << frames;
    EXPECT_EQ(values[testing::column_index(*engine, "largest")],
              static_cast<double>(lammps_histogram.size() - 1));
    EXPECT_NEAR(values[testing::column_index(*engine, "q6_mean")],
                q6_sum / static_cast<double>(frame.atom_count()), 1e-6);
    ASSERT_EQ(sizes.size(), 1U);
    EXPECT_EQ(sizes[0].histogram, lammps_histogram) << "frame " << frames;
    ++frames;
  }
  EXPECT_EQ(frames, 5U);
}

}  // namespace
}  // namespace nucleate::cv
