// LAMMPS dumps written by `lmp` itself (tests/data/lammps, make_fixtures.sh):
// what the reader delivers is compared with the numbers LAMMPS printed, in
// the dump text (read here by a deliberately naive parser that shares no
// code with the library) and in the thermo log (box lengths, tilts, volume,
// time), and dumps of the same steps in other coordinate kinds (x, xs, xu,
// xsu) must agree with each other to the dump's printed precision.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/lammps_dump.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;

// ---------------------------------------------------------------------------
// Independent readers of what LAMMPS printed.

/// One snapshot as printed: the header values and the atom lines by id.
struct PrintedFrame {
  std::int64_t step = 0;
  std::optional<double> time;
  std::vector<std::vector<double>> bounds;  // the three BOX BOUNDS lines
  std::vector<std::string> columns;
  std::map<std::int64_t, std::vector<std::string>> atoms;  // id -> fields

  [[nodiscard]] std::size_t column(const std::string& name) const {
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (columns[c] == name) return c;
    throw std::runtime_error("no column " + name);
  }
  [[nodiscard]] double value(std::int64_t id, const std::string& name) const {
    return std::stod(atoms.at(id).at(column(name)));
  }
};

std::vector<PrintedFrame> read_printed_dump(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<PrintedFrame> frames;
  std::optional<double> time;
  std::string line;
  while (std::getline(in, line)) {
    if (line == "ITEM: TIME") {
      std::getline(in, line);
      time = std::stod(line);
    } else if (line == "ITEM: TIMESTEP") {
      frames.emplace_back();
      std::getline(in, line);
      frames.back().step = std::stoll(line);
      frames.back().time = time;
      time.reset();
    } else if (line.rfind("ITEM: BOX BOUNDS", 0) == 0) {
      for (int d = 0; d < 3; ++d) {
        std::getline(in, line);
        std::istringstream fields(line);
        frames.back().bounds.emplace_back(std::istream_iterator<double>(fields),
                                          std::istream_iterator<double>());
      }
    } else if (line.rfind("ITEM: ATOMS", 0) == 0) {
      std::istringstream names(line.substr(11));
      auto& frame = frames.back();
      frame.columns.assign(std::istream_iterator<std::string>(names),
                           std::istream_iterator<std::string>());
      const std::size_t id_column = frame.column("id");
      while (in.peek() != 'I' && std::getline(in, line)) {
        std::istringstream fields(line);
        std::vector<std::string> row{std::istream_iterator<std::string>(fields),
                                     std::istream_iterator<std::string>()};
        frame.atoms[std::stoll(row.at(id_column))] = row;
      }
    }
  }
  return frames;
}

/// The thermo table of the first run in a LAMMPS log: step -> column -> value.
std::map<std::int64_t, std::map<std::string, double>> read_thermo(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  while (std::getline(in, line) && line.rfind("Step ", 0) != 0) {
  }
  std::istringstream header(line);
  const std::vector<std::string> names{std::istream_iterator<std::string>(header),
                                       std::istream_iterator<std::string>()};
  std::map<std::int64_t, std::map<std::string, double>> table;
  while (std::getline(in, line) && line.rfind("Loop time", 0) != 0) {
    std::istringstream fields(line);
    std::map<std::string, double> row;
    for (const auto& name : names) fields >> row[name];
    table[static_cast<std::int64_t>(row.at("Step"))] = row;
  }
  return table;
}

// ---------------------------------------------------------------------------
// Helpers over the reader.

std::vector<Frame> read_all(const std::string& path) {
  auto reader = open_lammps_dump(path);
  std::vector<Frame> frames;
  Frame frame;
  while (reader->read_next(frame)) frames.push_back(frame);
  return frames;
}

std::vector<std::int64_t> sorted_ids(const PrintedFrame& printed) {
  std::vector<std::int64_t> ids;
  for (const auto& [id, row] : printed.atoms) ids.push_back(id);
  return ids;  // std::map keeps them ascending
}

// Half a unit in the 6th significant digit (LAMMPS prints %g) of a value of
// magnitude up to `scale`, for each of the two dumps compared.
double printed_tolerance(double scale) {
  return 2 * 5e-6 * scale;
}

Vec3d cartesian(const Box& box, const Vec3d& origin, const Vec3d& s) {
  Vec3d x = origin;
  for (int k = 0; k < 3; ++k)
    for (int d = 0; d < 3; ++d) x[d] += s[k] * box.vectors[k][d];
  return x;
}

