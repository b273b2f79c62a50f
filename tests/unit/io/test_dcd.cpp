// DCD reader against files MDAnalysis wrote from GROMACS trajectories
// (tests/data/dcd/README.md): positions and boxes are compared with `gmx dump`
// of the source XTC (x 10 for nm -> Angstrom), times and cells with what
// MDAnalysis itself reads back from the DCD.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/dcd.h"
#include "misc_reference.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;
using testing::GmxDumpFrame;
using testing::read_gmx_dump;

std::vector<Frame> read_all(const std::string& path) {
  auto reader = open_dcd(path);
  std::vector<Frame> frames;
  Frame frame;
  while (reader->read_next(frame)) frames.push_back(frame);
  return frames;
}

void expect_matches_gmx(const Frame& frame, const GmxDumpFrame& reference, double box_tolerance) {
  ASSERT_EQ(frame.atom_count(), reference.vectors.at("x").size());
  for (std::size_t i = 0; i < reference.vectors.at("x").size(); ++i) {
    for (std::size_t d = 0; d < 3; ++d) {
      ASSERT_NEAR(frame.positions[i][d], 10.0 * reference.vectors.at("x")[i][d], 1e-4)
          << "atom " << i;
    }
  }
  ASSERT_TRUE(frame.has_box);
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t d = 0; d < 3; ++d) {
      EXPECT_NEAR(frame.box.vectors[r][d], 10.0 * reference.box[r][d], box_tolerance)
          << "box[" << r << "][" << d << "]";
    }
  }
}

// MDAnalysis' report: "frame time A B C alpha beta gamma", then the
// positions of atoms 0 and 299 on two lines.
struct MdaFrame {
  double time = 0;
  std::array<double, 6> dimensions{};
  std::array<testing::Row3, 2> atoms{};
};

std::vector<MdaFrame> read_mdanalysis(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // comment
  std::vector<MdaFrame> frames;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    MdaFrame frame;
    int index = 0;
    fields >> index >> frame.time;
    for (double& x : frame.dimensions) fields >> x;
    for (auto& atom : frame.atoms) {
      std::getline(in, line);
      std::istringstream xyz(line);
      xyz >> atom[0] >> atom[1] >> atom[2];
    }
    frames.push_back(frame);
  }
  return frames;
}

enum class Times { compare, ignore };

void expect_matches_mdanalysis(const std::vector<Frame>& frames, const std::string& report,
                               Times times = Times::compare) {
  const auto reference = read_mdanalysis(report);
  ASSERT_EQ(frames.size(), reference.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    const MdaFrame& mda = reference[k];
    if (times == Times::compare) {
      EXPECT_NEAR(frames[k].time, mda.time, 1e-6) << "frame " << k;
    }
    const Vec3d lengths = frames[k].box.lengths();
    const Vec3d angles = frames[k].box.angles_deg();
    for (std::size_t d = 0; d < 3; ++d) {
      EXPECT_NEAR(lengths[d], mda.dimensions[d], 1e-5) << "frame " << k;
      EXPECT_NEAR(angles[d], mda.dimensions[3 + d], 1e-4) << "frame " << k;
      EXPECT_FLOAT_EQ(frames[k].positions[0][d], static_cast<float>(mda.atoms[0][d]));
      EXPECT_FLOAT_EQ(frames[k].positions[299][d], static_cast<float>(mda.atoms[1][d]));
    }
  }
}

void expect_same_frames(const std::vector<Frame>& a, const std::vector<Frame>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].positions, b[k].positions) << "frame " << k;
    EXPECT_EQ(a[k].step, b[k].step);
    EXPECT_DOUBLE_EQ(a[k].time, b[k].time);
    EXPECT_EQ(a[k].has_box, b[k].has_box);
    for (std::size_t r = 0; r < 3; ++r) {
      for (std::size_t d = 0; d < 3; ++d) {
        EXPECT_NEAR(a[k].box.vectors[r][d], b[k].box.vectors[r][d], 1e-9);
      }
    }
  }
}

