#include "io/gro.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "io/binary_file.h"
#include "io/text_file.h"

namespace nucleate::io {
namespace {

// Format (GROMACS manual, "File formats: gro"): a title line (trjconv puts
// "t= <time> step= <step>" in it), the atom count, one line per atom
//   %5d%-5s%5s%5d then x y z (and vx vy vz) in fields of equal width,
// and the box line: v1(x) v2(y) v3(z) [v1(y) v1(z) v2(x) v2(z) v3(x) v3(y)].
// The field width is not fixed: GROMACS itself infers it from the distance
// between the first two decimal points (%8.3f by default, wider with -ndec).
constexpr std::size_t kCoordinateColumn = 20;
// Atoms reserved from a frame's count line before its lines are read.
constexpr std::size_t kAtomsReservedAtMost = std::size_t{1} << 20;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "t= 12.5 step= 100" anywhere in the title; missing values stay as they are.
void parse_title(std::string_view title, Frame& frame) {
  auto value_after = [&](std::string_view key) -> std::optional<std::string_view> {
    const auto at = title.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = trimmed(title.substr(at + key.size()));
    const auto end = rest.find_first_of(" \t");
    return rest.substr(0, end);
  };
  if (auto t = value_after("t=")) {
    double time = 0;
    if (std::sscanf(std::string(*t).c_str(), "%lf", &time) == 1 && std::isfinite(time))
      frame.time = time;
  }
  if (auto s = value_after("step=")) {
    long long step = 0;
    if (std::sscanf(std::string(*s).c_str(), "%lld", &step) == 1) frame.step = step;
  }
}

class GroReader final : public TrajectoryReader {
 public:
  explicit GroReader(const std::string& path) : TrajectoryReader(path), in_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "gro"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::nanometre; }
  [[nodiscard]] const Topology* topology() const override {
    return topology_.empty() ? nullptr : &topology_;
  }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return in_.position(); }
  void seek_stream(StreamPosition position) override { in_.seek(position); }

  bool read_frame(Frame& frame) override {
    const std::size_t natoms = read_count();
    if (natoms == kNoFrame) return false;
    const bool first = topology_.empty() && natoms > 0;
    // Grown line by line, not sized from the count: a corrupt count (found
    // by fuzzing: 10^9 atoms in a 24-byte file) must end in "the file ends
    // after atom k", not in gigabytes of memory first.
    const std::size_t expected = std::min(natoms, kAtomsReservedAtMost);
    if (first) topology_.atoms.reserve(expected);
    frame.positions.clear();
    frame.positions.reserve(expected);
    frame.velocities.clear();
    frame.extra.clear();
    frame.precision = 0.0F;
    std::size_t width = 0;
    bool velocities = false;
    for (std::size_t i = 0; i < natoms; ++i) {
      in_.expect_line(line_, fmt::format("atom {} of {}", i + 1, natoms));
      const std::int64_t n = in_.line_number();
      if (i == 0) {
        width = field_width(line_, n);
        velocities = line_.size() >= kCoordinateColumn + 6 * width;
        if (velocities) frame.velocities.reserve(expected);
      }
      if (line_.size() < kCoordinateColumn + 3 * width) {
        throw FormatError(fmt::format("atom line is {} characters long, too short for three "
                                      "coordinates of width {}",
                                      line_.size(), width),
                          n);
      }
      const std::string_view l(line_);
      Vec3f& position = frame.positions.emplace_back();
      for (int d = 0; d < 3; ++d) {
        position[d] = static_cast<float>(parse_double(
            trimmed(l.substr(kCoordinateColumn + d * width, width)), "a coordinate", n));
      }
      if (velocities) {
        // Velocities have one more decimal in fields of the same width.
        if (l.size() < kCoordinateColumn + 6 * width) {
          throw FormatError("atom line too short for its velocities", n);
        }
        const std::size_t start = kCoordinateColumn + 3 * width;
        Vec3f& velocity = frame.velocities.emplace_back();
        for (int d = 0; d < 3; ++d) {
          velocity[d] = static_cast<float>(
              parse_double(trimmed(l.substr(start + d * width, width)), "a velocity", n));
        }
      }
      if (first) {
        Atom& atom = topology_.atoms.emplace_back();
        atom.residue_id = parse_int(trimmed(l.substr(0, 5)), "the residue number", n);
        atom.residue_name = std::string(trimmed(l.substr(5, 5)));
        atom.name = std::string(trimmed(l.substr(10, 5)));
        atom.serial = parse_int(trimmed(l.substr(15, 5)), "the atom number", n);
      }
    }
    read_box(frame);
    frame.step = 0;
    frame.time = 0.0;
    parse_title(title_, frame);
    return true;
  }

  bool skip_frame() override {
    const std::size_t natoms = read_count();
    if (natoms == kNoFrame) return false;
    for (std::size_t i = 0; i < natoms + 1; ++i) {
      in_.expect_line(line_, i < natoms ? "an atom line" : "the box line");
    }
    return true;
  }