// ---------------------------------------------------------------------------

TEST(LammpsDump, PositionsVelocitiesAndColumnsAsPrinted) {
  const std::string path = data_path("lammps/positions.lammpstrj");
  const auto printed = read_printed_dump(path);
  auto reader = open_lammps_dump(path);
  EXPECT_EQ(reader->format_name(), "lammps-dump");
  EXPECT_EQ(reader->length_unit(), LengthUnit::file_units);
  Frame frame;
  std::size_t f = 0;
  while (reader->read_next(frame)) {
    SCOPED_TRACE("frame " + std::to_string(f));
    ASSERT_LT(f, printed.size());
    const auto& ref = printed[f];
    ASSERT_EQ(frame.atom_count(), 108U);
    EXPECT_EQ(frame.step, ref.step);
    EXPECT_EQ(frame.time, static_cast<double>(ref.step));  // no ITEM: TIME in this dump
    ASSERT_EQ(frame.velocities.size(), 108U);
    ASSERT_EQ(frame.extra.size(), 1U);
    EXPECT_EQ(frame.extra[0].name, "mass");
    const auto ids = sorted_ids(ref);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const char* axes[] = {"x", "y", "z"};
      const char* speeds[] = {"vx", "vy", "vz"};
      for (int d = 0; d < 3; ++d) {
        ASSERT_EQ(frame.positions[i][d], static_cast<float>(ref.value(ids[i], axes[d]))) << ids[i];
        ASSERT_EQ(frame.velocities[i][d], static_cast<float>(ref.value(ids[i], speeds[d])))
            << ids[i];
      }
      ASSERT_EQ(frame.extra[0].values[i], ref.value(ids[i], "mass"));
    }
    ++f;
  }
  EXPECT_EQ(f, 5U);
}

TEST(LammpsDump, AtomsComeSortedByIdWithTopologyFromFirstFrame) {
  const std::string path = data_path("lammps/positions.lammpstrj");
  const auto printed = read_printed_dump(path);
  // The file itself is not in id order (LAMMPS re-sorts atoms in memory).
  std::ifstream raw(path);
  std::string line;
  std::vector<std::int64_t> file_order;
  for (int i = 0; i < 9 + 108 && std::getline(raw, line); ++i)
    if (i >= 9) file_order.push_back(std::stoll(line));
  ASSERT_EQ(file_order.size(), 108U);
  ASSERT_FALSE(std::is_sorted(file_order.begin(), file_order.end()));

  auto reader = open_lammps_dump(path);
  EXPECT_EQ(reader->topology(), nullptr);  // nothing read yet
  Frame frame;
  ASSERT_TRUE(reader->read_next(frame));
  const Topology* top = reader->topology();
  ASSERT_NE(top, nullptr);
  ASSERT_EQ(top->size(), 108U);
  std::size_t krypton = 0;
  for (std::size_t i = 0; i < top->size(); ++i) {
    const Atom& atom = top->atoms[i];
    EXPECT_EQ(atom.serial, static_cast<std::int64_t>(i + 1));
    const auto& row = printed[0].atoms.at(atom.serial);
    EXPECT_EQ(atom.type, row[printed[0].column("type")]);
    EXPECT_EQ(atom.element, row[printed[0].column("element")]);
    EXPECT_EQ(atom.name, atom.element);
    krypton += atom.element == "Kr" ? 1 : 0;
  }
  // argon.log: "set type 1 type/fraction 2 0.25 4242" -> "25 settings made".
  EXPECT_EQ(krypton, 25U);
  EXPECT_EQ(top->select("type 2").size(), 25U);
}

TEST(LammpsDump, ColumnOrderAndFileOrderDoNotMatter) {
  // Same steps, columns "vz vy vx z y x type id", sorted by descending id.
  const auto plain = read_all(data_path("lammps/positions.lammpstrj"));
  const auto reordered = read_all(data_path("lammps/reordered.lammpstrj"));
  ASSERT_EQ(plain.size(), reordered.size());
  for (std::size_t f = 0; f < plain.size(); ++f) {
    EXPECT_EQ(reordered[f].step, plain[f].step);
    EXPECT_EQ(reordered[f].positions, plain[f].positions);
    EXPECT_EQ(reordered[f].velocities, plain[f].velocities);
    EXPECT_TRUE(reordered[f].extra.empty());
  }
}

