// PDB reader against files GROMACS wrote (`gmx trjconv`, `gmx editconf`;
// tests/data/pdb/README.md): coordinates, cells, times and steps compared
// with `gmx dump` of the XTC the PDB was converted from (x 10 for nm ->
// Angstrom), atom names with GROMACS' own GRO file.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/pdb.h"
#include "misc_reference.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;
using testing::read_gmx_dump;

std::vector<Frame> read_all(TrajectoryReader& reader) {
  std::vector<Frame> frames;
  Frame frame;
  while (reader.read_next(frame)) frames.push_back(frame);
  return frames;
}

// PDB keeps 3 decimals in Angstrom and CRYST1 3 decimals / 2 for angles.
void expect_matches_gmx(const std::vector<Frame>& frames, const std::string& dump,
                        double box_tolerance) {
  const auto reference = read_gmx_dump(dump);
  ASSERT_EQ(frames.size(), reference.size());
  for (std::size_t k = 0; k < frames.size(); ++k) {
    SCOPED_TRACE("frame " + std::to_string(k));
    const Frame& frame = frames[k];
    EXPECT_EQ(frame.step, reference[k].step);
    EXPECT_NEAR(frame.time, reference[k].time, 1e-5);
    ASSERT_EQ(frame.atom_count(), reference[k].vectors.at("x").size());
    for (std::size_t i = 0; i < frame.atom_count(); ++i) {
      for (std::size_t d = 0; d < 3; ++d) {
        ASSERT_NEAR(frame.positions[i][d], 10.0 * reference[k].vectors.at("x")[i][d], 2e-4)
            << "atom " << i;
      }
    }
    ASSERT_TRUE(frame.has_box);
    for (std::size_t r = 0; r < 3; ++r) {
      for (std::size_t d = 0; d < 3; ++d) {
        EXPECT_NEAR(frame.box.vectors[r][d], 10.0 * reference[k].box[r][d], box_tolerance);
      }
    }
  }
}

TEST(PdbReader, MultiModelWaterMatchesGromacs) {
  auto reader = open_pdb(data_path("pdb/water.pdb"));
  EXPECT_EQ(reader->format_name(), "pdb");
  EXPECT_EQ(reader->length_unit(), LengthUnit::angstrom);
  const auto frames = read_all(*reader);
  ASSERT_EQ(frames.size(), 5U);
  expect_matches_gmx(frames, data_path("pdb/water.xtc.dump.txt"), 1e-3);
  for (const auto& frame : frames) EXPECT_TRUE(frame.box.is_orthorhombic());

  const Topology* topology = reader->topology();
  ASSERT_NE(topology, nullptr);
  const auto gro_names = testing::read_gro_names(data_path("pdb/water.gro"));
  ASSERT_EQ(topology->size(), gro_names.size());
  for (std::size_t i = 0; i < gro_names.size(); ++i) {
    const Atom& atom = topology->atoms[i];
    EXPECT_EQ(atom.name, gro_names[i]);
    EXPECT_EQ(atom.residue_name, "SOL");
    EXPECT_EQ(atom.residue_id, static_cast<std::int64_t>(i / 3 + 1));
    EXPECT_EQ(atom.serial, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(atom.element, i % 3 == 0 ? "O" : "H");
  }
}

TEST(PdbReader, TriclinicCellFromCryst1) {
  auto reader = open_pdb(data_path("pdb/tric.pdb"));
  const auto frames = read_all(*reader);
  ASSERT_EQ(frames.size(), 5U);
  // Angles with 2 decimals: 0.005 degrees of a 27 A vector is 2.4e-3 A.
  expect_matches_gmx(frames, data_path("pdb/tric.xtc.dump.txt"), 5e-3);
  const Vec3d angles = frames[0].box.angles_deg();
  EXPECT_DOUBLE_EQ(angles[0], 60.0);
  EXPECT_DOUBLE_EQ(angles[1], 60.0);
  EXPECT_DOUBLE_EQ(angles[2], 90.0);
}

TEST(PdbReader, CountSeekAndSkip) {
  auto all_reader = open_pdb(data_path("pdb/tric.pdb"));
  const auto all = read_all(*all_reader);
  auto reader = open_pdb(data_path("pdb/tric.pdb"));
  EXPECT_EQ(reader->frame_count(), 5U);
  Frame frame;
  reader->seek(3);
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.positions, all[3].positions);
  EXPECT_EQ(frame.step, all[3].step);
  reader->seek(1);
  ASSERT_TRUE(reader->skip_next());
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.positions, all[2].positions);
  ASSERT_NE(reader->topology(), nullptr);
  EXPECT_EQ(reader->topology()->size(), 300U);
}

