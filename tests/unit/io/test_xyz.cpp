// XYZ / extended XYZ reader and writer (tests/data/xyz/README.md):
// LAMMPS' `dump xyz` against its `dump custom` of the same steps, the
// extended XYZ made from that dump against the dump itself, MDAnalysis' XYZ
// and a numpy-written extended XYZ of a GROMACS run against `gmx dump`.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/xyz.h"
#include "io/xyz_comment.h"
#include "misc_reference.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;
using testing::read_gmx_dump;
using testing::read_lammps_dump;

std::vector<Frame> read_all(TrajectoryReader& reader) {
  std::vector<Frame> frames;
  Frame frame;
  while (reader.read_next(frame)) frames.push_back(frame);
  return frames;
}

// %g prints 6 significant digits: 5e-6 relative.
void expect_close(double value, double reference, double relative) {
  EXPECT_NEAR(value, reference, relative * std::max(1.0, std::abs(reference)));
}

TEST(XyzReader, LammpsDumpXyzMatchesDumpCustom) {
  auto reader = open_xyz(data_path("xyz/lammps.xyz"));
  EXPECT_EQ(reader->format_name(), "xyz");
  EXPECT_EQ(reader->length_unit(), LengthUnit::angstrom);
  const auto frames = read_all(*reader);
  const auto reference = read_lammps_dump(data_path("xyz/lammps.dump"));
  ASSERT_EQ(frames.size(), 4U);
  ASSERT_EQ(reference.size(), 4U);
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE("frame " + std::to_string(k));
    const Frame& frame = frames[k];
    EXPECT_EQ(frame.step, reference[k].step);  // from "Atoms. Timestep: N"
    EXPECT_FALSE(frame.has_box);
    ASSERT_EQ(frame.atom_count(), reference[k].rows.size());
    for (std::size_t i = 0; i < frame.atom_count(); ++i) {
      expect_close(frame.positions[i][0], reference[k].number(i, "x"), 1e-5);
      expect_close(frame.positions[i][1], reference[k].number(i, "y"), 1e-5);
      expect_close(frame.positions[i][2], reference[k].number(i, "z"), 1e-5);
    }
    EXPECT_TRUE(frame.velocities.empty());
    EXPECT_TRUE(frame.extra.empty());
  }
  const Topology* topology = reader->topology();
  ASSERT_NE(topology, nullptr);
  ASSERT_EQ(topology->size(), 108U);
  const auto& first = reference[0];
  for (std::size_t i = 0; i < topology->size(); ++i) {
    const std::string& element = first.rows[i][first.column.at("element")];
    EXPECT_EQ(topology->atoms[i].name, element);
    EXPECT_EQ(topology->atoms[i].element, element);
  }
  EXPECT_GT(topology->species_counts().at("Kr"), 0U);
}

void expect_matches_lammps_dump(const std::vector<Frame>& frames) {
  const auto reference = read_lammps_dump(data_path("xyz/lammps.dump"));
  ASSERT_EQ(frames.size(), reference.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE("frame " + std::to_string(k));
    const Frame& frame = frames[k];
    const auto& dump = reference[k];
    EXPECT_EQ(frame.step, dump.step);
    EXPECT_DOUBLE_EQ(frame.time, 0.005 * static_cast<double>(dump.step));  // units lj time step
    ASSERT_TRUE(frame.has_box);
    const auto box = dump.box_vectors();
    for (std::size_t r = 0; r < 3; ++r) {
      for (std::size_t d = 0; d < 3; ++d) EXPECT_NEAR(frame.box.vectors[r][d], box[r][d], 1e-12);
    }
    ASSERT_EQ(frame.atom_count(), dump.rows.size());
    ASSERT_EQ(frame.velocities.size(), dump.rows.size());
    // Extra columns: force (R:3), c_pe (R:1), id and type (I:1).
    ASSERT_EQ(frame.extra.size(), 6U);
    const char* names[] = {"force_0", "force_1", "force_2", "c_pe", "id", "type"};
    const char* dump_names[] = {"fx", "fy", "fz", "c_pe", "id", "type"};
    for (std::size_t c = 0; c < 6; ++c) {
      EXPECT_EQ(frame.extra[c].name, names[c]);
      ASSERT_EQ(frame.extra[c].values.size(), dump.rows.size());
    }
    for (std::size_t i = 0; i < frame.atom_count(); ++i) {
      const char* xyz[] = {"x", "y", "z"};
      const char* v[] = {"vx", "vy", "vz"};
      for (std::size_t d = 0; d < 3; ++d) {
        EXPECT_FLOAT_EQ(frame.positions[i][d], static_cast<float>(dump.number(i, xyz[d])));
        EXPECT_FLOAT_EQ(frame.velocities[i][d], static_cast<float>(dump.number(i, v[d])));
      }
      for (std::size_t c = 0; c < 6; ++c) {
        EXPECT_DOUBLE_EQ(frame.extra[c].values[i], dump.number(i, dump_names[c]));
      }
    }
  }
}

