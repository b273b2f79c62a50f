// LAMMPS data files written by `write_data` (tests/data/lammps): the atoms'
// ids, types and molecule ids must be what LAMMPS itself printed for the
// same atoms with `dump custom` / `write_dump` (read here by a naive parser
// sharing no code with the library), in the full, charge, template and
// atomic styles. Elements come from the Masses section and the standard
// atomic weights (IUPAC); type counts from LAMMPS's log.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/lammps_data.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;

/// The last snapshot of a dump as printed: id -> column name -> text.
std::map<std::int64_t, std::map<std::string, std::string>> last_printed_frame(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::map<std::int64_t, std::map<std::string, std::string>> atoms;
  std::vector<std::string> columns;
  std::string line;
  bool in_atoms = false;
  while (std::getline(in, line)) {
    if (line.rfind("ITEM:", 0) == 0) {
      in_atoms = line.rfind("ITEM: ATOMS", 0) == 0;
      if (in_atoms) {
        std::istringstream names(line.substr(11));
        columns.assign(std::istream_iterator<std::string>(names),
                       std::istream_iterator<std::string>());
        atoms.clear();
      }
      continue;
    }
    if (!in_atoms) continue;
    std::istringstream fields(line);
    std::map<std::string, std::string> row;
    for (const auto& name : columns) fields >> row[name];
    atoms[std::stoll(row.at("id"))] = row;
  }
  return atoms;
}