TEST(DcdReader, RectangularWaterMatchesGromacs) {
  auto reader = open_dcd(data_path("dcd/water.dcd"));
  EXPECT_EQ(reader->format_name(), "dcd");
  EXPECT_EQ(reader->length_unit(), LengthUnit::angstrom);
  EXPECT_EQ(reader->topology(), nullptr);
  const auto reference = read_gmx_dump(data_path("pdb/water.xtc.dump.txt"));
  const auto frames = read_all(data_path("dcd/water.dcd"));
  ASSERT_EQ(frames.size(), 5U);
  ASSERT_EQ(reference.size(), 5U);
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE(k);
    expect_matches_gmx(frames[k], reference[k], 1e-4);
    EXPECT_TRUE(frames[k].box.is_orthorhombic());
    // Written with ISTART 0, NSAVC 10 and the MD time step, as GROMACS saved.
    EXPECT_EQ(frames[k].step, reference[k].step);
    EXPECT_NEAR(frames[k].time, reference[k].time, 1e-6);
    EXPECT_TRUE(frames[k].velocities.empty());
  }
  expect_matches_mdanalysis(frames, data_path("dcd/water.dcd.mdanalysis.txt"));
}

TEST(DcdReader, TriclinicDegreesMatchGromacsAndMdanalysis) {
  const auto reference = read_gmx_dump(data_path("pdb/tric.xtc.dump.txt"));
  const auto frames = read_all(data_path("dcd/tric.dcd"));
  ASSERT_EQ(frames.size(), reference.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE(k);
    // The cell went through lengths and float angles (59.999954 degrees).
    expect_matches_gmx(frames[k], reference[k], 1e-3);
    EXPECT_FALSE(frames[k].box.is_orthorhombic());
    // ISTART = NSAVC = 10 (CHARMM's default): one save interval later.
    EXPECT_EQ(frames[k].step, reference[k].step + 10);
  }
  expect_matches_mdanalysis(frames, data_path("dcd/tric.dcd.mdanalysis.txt"));
}

TEST(DcdReader, CellAsCosinesEqualsCellInDegrees) {
  const auto degrees = read_all(data_path("dcd/tric.dcd"));
  const auto cosines = read_all(data_path("dcd/tric_cosines.dcd"));
  expect_same_frames(degrees, cosines);
  expect_matches_mdanalysis(cosines, data_path("dcd/tric_cosines.dcd.mdanalysis.txt"));
}

TEST(DcdReader, BigEndianEqualsLittleEndian) {
  const auto native = read_all(data_path("dcd/water.dcd"));
  const auto swapped = read_all(data_path("dcd/water_bigendian.dcd"));
  expect_same_frames(native, swapped);
  // MDAnalysis 2.4 does not byte-swap DELTA (its times for this file are
  // -2.6e21 ps apart); its positions and cell are compared.
  expect_matches_mdanalysis(swapped, data_path("dcd/water_bigendian.dcd.mdanalysis.txt"),
                            Times::ignore);
}

TEST(DcdReader, SixtyFourBitMarkersEqualThirtyTwoBit) {
  expect_same_frames(read_all(data_path("dcd/tric.dcd")),
                     read_all(data_path("dcd/tric_marker64.dcd")));
}

TEST(DcdReader, LammpsTimeStepIsNotConverted) {
  // Header as LAMMPS writes it: DELTA = 2.0 in LAMMPS' own time unit.
  const auto frames = read_all(data_path("dcd/lammps_header.dcd"));
  const auto water = read_all(data_path("dcd/water.dcd"));
  ASSERT_EQ(frames.size(), water.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    EXPECT_EQ(frames[k].step, static_cast<std::int64_t>(10 * k));
    EXPECT_DOUBLE_EQ(frames[k].time, 2.0 * static_cast<double>(10 * k));
    EXPECT_EQ(frames[k].positions, water[k].positions);
  }
}

