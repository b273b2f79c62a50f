// DCD reader. The layout follows the descriptions in the MDAnalysis user guide
// ("DCD (CHARMM, NAMD, or LAMMPS trajectory)" and the MDAnalysis wiki page
// "FileFormats"), the OVITO manual ("DCD file reader"), the NAMD file-format
// notes and the header LAMMPS' `dump dcd` documents in its source comments:
//
//   record 1 (84 bytes): "CORD", then 20 int32 control words ICNTRL:
//     [0] NSET frames (often not updated: not trusted), [1] ISTART first step,
//     [2] NSAVC steps between frames, [8] NAMNF fixed atoms,
//     [9] DELTA time step (float32 in CHARMM files, float64 over [9..10] in
//     X-PLOR files), [10] 1 if every frame has a unit cell record,
//     [11] 1 if frames carry a 4th coordinate, [19] CHARMM version (0 = X-PLOR)
//   record 2: int32 NTITLE, then NTITLE lines of 80 characters
//   record 3: int32 NATOM
//   per frame: [unit cell record: 6 float64] X, Y, Z records (NATOM float32
//     each) [W record when ICNTRL[11] != 0]
//
// Every record is framed by its byte length before and after, 4 bytes (C and
// most Fortran compilers) or 8 bytes (gfortran/g95 builds of CHARMM, X-PLOR);
// the byte order is that of the machine that wrote it. Both are detected from
// the first marker, which must be 84.

#include "io/dcd.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <string_view>
#include <vector>

#include "core/box.h"
#include "core/error.h"
#include "io/binary_file.h"

namespace nucleate::io {
namespace {

constexpr std::uint32_t kHeaderBytes = 84;
constexpr std::uint32_t kCellBytes = 48;
// One AKMA time unit in ps (CHARMM's internal time unit, sqrt(A^2 amu /
// (kcal/mol)) = 48.88821 fs), the unit of DELTA in CHARMM and NAMD files.
constexpr double kAkmaToPs = 0.04888821;

struct DcdLayout {
  bool swap = false;    // file byte order differs from this machine's
  unsigned marker = 4;  // record marker width in bytes
  bool has_cell = false;
  bool has_fourth = false;  // frames carry a W record after X, Y, Z
  bool lammps = false;      // LAMMPS stores DELTA in its own time unit
  std::int64_t atoms = 0;
  std::int64_t istart = 0;
  std::int64_t nsavc = 1;
  double delta = 0.0;             // time step in the file's unit
  std::uint64_t first_frame = 0;  // byte offset of frame 0
  std::uint64_t frame_bytes = 0;
};

std::int32_t word_at(const unsigned char* bytes, bool swap) {
  std::uint32_t raw = 0;
  std::memcpy(&raw, bytes, 4);
  return static_cast<std::int32_t>(swap ? byte_swap32(raw) : raw);
}

class DcdReader final : public TrajectoryReader {
 public:
  explicit DcdReader(const std::string& path) : TrajectoryReader(path), input_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "dcd"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::angstrom; }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return {input_.tell(), 0}; }
  void seek_stream(StreamPosition position) override { input_.seek(position.byte); }
  bool read_frame(Frame& frame) override;
  bool skip_frame() override;

 private:
  // The header is parsed on the first read, so its faults reach the caller
  // as located InputErrors like any other; frame 0 starts at byte 0 and a
  // seek there lands before the header, which is then stepped over.
  void step_over_header();
  void read_header();
  std::uint64_t read_marker();
  void expect_marker(std::uint64_t expected, std::string_view what);
  // False at a clean end of file; throws when only part of a frame is left.
  bool frame_available();
  void read_cell(Frame& frame);
  void read_axis(Frame& frame, int axis);

  BinaryInput input_;
  bool header_read_ = false;
  DcdLayout layout_;
  std::vector<float> axis_;
};

std::uint64_t DcdReader::read_marker() {
  if (layout_.marker == 8) return static_cast<std::uint64_t>(input_.int64(layout_.swap));
  return static_cast<std::uint32_t>(input_.int32(layout_.swap));
}

void DcdReader::expect_marker(std::uint64_t expected, std::string_view what) {
  const std::uint64_t found = read_marker();
  if (found != expected) {
    throw FormatError(fmt::format("expected a record marker of {} bytes for {}, found {}", expected,
                                  what, found));
  }
}