TEST(LammpsDump, BoxMatchesThermoLogEveryFrame) {
  const auto thermo = read_thermo(data_path("lammps/argon.log"));
  const auto frames = read_all(data_path("lammps/positions.lammpstrj"));
  ASSERT_EQ(frames.size(), 5U);
  for (const auto& frame : frames) {
    SCOPED_TRACE("step " + std::to_string(frame.step));
    const auto& row = thermo.at(frame.step);
    ASSERT_TRUE(frame.has_box);
    EXPECT_TRUE(frame.box.is_orthorhombic());
    // The log prints %.10g.
    EXPECT_NEAR(frame.box.vectors[0][0], row.at("Lx"), 1e-9 * row.at("Lx"));
    EXPECT_NEAR(frame.box.vectors[1][1], row.at("Ly"), 1e-9 * row.at("Ly"));
    EXPECT_NEAR(frame.box.vectors[2][2], row.at("Lz"), 1e-9 * row.at("Lz"));
    EXPECT_NEAR(frame.box.volume(), row.at("Volume"), 1e-9 * row.at("Volume"));
  }
  // NPT changed the box between frames.
  EXPECT_NE(frames[1].box.vectors[0][0], frames[0].box.vectors[0][0]);
}

TEST(LammpsDump, ScaledCoordinatesBecomeTheCartesianOnes) {
  // `dump atom` writes xs ys zs (and ix iy iz with dump_modify image yes);
  // the box origin moves off zero under NPT, so the origin matters.
  const auto thermo = read_thermo(data_path("lammps/argon.log"));
  const auto cartesian_frames = read_all(data_path("lammps/positions.lammpstrj"));
  const auto scaled = read_all(data_path("lammps/atom.lammpstrj"));
  ASSERT_EQ(scaled.size(), cartesian_frames.size());
  for (std::size_t f = 0; f < scaled.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    ASSERT_NE(scaled[f].find_extra("ix"), nullptr);
    const double length = thermo.at(scaled[f].step).at("Lx");
    const double tolerance = printed_tolerance(length + 1.0);
    for (std::size_t i = 0; i < scaled[f].atom_count(); ++i)
      for (int d = 0; d < 3; ++d)
        ASSERT_NEAR(scaled[f].positions[i][d], cartesian_frames[f].positions[i][d], tolerance) << i;
  }
  EXPECT_GT(thermo.at(50).at("Xlo"), 0.1);
}

TEST(LammpsDump, UnwrappedEqualsWrappedPlusImages) {
  const auto thermo = read_thermo(data_path("lammps/argon.log"));
  const auto wrapped = read_all(data_path("lammps/wrapped_images.lammpstrj"));
  const auto unwrapped = read_all(data_path("lammps/unwrapped.lammpstrj"));
  const auto scaled_unwrapped = read_all(data_path("lammps/scaled_unwrapped.lammpstrj"));
  ASSERT_EQ(wrapped.size(), 5U);
  ASSERT_EQ(unwrapped.size(), 5U);
  ASSERT_EQ(scaled_unwrapped.size(), 5U);
  std::size_t crossed = 0;
  for (std::size_t f = 0; f < wrapped.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const auto& row = thermo.at(wrapped[f].step);
    const double lengths[] = {row.at("Lx"), row.at("Ly"), row.at("Lz")};
    const char* images[] = {"ix", "iy", "iz"};
    for (int d = 0; d < 3; ++d) {
      const ExtraColumn* image = wrapped[f].find_extra(images[d]);
      ASSERT_NE(image, nullptr);
      for (std::size_t i = 0; i < wrapped[f].atom_count(); ++i) {
        const double expected = wrapped[f].positions[i][d] + image->values[i] * lengths[d];
        const double tolerance = printed_tolerance(std::abs(expected) + lengths[d]);
        ASSERT_NEAR(unwrapped[f].positions[i][d], expected, tolerance) << i;
        ASSERT_NEAR(scaled_unwrapped[f].positions[i][d], expected, tolerance) << i;
        crossed += image->values[i] != 0.0 ? 1 : 0;
      }
    }
  }
  EXPECT_GT(crossed, 10U) << "the fixture should have atoms that crossed the box";
}