TEST(DcdReader, CountSeekAndSkip) {
  const auto all = read_all(data_path("dcd/tric.dcd"));
  auto reader = open_dcd(data_path("dcd/tric.dcd"));
  EXPECT_EQ(reader->frame_count(), 5U);
  Frame frame;
  reader->seek(3);
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.positions, all[3].positions);
  EXPECT_EQ(frame.step, all[3].step);
  reader->seek(0);
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.positions, all[0].positions);
  ASSERT_TRUE(reader->skip_next());
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.positions, all[2].positions);
  reader->seek(4);
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_FALSE(reader->read_next(frame));
  EXPECT_THROW(reader->seek(6), UsageError);

  // Counting before any read scans the file by frame size.
  auto fresh = open_dcd(data_path("dcd/water_bigendian.dcd"));
  EXPECT_EQ(fresh->frame_count(), 5U);
  ASSERT_TRUE(fresh->read_next(frame));
  EXPECT_EQ(frame.step, 0);
}

class DcdFaults : public ::testing::Test {
 protected:
  testing::ScratchDir scratch;
  std::string original = testing::read_bytes(data_path("dcd/water.dcd"));

  std::string write(const std::string& bytes) {
    const std::string path = scratch.file("broken.dcd");
    testing::write_bytes(path, bytes);
    return path;
  }
};

TEST_F(DcdFaults, TruncatedLastFrameIsAnInputErrorAfterTheGoodFrames) {
  const std::string path = write(original.substr(0, original.size() - 100));
  auto reader = open_dcd(path);
  Frame frame;
  for (int k = 0; k < 4; ++k) ASSERT_TRUE(reader->read_next(frame));
  try {
    reader->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().frame, 4);
    EXPECT_NE(e.reason().find("truncated"), std::string::npos) << e.what();
  }
  EXPECT_THROW(open_dcd(path)->frame_count(), InputError);
}

TEST_F(DcdFaults, TruncatedHeader) {
  auto reader = open_dcd(write(original.substr(0, 50)));
  Frame frame;
  EXPECT_THROW(reader->read_next(frame), InputError);
  auto empty = open_dcd(write(""));
  EXPECT_THROW(empty->read_next(frame), InputError);
}

TEST_F(DcdFaults, HeaderOnlyFileHasNoFrames) {
  // 4 + 84 + 4 header, title record of 4 + 4 + 3 * 80 + 4, atom count record.
  const std::size_t header = 92 + (12 + 3 * 80) + 12;
  auto reader = open_dcd(write(original.substr(0, header)));
  Frame frame;
  EXPECT_FALSE(reader->read_next(frame));
  EXPECT_EQ(reader->frame_count(), 0U);
}

TEST_F(DcdFaults, NotADcd) {
  std::string bytes = original;
  bytes[0] = 85;
  Frame frame;
  try {
    open_dcd(write(bytes))->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.reason().find("84"), std::string::npos) << e.what();
  }
  bytes = original;
  std::memcpy(bytes.data() + 4, "CORE", 4);
  try {
    open_dcd(write(bytes))->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.reason().find("CORD"), std::string::npos) << e.what();
  }
}

TEST_F(DcdFaults, FixedAtomsAreRejected) {
  std::string bytes = original;
  const std::int32_t fixed = 10;
  std::memcpy(bytes.data() + 8 + 4 * 8, &fixed, 4);  // ICNTRL[8] = NAMNF
  Frame frame;
  try {
    open_dcd(write(bytes))->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.reason().find("fixed atoms"), std::string::npos) << e.what();
  }
}

TEST_F(DcdFaults, WrongRecordMarkerInAFrame) {
  std::string bytes = original;
  const std::size_t header = 92 + (12 + 3 * 80) + 12;
  const std::size_t frame_bytes = 56 + 3 * (8 + 4 * 300);
  // Frame 1's X record marker.
  const std::int32_t wrong = 1234;
  std::memcpy(bytes.data() + header + frame_bytes + 56, &wrong, 4);
  auto reader = open_dcd(write(bytes));
  Frame frame;
  ASSERT_TRUE(reader->read_next(frame));
  try {
    reader->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().frame, 1);
    EXPECT_NE(e.reason().find("1234"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nucleate::io
