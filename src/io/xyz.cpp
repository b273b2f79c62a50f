// XYZ / extended XYZ reader. The extended comment line follows the extxyz
// description of libAtoms/QUIP and ASE (ase.io.extxyz) and OVITO's "XYZ file
// reader": whitespace-separated key=value pairs, values optionally quoted
// with "..." (backslash escapes) or {...}, keys without a value are flags;
// `Properties` is a colon-separated list of name:type:count triples with type
// S (string), R (real), I (integer) or L (logical), and defaults to
// species:S:1:pos:R:3.

#include "io/xyz.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/box.h"
#include "core/error.h"
#include "io/text_file.h"
#include "io/xyz_comment.h"

namespace nucleate::io {
namespace {

bool is_blank(std::string_view line) {
  return std::ranges::all_of(line, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

float to_float(double value, std::string_view what, std::int64_t line) {
  if (std::abs(value) > static_cast<double>(std::numeric_limits<float>::max())) {
    throw FormatError(fmt::format("{} ({}) is beyond single precision", what, value), line);
  }
  return static_cast<float>(value);
}

class XyzReader final : public TrajectoryReader {
 public:
  explicit XyzReader(const std::string& path) : TrajectoryReader(path), input_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "xyz"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::angstrom; }
  [[nodiscard]] const Topology* topology() const override {
    return have_topology_ ? &topology_ : nullptr;
  }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return input_.position(); }
  void seek_stream(StreamPosition position) override { input_.seek(position); }
  bool read_frame(Frame& frame) override;
  bool skip_frame() override;

 private:
  // False at the end of the file (blank lines before it are no frame).
  bool read_atom_count(std::int64_t& count);
  void read_atom(Frame& frame, std::int64_t index, std::int64_t count, Topology* names);

  TextInput input_;
  Topology topology_;
  bool have_topology_ = false;
  XyzComment comment_;
  std::string line_;
  std::string comment_line_;
  std::vector<std::string_view> fields_;
};

bool XyzReader::read_atom_count(std::int64_t& count) {
  do {
    if (!input_.read_line(line_)) return false;
  } while (is_blank(line_));
  const std::int64_t line = input_.line_number();
  split_fields(line_, fields_);
  if (fields_.size() != 1) {
    throw FormatError(fmt::format("expected the atom count alone on its line, found '{}'", line_),
                      line);
  }
  count = parse_int(fields_[0], "the atom count", line);
  if (count < 0) throw FormatError(fmt::format("atom count is negative ({})", count), line);
  return true;
}

void XyzReader::read_atom(Frame& frame, std::int64_t index, std::int64_t count, Topology* names) {
  input_.expect_line(line_, fmt::format("atom {} of {}", index + 1, count));
  const std::int64_t line = input_.line_number();
  split_fields(line_, fields_);
  const XyzLayout& layout = comment_.layout;
  if (fields_.size() < layout.fields) {
    throw FormatError(fmt::format("expected {} columns ({}), found {}", layout.fields,
                                  layout.description, fields_.size()),
                      line);
  }
  Vec3f xyz{};
  for (std::size_t d = 0; d < 3; ++d) {
    xyz[d] = to_float(parse_double(fields_[layout.position + d], "a position", line), "a position",
                      line);
  }
  frame.positions.push_back(xyz);
  if (layout.velocity) {
    Vec3f v{};
    for (std::size_t d = 0; d < 3; ++d) {
      v[d] = to_float(parse_double(fields_[*layout.velocity + d], "a velocity", line), "a velocity",
                      line);
    }
    frame.velocities.push_back(v);
  }
  for (std::size_t k = 0; k < layout.extras.size(); ++k) {
    const XyzExtraField& extra = layout.extras[k];
    const std::string_view field = fields_[extra.field];
    const double value = extra.integer ? static_cast<double>(parse_int(field, extra.name, line))
                                       : parse_double(field, extra.name, line);
    frame.extra[k].values.push_back(value);
  }
  if (names != nullptr && layout.species) {
    Atom atom;
    atom.name = std::string(fields_[*layout.species]);
    atom.element = atom.name;
    atom.serial = index + 1;
    names->atoms.push_back(std::move(atom));
  }
}

bool XyzReader::read_frame(Frame& frame) {
  std::int64_t count = 0;
  if (!read_atom_count(count)) return false;
  input_.expect_line(comment_line_, "the comment line of a frame");
  parse_xyz_comment(comment_line_, input_.line_number(), comment_);

  frame.has_box = comment_.lattice.has_value();
  frame.box = comment_.lattice ? *comment_.lattice : Box{};
  frame.step = comment_.step ? *comment_.step : static_cast<std::int64_t>(next_frame_index());
  frame.time = comment_.time ? *comment_.time : static_cast<double>(frame.step);
  frame.precision = 0.0F;
  // Cleared, not freed: capacity is kept from frame to frame. Vectors grow
  // with the lines actually read, so a corrupt count can not allocate more
  // than the file holds.
  frame.positions.clear();
  frame.velocities.clear();
  const XyzLayout& layout = comment_.layout;
  frame.extra.resize(layout.extras.size());
  for (std::size_t k = 0; k < layout.extras.size(); ++k) {
    if (frame.extra[k].name != layout.extras[k].name) frame.extra[k].name = layout.extras[k].name;
    frame.extra[k].values.clear();
  }

  Topology names;
  const bool build_topology = !have_topology_ && layout.species.has_value();
  for (std::int64_t i = 0; i < count; ++i) {
    read_atom(frame, i, count, build_topology ? &names : nullptr);
  }
  if (build_topology) {
    topology_ = std::move(names);
    have_topology_ = true;
  }
  return true;
}

bool XyzReader::skip_frame() {
  std::int64_t count = 0;
  if (!read_atom_count(count)) return false;
  input_.expect_line(line_, "the comment line of a frame");
  for (std::int64_t i = 0; i < count; ++i) {
    input_.expect_line(line_, fmt::format("atom {} of {}", i + 1, count));
  }
  return true;
}

}  // namespace

std::unique_ptr<TrajectoryReader> open_xyz(const std::string& path) {
  return std::make_unique<XyzReader>(path);
}

}  // namespace nucleate::io