TEST(LammpsDump, PerAtomComputesTimeAndUnitsItems) {
  // dump_modify time yes units yes: ITEM: UNITS (first frame), ITEM: TIME.
  const std::string path = data_path("lammps/computes.lammpstrj");
  const auto printed = read_printed_dump(path);
  const auto thermo = read_thermo(data_path("lammps/argon.log"));
  const auto frames = read_all(path);
  ASSERT_EQ(frames.size(), 5U);
  const std::vector<std::string> names = {"c_coord", "c_q[2]", "c_ke", "v_r2"};
  for (std::size_t f = 0; f < frames.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const Frame& frame = frames[f];
    EXPECT_EQ(frame.step, printed[f].step);
    ASSERT_TRUE(printed[f].time.has_value());
    EXPECT_EQ(frame.time, *printed[f].time);
    EXPECT_NEAR(frame.time, thermo.at(frame.step).at("Time"), 1e-12);
    ASSERT_EQ(frame.extra.size(), names.size());
    const auto ids = sorted_ids(printed[f]);
    for (std::size_t e = 0; e < names.size(); ++e) {
      EXPECT_EQ(frame.extra[e].name, names[e]);
      for (std::size_t i = 0; i < ids.size(); ++i)
        ASSERT_EQ(frame.extra[e].values[i], printed[f].value(ids[i], names[e])) << ids[i];
    }
    // v_r2 = x*x+y*y+z*z computed by LAMMPS: the columns belong together.
    const ExtraColumn* r2 = frame.find_extra("v_r2");
    for (std::size_t i = 0; i < frame.atom_count(); ++i) {
      double sum = 0;
      for (int d = 0; d < 3; ++d) sum += double(frame.positions[i][d]) * frame.positions[i][d];
      ASSERT_NEAR(r2->values[i], sum, 2e-5 * (sum + 1.0)) << i;
    }
  }
  EXPECT_NEAR(frames[4].time, 0.4, 1e-12);  // 100 steps of 0.004 ps
}

TEST(LammpsDump, GzipEqualsPlain) {
  auto plain = open_lammps_dump(data_path("lammps/positions.lammpstrj"));
  auto packed = open_lammps_dump(data_path("lammps/positions.lammpstrj.gz"));
  EXPECT_EQ(packed->frame_count(), 5U);
  Frame a;
  Frame b;
  std::size_t frames = 0;
  while (plain->read_next(a)) {
    ASSERT_TRUE(packed->read_next(b));
    EXPECT_EQ(a.step, b.step);
    EXPECT_EQ(a.positions, b.positions);
    EXPECT_EQ(a.velocities, b.velocities);
    EXPECT_EQ(a.box.vectors, b.box.vectors);
    ++frames;
  }
  EXPECT_FALSE(packed->read_next(b));
  EXPECT_EQ(frames, 5U);
  packed->seek(3);
  ASSERT_TRUE(packed->read_next(b));
  EXPECT_EQ(b.step, 75);
}

TEST(LammpsDump, TriclinicBoxVectorsMatchThermoLog) {
  const auto thermo = read_thermo(data_path("lammps/triclinic.log"));
  const auto printed = read_printed_dump(data_path("lammps/tric_positions.lammpstrj"));
  const auto frames = read_all(data_path("lammps/tric_positions.lammpstrj"));
  ASSERT_EQ(frames.size(), 5U);
  for (std::size_t f = 0; f < frames.size(); ++f) {
    SCOPED_TRACE("step " + std::to_string(frames[f].step));
    const auto& row = thermo.at(frames[f].step);
    const auto& v = frames[f].box.vectors;
    const double tol = 1e-8;
    EXPECT_NEAR(v[0][0], row.at("Lx"), tol);
    EXPECT_NEAR(v[1][1], row.at("Ly"), tol);
    EXPECT_NEAR(v[2][2], row.at("Lz"), tol);
    EXPECT_NEAR(v[1][0], row.at("Xy"), tol);
    EXPECT_NEAR(v[2][0], row.at("Xz"), tol);
    EXPECT_NEAR(v[2][1], row.at("Yz"), tol);
    EXPECT_EQ(v[0][1], 0.0);
    EXPECT_EQ(v[0][2], 0.0);
    EXPECT_EQ(v[1][2], 0.0);
    EXPECT_NEAR(frames[f].box.volume(), row.at("Volume"), 1e-9 * row.at("Volume"));
    EXPECT_FALSE(frames[f].box.is_orthorhombic());
    // Positions stay as written: origin at (xlo, ylo, zlo), not shifted.
    const auto ids = sorted_ids(printed[f]);
    for (std::size_t i = 0; i < ids.size(); ++i)
      ASSERT_EQ(frames[f].positions[i][0], static_cast<float>(printed[f].value(ids[i], "x")));
  }
  // fix deform changed xy, xz and lx between frames; xz < 0 < xy.
  EXPECT_NE(frames[4].box.vectors[1][0], frames[0].box.vectors[1][0]);
  EXPECT_LT(frames[4].box.vectors[2][0], 0.0);
}