TEST(XyzReader, ExtendedXyzFromLammpsMatchesDump) {
  auto reader = open_xyz(data_path("xyz/lammps.extxyz"));
  const auto frames = read_all(*reader);
  expect_matches_lammps_dump(frames);
  ASSERT_NE(reader->topology(), nullptr);
  EXPECT_EQ(reader->topology()->atoms[0].name, "Ar");
}

TEST(XyzReader, GzipIsTransparent) {
  auto plain = open_xyz(data_path("xyz/lammps.extxyz"));
  auto packed = open_xyz(data_path("xyz/lammps.extxyz.gz"));
  const auto a = read_all(*plain);
  const auto b = read_all(*packed);
  expect_matches_lammps_dump(b);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) EXPECT_EQ(a[k].positions, b[k].positions);
  EXPECT_EQ(packed->frame_count(), 4U);
  packed->seek(2);
  Frame frame;
  ASSERT_TRUE(packed->read_next(frame));
  EXPECT_EQ(frame.positions, a[2].positions);
}

TEST(XyzReader, MdanalysisXyzMatchesGromacs) {
  auto reader = open_xyz(data_path("xyz/water.xyz"));
  const auto frames = read_all(*reader);
  const auto reference = read_gmx_dump(data_path("pdb/water.xtc.dump.txt"));
  ASSERT_EQ(frames.size(), reference.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE("frame " + std::to_string(k));
    EXPECT_EQ(frames[k].step, static_cast<std::int64_t>(k));  // no step in the file
    EXPECT_FALSE(frames[k].has_box);
    ASSERT_EQ(frames[k].atom_count(), reference[k].vectors.at("x").size());
    for (std::size_t i = 0; i < frames[k].atom_count(); ++i) {
      for (std::size_t d = 0; d < 3; ++d) {
        ASSERT_NEAR(frames[k].positions[i][d], 10.0 * reference[k].vectors.at("x")[i][d], 1e-4);
      }
    }
  }
  const auto names = testing::read_gro_names(data_path("pdb/water.gro"));
  ASSERT_EQ(reader->topology()->size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i)
    EXPECT_EQ(reader->topology()->atoms[i].name, names[i]);
}

TEST(XyzReader, TriclinicLatticeMatchesGromacs) {
  auto reader = open_xyz(data_path("xyz/tric.extxyz"));
  const auto frames = read_all(*reader);
  const auto reference = read_gmx_dump(data_path("pdb/tric.xtc.dump.txt"));
  ASSERT_EQ(frames.size(), reference.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE("frame " + std::to_string(k));
    EXPECT_EQ(frames[k].step, reference[k].step);
    EXPECT_NEAR(frames[k].time, reference[k].time, 1e-6);
    ASSERT_TRUE(frames[k].has_box);
    for (std::size_t r = 0; r < 3; ++r) {
      for (std::size_t d = 0; d < 3; ++d) {
        EXPECT_NEAR(frames[k].box.vectors[r][d], 10.0 * reference[k].box[r][d], 1e-4);
      }
    }
    for (std::size_t i = 0; i < frames[k].atom_count(); ++i) {
      for (std::size_t d = 0; d < 3; ++d) {
        ASSERT_NEAR(frames[k].positions[i][d], 10.0 * reference[k].vectors.at("x")[i][d], 1e-4);
      }
    }
  }
}