void DcdReader::read_header() {
  input_.seek(0);
  DcdLayout layout;
  // The signature sits after the first marker, so where it is tells the
  // marker width (a 64-bit little-endian 84 begins like a 32-bit one); the
  // marker's value then tells the byte order.
  unsigned char start[12] = {};
  const auto have = static_cast<std::size_t>(std::min<std::uint64_t>(input_.size(), 12));
  input_.read(start, have);
  if (have == 12 && std::memcmp(start + 8, "CORD", 4) == 0) layout.marker = 8;
  std::uint64_t first = 0;
  if (layout.marker == 8) {
    std::memcpy(&first, start, 8);
    layout.swap = first != kHeaderBytes;
    if (layout.swap) first = byte_swap64(first);
  } else {
    std::uint32_t first32 = 0;
    std::memcpy(&first32, start, std::min<std::size_t>(have, 4));
    layout.swap = first32 != kHeaderBytes;
    first = layout.swap ? byte_swap32(first32) : first32;
  }
  if (have < 8 || first != kHeaderBytes) {
    throw FormatError(fmt::format(
        "not a DCD file: expected a first record marker of 84 (4 or 8 bytes, either byte "
        "order), found {} ({} bytes in the file)",
        first, input_.size()));
  }
  input_.seek(layout.marker);
  layout_ = layout;

  unsigned char header[kHeaderBytes];
  input_.read(header, kHeaderBytes);
  expect_marker(kHeaderBytes, "the header");
  if (std::memcmp(header, "CORD", 4) != 0) {
    throw FormatError(fmt::format("expected the DCD signature 'CORD', found '{}'",
                                  std::string_view(reinterpret_cast<const char*>(header), 4)));
  }
  const unsigned char* control = header + 4;
  auto word = [&](std::size_t k) { return word_at(control + 4 * k, layout.swap); };

  const std::int32_t fixed = word(8);
  if (fixed != 0) {
    throw FormatError(fmt::format(
        "DCD files with fixed atoms are not supported (NAMNF = {} in the header)", fixed));
  }
  layout.istart = word(1);
  layout.nsavc = word(2);
  const bool charmm = word(19) != 0;
  if (charmm) {
    layout.delta = std::bit_cast<float>(static_cast<std::uint32_t>(word(9)));
    layout.has_cell = word(10) != 0;
    layout.has_fourth = word(11) != 0;
  } else {
    std::uint64_t raw = 0;
    std::memcpy(&raw, control + std::size_t{4} * 9, 8);  // words 9 and 10
    layout.delta = std::bit_cast<double>(layout.swap ? byte_swap64(raw) : raw);
  }
  if (!std::isfinite(layout.delta)) layout.delta = 0.0;

  // Title record: NTITLE lines of 80 characters. LAMMPS names itself in the
  // first line, which is the only way to know its DELTA is not in AKMA units.
  const std::uint64_t title_bytes = read_marker();
  if (title_bytes < 4 || title_bytes > input_.remaining()) {
    throw FormatError(
        fmt::format("title record of {} bytes: expected at least 4 and at most the "
                    "{} bytes left in the file",
                    title_bytes, input_.remaining()));
  }
  std::string title(title_bytes, '\0');
  input_.read(title.data(), title.size());
  expect_marker(title_bytes, "the title");
  layout.lammps = title.find("Written by LAMMPS") != std::string::npos;

  expect_marker(4, "the atom count");
  layout.atoms = input_.int32(layout.swap);
  expect_marker(4, "the atom count");
  if (layout.atoms <= 0) {
    throw FormatError(fmt::format("expected a positive atom count, found {}", layout.atoms));
  }

  const std::uint64_t markers = 2ULL * layout.marker;
  const std::uint64_t axis_bytes = markers + 4ULL * static_cast<std::uint64_t>(layout.atoms);
  layout.frame_bytes =
      (layout.has_cell ? markers + kCellBytes : 0) + (layout.has_fourth ? 4 : 3) * axis_bytes;
  layout.first_frame = input_.tell();
  layout_ = layout;
  header_read_ = true;
}

void DcdReader::step_over_header() {
  if (!header_read_) {
    read_header();
  } else if (input_.tell() < layout_.first_frame) {
    input_.seek(layout_.first_frame);
  }
}

bool DcdReader::frame_available() {
  if (input_.at_end()) return false;
  if (input_.remaining() < layout_.frame_bytes) {
    throw FormatError(
        fmt::format("truncated frame: a frame of {} atoms takes {} bytes, the file "
                    "has {} left",
                    layout_.atoms, layout_.frame_bytes, input_.remaining()));
  }
  return true;
}

