// TRR frames written by GROMACS (single and double precision), compared with
// what `gmx dump` printed for the same files (tests/data/gromacs/).

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/formats.h"
#include "io/trr.h"
#include "support/gmx_dump.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;

// gmx dump prints 6 significant digits (%.5e): compare to that.
void expect_close(double ours, double reference, const std::string& what) {
  EXPECT_NEAR(ours, reference, 5e-6 * std::max(1.0, std::abs(reference)) + 1e-12) << what;
}

void compare_with_dump(const std::string& trr, const std::string& dump) {
  const auto reference = testing::read_gmx_dump(data_path(dump));
  ASSERT_FALSE(reference.empty());
  auto reader = open_trr(data_path(trr));
  Frame frame;
  for (std::size_t f = 0; f < reference.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    ASSERT_TRUE(reader->read_next(frame));
    const auto& ref = reference[f];
    ASSERT_EQ(static_cast<std::int64_t>(frame.atom_count()), ref.natoms);
    EXPECT_EQ(frame.step, ref.step);
    expect_close(frame.time, ref.time, "time");
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) expect_close(frame.box.vectors[r][c], ref.box[r][c], "box");
    const auto& x = ref.vectors.at("x");
    for (std::size_t i = 0; i < x.size(); ++i)
      for (int d = 0; d < 3; ++d) expect_close(frame.positions[i][d], x[i][d], "x");
    if (ref.vectors.count("v") != 0) {
      const auto& v = ref.vectors.at("v");
      ASSERT_EQ(frame.velocities.size(), v.size());
      for (std::size_t i = 0; i < v.size(); ++i)
        for (int d = 0; d < 3; ++d) expect_close(frame.velocities[i][d], v[i][d], "v");
    } else {
      EXPECT_TRUE(frame.velocities.empty());
    }
    if (ref.vectors.count("f") != 0) {
      const auto& force = ref.vectors.at("f");
      const ExtraColumn* fy = frame.find_extra("fy");
      ASSERT_NE(fy, nullptr);
      for (std::size_t i = 0; i < force.size(); ++i) expect_close(fy->values[i], force[i][1], "f");
    } else {
      EXPECT_EQ(frame.find_extra("fx"), nullptr);
    }
  }
  EXPECT_FALSE(reader->read_next(frame));
}

TEST(TrrReader, SinglePrecisionMatchesGmxDump) {
  compare_with_dump("gromacs/water.trr", "gromacs/water.trr.dump.txt");
}

TEST(TrrReader, DoublePrecisionTriclinicMatchesGmxDump) {
  compare_with_dump("gromacs/water_d.trr", "gromacs/water_d.trr.dump.txt");
}

TEST(TrrReader, RandomAccessEqualsSequentialReading) {
  auto reader = open_trr(data_path("gromacs/water_d.trr"));
  std::vector<Frame> frames;
  Frame frame;
  while (reader->read_next(frame)) frames.push_back(frame);
  EXPECT_EQ(reader->frame_count(), frames.size());
  for (std::size_t i : {3UL, 0UL, 4UL, 1UL}) {
    reader->seek(i);
    ASSERT_TRUE(reader->read_next(frame));
    EXPECT_EQ(frame.step, frames[i].step);
    EXPECT_EQ(frame.positions, frames[i].positions);
  }
  EXPECT_THROW(reader->seek(frames.size() + 1), UsageError);
}

TEST(TrrReader, StrideVisitsEveryOtherFrame) {
  auto reader = open_trajectory(data_path("gromacs/water.trr"));
  std::vector<std::int64_t> steps;
  const std::size_t n =
      for_each_frame(*reader, FrameRange{1, std::nullopt, 2},
                     [&](std::size_t, const Frame& f) { steps.push_back(f.step); });
  EXPECT_EQ(n, 2U);
  EXPECT_EQ(steps, (std::vector<std::int64_t>{5, 15}));
}

}  // namespace
}  // namespace nucleate::io