TEST(LammpsDump, TriclinicScaledAndUnwrappedAgree) {
  const auto thermo = read_thermo(data_path("lammps/triclinic.log"));
  const auto wrapped = read_all(data_path("lammps/tric_positions.lammpstrj"));
  const auto scaled = read_all(data_path("lammps/tric_scaled.lammpstrj"));
  const auto unwrapped = read_all(data_path("lammps/tric_unwrapped.lammpstrj"));
  const auto scaled_unwrapped = read_all(data_path("lammps/tric_scaled_unwrapped.lammpstrj"));
  ASSERT_EQ(wrapped.size(), 5U);
  ASSERT_EQ(scaled.size(), 5U);
  ASSERT_EQ(unwrapped.size(), 5U);
  ASSERT_EQ(scaled_unwrapped.size(), 5U);
  std::size_t crossed = 0;
  for (std::size_t f = 0; f < wrapped.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const Box& box = wrapped[f].box;
    const auto& row = thermo.at(wrapped[f].step);
    const double scale = row.at("Lx") + row.at("Ly") + row.at("Lz");
    const ExtraColumn* images[] = {wrapped[f].find_extra("ix"), wrapped[f].find_extra("iy"),
                                   wrapped[f].find_extra("iz")};
    for (const auto* image : images) ASSERT_NE(image, nullptr);
    for (std::size_t i = 0; i < wrapped[f].atom_count(); ++i) {
      // x_unwrapped = x + ix a + iy b + iz c (LAMMPS Howto triclinic).
      const Vec3d image = {images[0]->values[i], images[1]->values[i], images[2]->values[i]};
      const Vec3d x = {wrapped[f].positions[i][0], wrapped[f].positions[i][1],
                       wrapped[f].positions[i][2]};
      const Vec3d expected = cartesian(box, x, image);
      crossed += image != Vec3d{} ? 1 : 0;
      for (int d = 0; d < 3; ++d) {
        const double tolerance = printed_tolerance(scale + std::abs(expected[d]));
        ASSERT_NEAR(scaled[f].positions[i][d], x[d], printed_tolerance(scale)) << i;
        ASSERT_NEAR(unwrapped[f].positions[i][d], expected[d], tolerance) << i;
        ASSERT_NEAR(scaled_unwrapped[f].positions[i][d], expected[d], tolerance) << i;
      }
    }
  }
  EXPECT_GT(crossed, 5U);
}

TEST(LammpsDump, MissingCoordinateColumnNamesTheLine) {
  // no_z.lammpstrj: "ITEM: ATOMS id type x y vx vy vz" on line 9.
  const std::string path = data_path("lammps/no_z.lammpstrj");
  auto reader = open_lammps_dump(path);
  Frame frame;
  try {
    reader->read_next(frame);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 9);
    EXPECT_EQ(e.where().frame, 0);
    const std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find("xs ys zs"), std::string::npos) << message;
  }
}