 private:
  static constexpr std::size_t kNoFrame = static_cast<std::size_t>(-1);

  // Reads the title and the atom count; kNoFrame at a clean end of file
  // (trailing blank lines included).
  std::size_t read_count() {
    do {
      if (!in_.read_line(title_)) return kNoFrame;
    } while (trimmed(title_).empty());
    in_.expect_line(line_, "the atom count");
    const std::int64_t natoms = parse_int(trimmed(line_), "the atom count", in_.line_number());
    if (natoms < 0)
      throw FormatError(fmt::format("negative atom count {}", natoms), in_.line_number());
    return static_cast<std::size_t>(natoms);
  }

  static std::size_t field_width(const std::string& line, std::int64_t n) {
    const auto first = line.find('.', kCoordinateColumn);
    const auto second = first == std::string::npos ? first : line.find('.', first + 1);
    if (second == std::string::npos) {
      throw FormatError("cannot find two decimal points in the coordinates of the first atom", n);
    }
    const std::size_t width = second - first;
    if (width < 4 || width > 30) {
      throw FormatError(fmt::format("implausible coordinate field width {}", width), n);
    }
    return width;
  }

  void read_box(Frame& frame) {
    in_.expect_line(line_, "the box line");
    split_fields(line_, fields_);
    if (fields_.size() != 3 && fields_.size() != 9) {
      throw FormatError(fmt::format("box line has {} numbers, expected 3 or 9", fields_.size()),
                        in_.line_number());
    }
    double v[9] = {};
    for (std::size_t k = 0; k < fields_.size(); ++k) {
      v[k] = parse_double(fields_[k], "a box component", in_.line_number());
    }
    auto& b = frame.box.vectors;
    b[0] = {v[0], v[3], v[4]};
    b[1] = {v[5], v[1], v[6]};
    b[2] = {v[7], v[8], v[2]};
    frame.has_box = !frame.box.is_zero();
  }

  TextInput in_;
  Topology topology_;
  std::string title_;
  std::string line_;
  std::vector<std::string_view> fields_;
};

class GroWriter final : public TrajectoryWriter {
 public:
  explicit GroWriter(const std::string& path) : out_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "gro"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::nanometre; }

  void write(const Frame& frame, const Topology* topology) override {
    buffer_.clear();
    fmt::format_to(std::back_inserter(buffer_), "written by nucleate t= {:.5f} step= {}\n{:5d}\n",
                   frame.time, frame.step, frame.atom_count());
    const bool velocities = frame.velocities.size() == frame.atom_count();
    for (std::size_t i = 0; i < frame.atom_count(); ++i) {
      const Atom* atom =
          topology != nullptr && i < topology->size() ? &topology->atoms[i] : nullptr;
      // GRO numbers wrap at 100000, as GROMACS writes them.
      const std::int64_t resid = atom != nullptr ? atom->residue_id : 1;
      const std::string_view resname = atom != nullptr && !atom->residue_name.empty()
                                           ? std::string_view(atom->residue_name)
                                           : "RES";
      const std::string_view name = atom == nullptr       ? std::string_view("X")
                                    : !atom->name.empty() ? std::string_view(atom->name)
                                    : !atom->type.empty() ? std::string_view(atom->type)
                                                          : std::string_view("X");
      const auto& p = frame.positions[i];
      fmt::format_to(std::back_inserter(buffer_), "{:5d}{:<5.5}{:>5.5}{:5d}{:8.3f}{:8.3f}{:8.3f}",
                     resid % 100000, resname, name, (i + 1) % 100000, p[0], p[1], p[2]);
      if (velocities) {
        const auto& v = frame.velocities[i];
        fmt::format_to(std::back_inserter(buffer_), "{:8.4f}{:8.4f}{:8.4f}", v[0], v[1], v[2]);
      }
      buffer_.push_back('\n');
    }
    const auto& b = frame.box.vectors;
    fmt::format_to(std::back_inserter(buffer_), "{:10.5f}{:10.5f}{:10.5f}", b[0][0], b[1][1],
                   b[2][2]);
    if (!frame.box.is_orthorhombic()) {
      fmt::format_to(std::back_inserter(buffer_),
                     "{:10.5f}{:10.5f}{:10.5f}{:10.5f}{:10.5f}{:10.5f}", b[0][1], b[0][2], b[1][0],
                     b[1][2], b[2][0], b[2][1]);
    }
    buffer_.push_back('\n');
    out_.write(buffer_.data(), buffer_.size());
  }

  void close() override { out_.close(); }

 private:
  BinaryOutput out_;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<TrajectoryReader> open_gro(const std::string& path) {
  return std::make_unique<GroReader>(path);
}

std::unique_ptr<TrajectoryWriter> create_gro_writer(const std::string& path) {
  return std::make_unique<GroWriter>(path);
}

}  // namespace nucleate::io