void expect_matches_dump(const Topology& topology, const std::string& dump, bool molecules) {
  const auto printed = last_printed_frame(data_path(dump));
  ASSERT_EQ(topology.size(), printed.size());
  std::size_t i = 0;
  for (const auto& [id, row] : printed) {  // ascending ids
    SCOPED_TRACE("atom id " + std::to_string(id));
    const Atom& atom = topology.atoms[i++];
    EXPECT_EQ(atom.serial, id);
    EXPECT_EQ(atom.type, row.at("type"));
    EXPECT_EQ(atom.residue_id, molecules ? std::stoll(row.at("mol")) : 0);
    EXPECT_EQ(atom.name, atom.element.empty() ? atom.type : atom.element);
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("fixture lacks '" + from + "'");
  return text.replace(at, from.size(), to);
}

TEST(LammpsData, AtomicStyleMatchesDumpOfTheSameStep) {
  // argon.data was written at step 100, the last frame of positions.lammpstrj.
  const Topology topology = read_lammps_data(data_path("lammps/argon.data"));
  expect_matches_dump(topology, "lammps/positions.lammpstrj", false);
  const auto printed = last_printed_frame(data_path("lammps/positions.lammpstrj"));
  for (const Atom& atom : topology.atoms) {
    EXPECT_EQ(atom.element, printed.at(atom.serial).at("element")) << atom.serial;
  }
  // argon.log: "25 settings made for type/fraction".
  EXPECT_EQ(topology.select("element Kr").size(), 25U);
  EXPECT_EQ(topology.select("name Ar").size(), 83U);
}

TEST(LammpsData, WithoutStyleCommentAtomicIsAssumed) {
  const Topology with = read_lammps_data(data_path("lammps/argon.data"));
  const Topology without = read_lammps_data(data_path("lammps/argon_nostyle.data"));
  ASSERT_EQ(with.size(), without.size());
  for (std::size_t i = 0; i < with.size(); ++i) {
    EXPECT_EQ(with.atoms[i].serial, without.atoms[i].serial);
    EXPECT_EQ(with.atoms[i].type, without.atoms[i].type);
    EXPECT_EQ(with.atoms[i].element, without.atoms[i].element);
  }
}

TEST(LammpsData, FullStyleHasMoleculeIdsAndElements) {
  // 27 SPC/E-like waters: O type 1 (15.9994), H type 2 (1.008).
  const Topology topology = read_lammps_data(data_path("lammps/water.data"));
  expect_matches_dump(topology, "lammps/water.lammpstrj", true);
  EXPECT_EQ(topology.select("element O").size(), 27U);
  EXPECT_EQ(topology.select("element H").size(), 54U);
  EXPECT_EQ(topology.select("type 1").size(), 27U);
  EXPECT_EQ(topology.atoms.back().residue_id, 27);
  EXPECT_EQ(topology.atoms[0].name, "O");
}

TEST(LammpsData, ChargeStyle) {
  const Topology topology = read_lammps_data(data_path("lammps/nacl.data"));
  expect_matches_dump(topology, "lammps/nacl.lammpstrj", false);
  EXPECT_EQ(topology.select("element Na").size(), 32U);
  EXPECT_EQ(topology.select("element Cl").size(), 32U);
}

TEST(LammpsData, TemplateStyleTakesTypeAfterTemplateColumns) {
  const Topology topology = read_lammps_data(data_path("lammps/template.data"));
  expect_matches_dump(topology, "lammps/template.lammpstrj", true);
  EXPECT_EQ(topology.size(), 24U);
  EXPECT_EQ(topology.select("element H").size(), 16U);
}

TEST(LammpsData, ElementFromNearestStandardAtomicWeight) {
  EXPECT_EQ(element_from_mass(39.948), "Ar");
  EXPECT_EQ(element_from_mass(22.98977), "Na");
  EXPECT_EQ(element_from_mass(35.453), "Cl");
  EXPECT_EQ(element_from_mass(15.9994), "O");
  EXPECT_EQ(element_from_mass(1.00794), "H");
  EXPECT_EQ(element_from_mass(58.6934), "Ni");
  EXPECT_EQ(element_from_mass(58.933), "Co");
  EXPECT_EQ(element_from_mass(2.014), "");  // deuterium: no element within 0.1
  EXPECT_EQ(element_from_mass(100.5), "");
  EXPECT_EQ(element_from_mass(-1.0), "");
  EXPECT_EQ(element_from_mass(std::numeric_limits<double>::quiet_NaN()), "");
}

TEST(LammpsData, ErrorsNameFileAndLine) {
  testing::ScratchDir scratch;
  const std::string argon = read_text(data_path("lammps/argon.data"));
  const std::string water = read_text(data_path("lammps/water.data"));
  struct Case {
    std::string name;
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"unknown_style.data", replaced(argon, "Atoms # atomic", "Atoms # wobbly"),
       "unknown atom style 'wobbly'"},
      // A full-style file read as atomic: molecule ids land in the type column.
      {"full_as_atomic.data", replaced(water, "Atoms # full", "Atoms"), "assumed"},
      // Cut at a line end inside the Atoms section.
      {"cut.data", argon.substr(0, argon.rfind('\n', argon.find("Velocities") - 200) + 1),
       "truncated"},
      {"bad_number.data", replaced(argon, "108 atoms", "1O8 atoms"), "atom count"},
      {"bad_keyword.data", replaced(argon, "Masses", "Massive"), "Massive"},
      {"no_atoms.data", argon.substr(0, argon.find("Atoms # atomic")), "no Atoms section"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = scratch.file(c.name);
    write_text(path, c.text);
    try {
      read_lammps_data(path);
      ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find(c.expected), std::string::npos) << message;
      EXPECT_TRUE(e.where().line.has_value()) << message;
    }
  }
  EXPECT_THROW(read_lammps_data(scratch.file("missing.data")), InputError);
}

TEST(LammpsData, DuplicateIdIsAnError) {
  testing::ScratchDir scratch;
  const std::string nacl = read_text(data_path("lammps/nacl.data"));
  const std::string path = scratch.file("dup.data");
  // Atom 2's line given id 1.
  write_text(path, replaced(nacl, "\n2 1 1 2.82", "\n1 1 1 2.82"));
  try {
    read_lammps_data(path);
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("atom id 1 appears twice"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nucleate::io