TEST(PdbReader, SerialsPast99999KeepFileOrder) {
  // `gmx editconf` of a 104 202-atom box: serials wrap to 0 after 99999.
  auto reader = open_pdb(data_path("pdb/big_serials.pdb"));
  const auto frames = read_all(*reader);
  ASSERT_EQ(frames.size(), 1U);
  std::ifstream gro(data_path("pdb/big_serials.gro.txt"));
  std::string line;
  std::getline(gro, line);  // atom count of the whole box
  const Topology& topology = *reader->topology();
  ASSERT_EQ(topology.size(), 12U);
  for (std::size_t i = 0; i < 12; ++i) {
    ASSERT_TRUE(std::getline(gro, line));
    std::istringstream name(line.substr(10, 5));
    std::string expected_name;
    name >> expected_name;
    EXPECT_EQ(topology.atoms[i].name, expected_name);
    EXPECT_EQ(topology.atoms[i].serial, static_cast<std::int64_t>((99995 + i) % 100000));
    EXPECT_EQ(topology.atoms[i].element, "");  // editconf wrote no element columns
    for (std::size_t d = 0; d < 3; ++d) {
      const double nm = std::stod(line.substr(20 + 8 * d, 8));
      EXPECT_NEAR(frames[0].positions[i][d], 10.0 * nm, 2e-4) << "atom " << i;
    }
  }
  EXPECT_EQ(frames[0].step, 0);
  EXPECT_TRUE(frames[0].has_box);
  EXPECT_DOUBLE_EQ(frames[0].box.vectors[0][0], 102.0);
}

class PdbFaults : public ::testing::Test {
 protected:
  testing::ScratchDir scratch;
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = scratch.file(name);
    testing::write_bytes(path, text);
    return path;
  }
};

TEST_F(PdbFaults, VmdStyleSerialsAndNoCell) {
  // As VMD writes past 99999 (hexadecimal) and others ("*****"); CRYST1 of
  // 1 1 1 is the wwPDB "no cell" marker. Frames separated by END.
  const std::string model =
      "CRYST1    1.000    1.000    1.000  90.00  90.00  90.00 P 1           1\n"
      "ATOM  186a0  C   MOL     1       1.000   2.000   3.000  1.00  0.00           C\n"
      "HETATM*****  N   MOL     1       4.000   5.000   6.000  1.00  0.00           N\n"
      "ATOM      1  O   MOL     1       7.000   8.000   9.000\n"
      "END\n";
  auto reader = open_pdb(write("vmd.pdb", model + model));
  const auto frames = read_all(*reader);
  ASSERT_EQ(frames.size(), 2U);
  EXPECT_FALSE(frames[0].has_box);
  EXPECT_EQ(frames[1].step, 1);
  const auto& atoms = reader->topology()->atoms;
  ASSERT_EQ(atoms.size(), 3U);
  EXPECT_EQ(atoms[0].serial, 100000);
  EXPECT_EQ(atoms[1].serial, 2);  // unreadable: its place in the file
  EXPECT_EQ(atoms[2].serial, 1);
  EXPECT_EQ(atoms[0].name, "C");
  EXPECT_EQ(atoms[1].element, "N");
  EXPECT_EQ(atoms[2].element, "");
  EXPECT_FLOAT_EQ(frames[1].positions[2][2], 9.0F);
}

TEST_F(PdbFaults, TruncatedModelIsAnInputError) {
  const std::string text = testing::read_bytes(data_path("pdb/water.pdb"));
  // Cut inside the third MODEL, after some of its atoms.
  std::size_t cut = 0;
  for (int k = 0; k < 3; ++k) cut = text.find("MODEL", cut + 1);
  cut = text.find("ATOM     10", cut);
  auto reader = open_pdb(write("cut.pdb", text.substr(0, cut)));
  Frame frame;
  ASSERT_TRUE(reader->read_next(frame));
  ASSERT_TRUE(reader->read_next(frame));
  try {
    reader->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().frame, 2);
    EXPECT_NE(e.reason().find("ENDMDL"), std::string::npos) << e.what();
  }
}

TEST_F(PdbFaults, BadCoordinateNamesItsLine) {
  std::string text = testing::read_bytes(data_path("pdb/water.pdb"));
  const std::size_t at = text.find("ATOM      5");
  text.replace(at + 32, 5, "x.yz0");  // inside the x field of line 10
  auto reader = open_pdb(write("bad.pdb", text));
  Frame frame;
  try {
    reader->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 10);
    EXPECT_NE(e.reason().find("x.yz0"), std::string::npos) << e.what();
  }
}

TEST_F(PdbFaults, ShortAtomRecordAndNestedModel) {
  Frame frame;
  EXPECT_THROW(open_pdb(write("short.pdb", "ATOM      1  O   MOL     1       7.000   8.00\n"))
                   ->read_next(frame),
               InputError);
  EXPECT_THROW(open_pdb(write("nested.pdb", "MODEL 1\nMODEL 2\nENDMDL\n"))->read_next(frame),
               InputError);
  EXPECT_THROW(open_pdb(write("stray.pdb", "ENDMDL\n"))->read_next(frame), InputError);
  EXPECT_FALSE(open_pdb(write("empty.pdb", "REMARK nothing\nEND\n"))->read_next(frame));
}

}  // namespace
}  // namespace nucleate::io