TEST(LammpsDump, ChangedAtomCountIsAnInputError) {
  // shrinking.lammpstrj: steps 0 and 10 with 108 atoms, then delete_atoms
  // removed 4 (argon.log: "Deleted 4 atoms, new total = 104").
  auto reader = open_lammps_dump(data_path("lammps/shrinking.lammpstrj"));
  Frame frame;
  ASSERT_TRUE(reader->read_next(frame));
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.atom_count(), 108U);
  try {
    reader->read_next(frame);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().frame, 2);
    const std::string message = e.what();
    EXPECT_NE(message.find("104"), std::string::npos) << message;
    EXPECT_NE(message.find("108"), std::string::npos) << message;
  }
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(LammpsDump, TruncatedFileGivesFramesThenInputError) {
  testing::ScratchDir scratch;
  const std::string original = read_bytes(data_path("lammps/positions.lammpstrj"));
  // Cut in the middle of frame 2's atom lines, at a line end, and in a header.
  auto reader = open_lammps_dump(data_path("lammps/positions.lammpstrj"));
  const std::uint64_t frame2 = reader->frame_position(2).byte;
  const std::uint64_t frame3 = reader->frame_position(3).byte;
  const std::size_t atoms_middle = original.find('\n', (frame2 + frame3) / 2) + 1;
  for (std::size_t cut : {atoms_middle, atoms_middle - 3, static_cast<std::size_t>(frame2) + 20}) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    const std::string path = scratch.file("cut.lammpstrj");
    write_bytes(path, original.substr(0, cut));
    auto cut_reader = open_lammps_dump(path);
    Frame frame;
    ASSERT_TRUE(cut_reader->read_next(frame));
    ASSERT_TRUE(cut_reader->read_next(frame));
    try {
      cut_reader->read_next(frame);
      FAIL() << "expected an InputError";
    } catch (const InputError& e) {
      EXPECT_EQ(e.where().frame, 2);
      EXPECT_NE(std::string(e.what()).find("cut.lammpstrj"), std::string::npos);
    }
  }
}

TEST(LammpsDump, SeekAndFrameCountThroughTheIndex) {
  auto reader = open_lammps_dump(data_path("lammps/computes.lammpstrj"));
  EXPECT_EQ(reader->frame_count(), 5U);
  Frame frame;
  reader->seek(3);
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.step, 75);
  reader->seek(1);
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.step, 25);
  EXPECT_NEAR(frame.time, 0.1, 1e-12);
  ASSERT_TRUE(reader->skip_next());
  ASSERT_TRUE(reader->read_next(frame));
  EXPECT_EQ(frame.step, 75);

  std::vector<std::int64_t> steps;
  auto strided = open_lammps_dump(data_path("lammps/positions.lammpstrj"));
  for_each_frame(*strided, FrameRange{0, std::nullopt, 2},
                 [&](std::size_t, const Frame& f) { steps.push_back(f.step); });
  EXPECT_EQ(steps, (std::vector<std::int64_t>{0, 50, 100}));
}

// Randomly damaged copies of the fixtures: frames then a clean end, or
// frames then one InputError naming the file. Under ASan+UBSan this also
// shows no crash or undefined behaviour.
TEST(LammpsDump, DamagedCopiesOnlyEndCleanlyOrThrowInputError) {
  testing::ScratchDir scratch;
  for (const char* name : {"positions.lammpstrj", "atom.lammpstrj", "computes.lammpstrj",
                           "tric_scaled.lammpstrj", "positions.lammpstrj.gz"}) {
    const std::string original = read_bytes(data_path(std::string("lammps/") + name));
    std::mt19937_64 rng(std::hash<std::string>{}(name));
    auto position = [&](std::size_t limit) {
      return std::uniform_int_distribution<std::size_t>(0, limit - 1)(rng);
    };
    const std::string path = scratch.file(std::string("damaged-") + name);
    for (int k = 0; k < 60; ++k) {
      std::string bytes = original;
      switch (k % 4) {
        case 0:
          bytes.resize(position(bytes.size()));
          break;
        case 1:
          for (int b = 0; b < 4; ++b) {
            char& byte = bytes[position(bytes.size())];
            byte = static_cast<char>(static_cast<unsigned char>(byte) ^ (1U << position(8)));
          }
          break;
        case 2:
          bytes.erase(position(bytes.size()), 1 + position(40));
          break;
        case 3: {
          // Digits that turn counts and ids into huge numbers.
          const std::size_t at = position(bytes.size() - 12);
          bytes.replace(at, 12, "999999999999");
          break;
        }
      }
      write_bytes(path, bytes);
      SCOPED_TRACE(std::string(name) + " mutant " + std::to_string(k));
      try {
        auto reader = open_lammps_dump(path);
        Frame frame;
        std::size_t frames = 0;
        while (reader->read_next(frame)) {
          for (const auto& p : frame.positions)
            for (float x : p) ASSERT_TRUE(std::isfinite(x));
          ++frames;
        }
        EXPECT_EQ(reader->frame_count(), frames);
      } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace nucleate::io
