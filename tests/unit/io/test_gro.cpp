// GRO files written by `gmx trjconv` from the TRR fixtures: the same frames
// must come out, to the GRO file's printed precision, as `gmx dump` printed
// for the TRR.

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/gro.h"
#include "support/gmx_dump.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;

void compare_gro_with_trr_dump(const std::string& gro, const std::string& dump, double tolerance,
                               bool velocities) {
  const auto reference = testing::read_gmx_dump(data_path(dump));
  auto reader = open_gro(data_path(gro));
  Frame frame;
  std::size_t f = 0;
  while (reader->read_next(frame)) {
    SCOPED_TRACE("frame " + std::to_string(f));
    ASSERT_LT(f, reference.size());
    const auto& ref = reference[f];
    ASSERT_EQ(static_cast<std::int64_t>(frame.atom_count()), ref.natoms);
    EXPECT_EQ(frame.step, ref.step);
    EXPECT_NEAR(frame.time, ref.time, 1e-6);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) EXPECT_NEAR(frame.box.vectors[r][c], ref.box[r][c], 1e-5);
    const auto& x = ref.vectors.at("x");
    for (std::size_t i = 0; i < x.size(); ++i)
      for (int d = 0; d < 3; ++d) ASSERT_NEAR(frame.positions[i][d], x[i][d], tolerance) << i;
    ASSERT_EQ(frame.velocities.empty(), !velocities);
    if (velocities) {
      const auto& v = ref.vectors.at("v");
      for (std::size_t i = 0; i < v.size(); ++i)
        for (int d = 0; d < 3; ++d)
          ASSERT_NEAR(frame.velocities[i][d], v[i][d], tolerance / 10) << i;
    }
    ++f;
  }
  EXPECT_GT(f, 1U);
}

TEST(GroReader, MultiFrameWithVelocitiesMatchesTrr) {
  // %8.3f positions, %8.4f velocities: half a unit of the last digit.
  compare_gro_with_trr_dump("gromacs/water.gro", "gromacs/water.trr.dump.txt", 5.1e-4, true);
}

TEST(GroReader, TriclinicMatchesDoublePrecisionTrr) {
  compare_gro_with_trr_dump("gromacs/triclinic.gro", "gromacs/water_d.trr.dump.txt", 5.1e-4, true);
}

TEST(GroReader, TopologyFromFirstFrame) {
  auto reader = open_gro(data_path("gromacs/water.gro"));
  Frame frame;
  ASSERT_TRUE(reader->read_next(frame));
  const Topology* top = reader->topology();
  ASSERT_NE(top, nullptr);
  ASSERT_EQ(top->size(), 303U);
  EXPECT_EQ(top->atoms[0].name, "OW");
  EXPECT_EQ(top->atoms[0].residue_name, "SOL");
  EXPECT_EQ(top->atoms[2].name, "HW2");
  EXPECT_EQ(top->atoms[302].residue_id, 101);
  EXPECT_EQ(top->atoms[302].serial, 303);
  EXPECT_EQ(top->select("name OW").size(), 101U);
  EXPECT_EQ(top->select("resid 1-10 and name HW*").size(), 20U);
}

TEST(GroWriter, RoundTripKeepsNamesPositionsAndTriclinicBox) {
  testing::ScratchDir scratch;
  auto reader = open_gro(data_path("gromacs/triclinic.gro"));
  Frame original;
  ASSERT_TRUE(reader->read_next(original));
  const Topology topology = *reader->topology();
  auto writer = create_gro_writer(scratch.file("out.gro"));
  writer->write(original, &topology);
  writer->close();

  auto again = open_gro(scratch.file("out.gro"));
  Frame copy;
  ASSERT_TRUE(again->read_next(copy));
  ASSERT_EQ(copy.atom_count(), original.atom_count());
  for (std::size_t i = 0; i < copy.atom_count(); ++i)
    for (int d = 0; d < 3; ++d) EXPECT_NEAR(copy.positions[i][d], original.positions[i][d], 5.1e-4);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(copy.box.vectors[r][c], original.box.vectors[r][c], 1e-5);
  EXPECT_EQ(again->topology()->atoms[5].name, topology.atoms[5].name);
  EXPECT_EQ(again->topology()->atoms[5].residue_id, topology.atoms[5].residue_id);
  EXPECT_FALSE(again->read_next(copy));
}

TEST(GroReader, ShortAtomLineNamesTheLine) {
  testing::ScratchDir scratch;
  const std::string path = scratch.file("bad.gro");
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(
      "title\n    2\n    1SOL     OW    1   0.831   0.814   0.818\n    1SOL    HW1    2   0.8\n"
      "   1.0 1.0 1.0\n",
      f);
  std::fclose(f);
  auto reader = open_gro(path);
  Frame frame;
  try {
    reader->read_next(frame);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 4);
    EXPECT_EQ(e.where().frame, 0);
    EXPECT_NE(std::string(e.what()).find("bad.gro: line 4, frame 0"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace nucleate::io