// The six numbers are [A, gamma, B, beta, alpha, C] (X-PLOR order). Writers
// disagree on the angles: CHARMM, NAMD > 2.5 and LAMMPS store cosines,
// NAMD <= 2.5 and MDAnalysis store degrees; recent CHARMM (c36+) stores the
// symmetric shape matrix (h11, h21, h22, h31, h32, h33) instead. As VMD's and
// MDAnalysis' readers do, values that all lie in [-1, 1] are read as cosines,
// angles in (0, 180) with positive lengths as degrees, anything else as the
// shape matrix. (Cosines of small-tilt shape matrices are indistinguishable;
// an orthogonal box reads the same either way.) LAMMPS' triclinic boxes come
// out right as cosines; old LAMMPS versions stored the alpha and gamma
// cosines in each other's slots, which the header does not reveal.
void DcdReader::read_cell(Frame& frame) {
  expect_marker(kCellBytes, "the unit cell");
  double u[6];
  for (double& x : u) {
    x = input_.float64(layout_.swap);
    if (!std::isfinite(x)) throw FormatError(fmt::format("unit cell value is not finite ({})", x));
  }
  expect_marker(kCellBytes, "the unit cell");

  frame.has_box =
      !(u[0] == 0.0 && u[1] == 0.0 && u[2] == 0.0 && u[3] == 0.0 && u[4] == 0.0 && u[5] == 0.0);
  if (!frame.has_box) {
    frame.box = Box{};
    return;
  }
  auto is_cosine = [](double x) { return x >= -1.0 && x <= 1.0; };
  auto is_degrees = [](double x) { return x > 0.0 && x < 180.0; };
  // 90 - asin(c) rather than acos(c): an exact 0 gives an exact 90.
  auto from_cosine = [](double c) { return 90.0 - std::asin(c) * 180.0 / std::numbers::pi; };
  if (is_cosine(u[1]) && is_cosine(u[3]) && is_cosine(u[4])) {
    frame.box = Box::from_lengths_angles(u[0], u[2], u[5], from_cosine(u[4]), from_cosine(u[3]),
                                         from_cosine(u[1]));
  } else if (u[0] > 0.0 && u[2] > 0.0 && u[5] > 0.0 && is_degrees(u[1]) && is_degrees(u[3]) &&
             is_degrees(u[4])) {
    frame.box = Box::from_lengths_angles(u[0], u[2], u[5], u[4], u[3], u[1]);
  } else {
    Box shape;
    shape.vectors[0] = {u[0], u[1], u[3]};
    shape.vectors[1] = {u[1], u[2], u[4]};
    shape.vectors[2] = {u[3], u[4], u[5]};
    const Vec3d lengths = shape.lengths();
    const Vec3d angles = shape.angles_deg();
    frame.box = Box::from_lengths_angles(lengths[0], lengths[1], lengths[2], angles[0], angles[1],
                                         angles[2]);
  }
}

void DcdReader::read_axis(Frame& frame, int axis) {
  const auto bytes = 4ULL * static_cast<std::uint64_t>(layout_.atoms);
  static constexpr const char* kNames[] = {"the X coordinates", "the Y coordinates",
                                           "the Z coordinates"};
  expect_marker(bytes, kNames[axis]);
  input_.read(axis_.data(), bytes);
  expect_marker(bytes, kNames[axis]);
  const auto n = static_cast<std::size_t>(layout_.atoms);
  if (layout_.swap) {
    for (std::size_t i = 0; i < n; ++i) {
      frame.positions[i][axis] =
          std::bit_cast<float>(byte_swap32(std::bit_cast<std::uint32_t>(axis_[i])));
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) frame.positions[i][axis] = axis_[i];
  }
}

bool DcdReader::read_frame(Frame& frame) {
  step_over_header();
  if (!frame_available()) return false;
  // Chosen convention: frame k of the file is MD step ISTART + k * NSAVC, at
  // time step * DELTA, with DELTA converted from AKMA units to ps (x
  // 0.04888821) except in LAMMPS files, whose DELTA is in LAMMPS' own unit.
  // CHARMM defines ISTART and NSAVC so; MDAnalysis reports the same times;
  // LAMMPS writes ISTART = first step and NSAVC = dump interval.
  const auto index =
      static_cast<std::int64_t>((input_.tell() - layout_.first_frame) / layout_.frame_bytes);
  if (__builtin_mul_overflow(index, layout_.nsavc, &frame.step) ||
      __builtin_add_overflow(frame.step, layout_.istart, &frame.step)) {
    throw FormatError(fmt::format("step of frame {} overflows (ISTART = {}, NSAVC = {})", index,
                                  layout_.istart, layout_.nsavc));
  }
  frame.time = static_cast<double>(frame.step) * layout_.delta * (layout_.lammps ? 1.0 : kAkmaToPs);
  frame.precision = 0.0F;
  frame.velocities.clear();
  frame.extra.clear();
  if (layout_.has_cell) {
    read_cell(frame);
  } else {
    frame.has_box = false;
    frame.box = Box{};
  }
  // Sizes were checked against the bytes left (frame_available) first.
  const auto n = static_cast<std::size_t>(layout_.atoms);
  axis_.resize(n);
  frame.positions.resize(n);
  for (int axis = 0; axis < 3; ++axis) read_axis(frame, axis);
  if (layout_.has_fourth) {
    const auto bytes = 4ULL * static_cast<std::uint64_t>(layout_.atoms);
    expect_marker(bytes, "the 4th coordinate");
    input_.skip(bytes);
    expect_marker(bytes, "the 4th coordinate");
  }
  return true;
}

bool DcdReader::skip_frame() {
  step_over_header();
  if (!frame_available()) return false;
  input_.skip(layout_.frame_bytes);
  return true;
}

}  // namespace

std::unique_ptr<TrajectoryReader> open_dcd(const std::string& path) {
  return std::make_unique<DcdReader>(path);
}

}  // namespace nucleate::io