TEST(XyzReader, CommentGrammar) {
  std::vector<std::pair<std::string, std::string>> pairs;
  ASSERT_TRUE(split_key_values(
      R"(Lattice="1 0 0 0 2 0 0 0 3" a = 5 flag b={x y} c="say \"hi\"" Time=1.5)", pairs));
  ASSERT_EQ(pairs.size(), 6U);
  EXPECT_EQ(pairs[0], (std::pair<std::string, std::string>{"Lattice", "1 0 0 0 2 0 0 0 3"}));
  EXPECT_EQ(pairs[1], (std::pair<std::string, std::string>{"a", "5"}));
  EXPECT_EQ(pairs[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(pairs[3], (std::pair<std::string, std::string>{"b", "x y"}));
  EXPECT_EQ(pairs[4], (std::pair<std::string, std::string>{"c", "say \"hi\""}));
  EXPECT_FALSE(split_key_values(R"(Properties="species:S:1)", pairs));

  XyzComment comment;
  parse_xyz_comment(
      "properties=species:S:1:pos:R:3:tag:S:1:q6:R:1:v:R:2:n:I:1:fixed:L:1 "
      "step=7 time=0.25",
      3, comment);
  EXPECT_EQ(*comment.step, 7);
  EXPECT_DOUBLE_EQ(*comment.time, 0.25);
  EXPECT_FALSE(comment.lattice);
  const XyzLayout& layout = comment.layout;
  EXPECT_EQ(layout.fields, 10U);
  EXPECT_EQ(*layout.species, 0U);
  EXPECT_EQ(layout.position, 1U);
  ASSERT_EQ(layout.extras.size(), 4U);
  EXPECT_EQ(layout.extras[0].name, "q6");
  EXPECT_EQ(layout.extras[0].field, 5U);
  EXPECT_EQ(layout.extras[1].name, "v_0");
  EXPECT_EQ(layout.extras[2].name, "v_1");
  EXPECT_EQ(layout.extras[3].name, "n");
  EXPECT_TRUE(layout.extras[3].integer);

  parse_xyz_comment("just a title", 3, comment);
  EXPECT_EQ(comment.layout.fields, 4U);
  EXPECT_FALSE(comment.step);
  EXPECT_THROW(parse_xyz_comment("Properties=species:S:1:x:R:3", 3, comment), FormatError);
  EXPECT_THROW(parse_xyz_comment("Properties=species:S", 3, comment), FormatError);
  EXPECT_THROW(parse_xyz_comment("Lattice=\"1 2 3\"", 3, comment), FormatError);
  EXPECT_THROW(parse_xyz_comment("Properties=pos:R:3:big:R:99999999", 3, comment), FormatError);
}

TEST(XyzWriter, RoundTripsExtendedXyz) {
  testing::ScratchDir scratch;
  auto reader = open_xyz(data_path("xyz/lammps.extxyz"));
  const auto frames = read_all(*reader);
  const Topology topology = *reader->topology();
  for (const char* name : {"out.extxyz", "out.xyz.gz"}) {
    SCOPED_TRACE(name);
    const std::string path = scratch.file(name);
    auto writer = create_xyz_writer(path);
    EXPECT_EQ(writer->format_name(), "xyz");
    for (const auto& frame : frames) writer->write(frame, &topology);
    writer->close();

    auto back = open_xyz(path);
    const auto again = read_all(*back);
    ASSERT_EQ(again.size(), frames.size());
    for (std::size_t k = 0; k < frames.size(); ++k) {
      const Frame& a = frames[k];
      const Frame& b = again[k];
      EXPECT_EQ(b.positions, a.positions);  // shortest round-trip text: exact
      EXPECT_EQ(b.velocities, a.velocities);
      EXPECT_EQ(b.step, a.step);
      EXPECT_DOUBLE_EQ(b.time, a.time);
      ASSERT_TRUE(b.has_box);
      EXPECT_EQ(b.box.vectors, a.box.vectors);
      ASSERT_EQ(b.extra.size(), a.extra.size());
      for (std::size_t c = 0; c < a.extra.size(); ++c) {
        EXPECT_EQ(b.extra[c].name, a.extra[c].name);
        EXPECT_EQ(b.extra[c].values, a.extra[c].values);
      }
    }
    ASSERT_EQ(back->topology()->size(), topology.size());
    for (std::size_t i = 0; i < topology.size(); ++i) {
      EXPECT_EQ(back->topology()->atoms[i].name, topology.atoms[i].name);
    }
  }
}

TEST(XyzWriter, NoTopologyNoBoxAndOddNames) {
  testing::ScratchDir scratch;
  Frame frame;
  frame.positions = {{1.5F, -2.25F, 1e-7F}, {100.125F, 0.0F, 3.0F}};
  frame.extra.push_back({"my q6", {0.5, 0.25}});
  frame.step = 3;
  frame.time = 0.75;
  const std::string path = scratch.file("plain.xyz");
  auto writer = create_xyz_writer(path);
  writer->write(frame, nullptr);
  writer->close();
  EXPECT_THROW(writer->write(frame, nullptr), Error);

  auto reader = open_xyz(path);
  Frame back;
  ASSERT_TRUE(reader->read_next(back));
  EXPECT_FALSE(back.has_box);
  EXPECT_EQ(back.positions, frame.positions);
  ASSERT_EQ(back.extra.size(), 1U);
  EXPECT_EQ(back.extra[0].name, "my_q6");
  EXPECT_EQ(back.extra[0].values, frame.extra[0].values);
  EXPECT_EQ(reader->topology()->atoms[0].name, "X");
  EXPECT_EQ(back.step, 3);
  EXPECT_DOUBLE_EQ(back.time, 0.75);

  Topology wrong;
  wrong.atoms.resize(3);
  auto second = create_xyz_writer(scratch.file("wrong.xyz"));
  EXPECT_THROW(second->write(frame, &wrong), UsageError);
}

class XyzFaults : public ::testing::Test {
 protected:
  testing::ScratchDir scratch;
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = scratch.file(name);
    testing::write_bytes(path, text);
    return path;
  }
};

TEST_F(XyzFaults, TruncatedFrameAfterGoodFrames) {
  const std::string text = testing::read_bytes(data_path("xyz/lammps.xyz"));
  // Cut after one of the last frame's atom lines.
  const std::size_t last = text.find("Atoms. Timestep: 30");
  const std::size_t cut = text.find('\n', last + 500) + 1;
  auto reader = open_xyz(write("cut.xyz", text.substr(0, cut)));
  Frame frame;
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(reader->read_next(frame));
  try {
    reader->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().frame, 3);
    EXPECT_NE(e.reason().find("truncated"), std::string::npos) << e.what();
  }
}

TEST_F(XyzFaults, BadLinesNameTheirLine) {
  Frame frame;
  try {
    open_xyz(write("bad.xyz", "2\ncomment\nAr 1 2 3\nAr 1 two 3\n"))->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 4);
    EXPECT_NE(e.reason().find("two"), std::string::npos) << e.what();
  }
  EXPECT_THROW(open_xyz(write("count.xyz", "two\n\n"))->read_next(frame), InputError);
  EXPECT_THROW(open_xyz(write("neg.xyz", "-1\n\n"))->read_next(frame), InputError);
  EXPECT_THROW(open_xyz(write("cols.xyz", "1\nProperties=species:S:1:pos:R:3:q:R:1\nAr 1 2 3\n"))
                   ->read_next(frame),
               InputError);
  EXPECT_THROW(open_xyz(write("huge.xyz", "1\n\nAr 1e39 0 0\n"))->read_next(frame), InputError);
  // Blank lines after the last frame are no frame.
  auto reader = open_xyz(write("blank.xyz", "1\n\nAr 1 2 3\n\n\n"));
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_FALSE(reader->read_next(frame));
}

}  // namespace
}  // namespace nucleate::io
