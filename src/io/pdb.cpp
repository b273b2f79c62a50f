// PDB reader; column layout from the wwPDB "Protein Data Bank Contents
// Guide: Atomic Coordinate Entry Format Description" v3.3 (CRYST1, MODEL,
// ATOM, HETATM, ENDMDL, END). See pdb.h for the conventions.

#include "io/pdb.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "core/box.h"
#include "core/error.h"
#include "io/text_file.h"

namespace nucleate::io {
namespace {

// Columns `first`..`last` (1-based, inclusive) of `line`, clipped to its end.
std::string_view columns(std::string_view line, std::size_t first, std::size_t last) {
  if (line.size() < first) return {};
  return line.substr(first - 1, last - first + 1);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string_view record_name(std::string_view line) {
  return trim(columns(line, 1, 6));
}

double fixed_number(std::string_view line, std::size_t first, std::size_t last,
                    std::string_view what, std::int64_t line_number) {
  if (line.size() < last) {
    throw FormatError(fmt::format("{} record too short: expected {} in columns {}-{}, the line has "
                                  "{} characters",
                                  record_name(line), what, first, last, line.size()),
                      line_number);
  }
  return parse_double(trim(columns(line, first, last)), what, line_number);
}

// Serials and residue numbers that overflowed their columns: decimal as
// written, else VMD's hexadecimal, else `fallback` ("*****").
std::int64_t lenient_integer(std::string_view field, std::int64_t fallback) {
  field = trim(field);
  if (field.empty()) return fallback;
  const char* end = field.data() + field.size();
  std::int64_t value = 0;
  if (auto [ptr, ec] = std::from_chars(field.data(), end, value); ec == std::errc() && ptr == end) {
    return value;
  }
  if (auto [ptr, ec] = std::from_chars(field.data(), end, value, 16);
      ec == std::errc() && ptr == end) {
    return value;
  }
  return fallback;
}

// GROMACS titles end in "t= <time> step= <step>"; other titles are free text.
template <class T>
std::optional<T> title_value(std::string_view title, std::string_view key) {
  std::size_t at = 0;
  while ((at = title.find(key, at)) != std::string_view::npos) {
    if (at == 0 || title[at - 1] == ' ') break;
    at += key.size();
  }
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + key.size();
  while (i < title.size() && title[i] == ' ') ++i;
  T value{};
  const auto [ptr, ec] = std::from_chars(title.data() + i, title.data() + title.size(), value);
  if (ec != std::errc() || ptr == title.data() + i) return std::nullopt;
  return value;
}

class PdbReader final : public TrajectoryReader {
 public:
  explicit PdbReader(const std::string& path) : TrajectoryReader(path), input_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "pdb"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::angstrom; }
  [[nodiscard]] const Topology* topology() const override {
    return have_topology_ ? &topology_ : nullptr;
  }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return input_.position(); }
  void seek_stream(StreamPosition position) override { input_.seek(position); }
  bool read_frame(Frame& frame) override;

 private:
  void read_cell(Frame& frame) const;
  void read_atom(Frame& frame, Topology* names) const;

  TextInput input_;
  Topology topology_;
  bool have_topology_ = false;
  std::string line_;
};

void PdbReader::read_cell(Frame& frame) const {
  const std::int64_t n = input_.line_number();
  const double a = fixed_number(line_, 7, 15, "a", n);
  const double b = fixed_number(line_, 16, 24, "b", n);
  const double c = fixed_number(line_, 25, 33, "c", n);
  const double alpha = fixed_number(line_, 34, 40, "alpha", n);
  const double beta = fixed_number(line_, 41, 47, "beta", n);
  const double gamma = fixed_number(line_, 48, 54, "gamma", n);
  const bool unit_cube = a == 1.0 && b == 1.0 && c == 1.0;
  if (unit_cube || a <= 0.0 || b <= 0.0 || c <= 0.0) {
    frame.has_box = false;
    frame.box = Box{};
    return;
  }
  for (double angle : {alpha, beta, gamma}) {
    if (!(angle > 0.0 && angle < 180.0)) {
      throw FormatError(fmt::format("CRYST1 angle {} is outside (0, 180) degrees", angle), n);
    }
  }
  frame.has_box = true;
  frame.box = Box::from_lengths_angles(a, b, c, alpha, beta, gamma);
}

void PdbReader::read_atom(Frame& frame, Topology* names) const {
  const std::int64_t n = input_.line_number();
  const Vec3f position{static_cast<float>(fixed_number(line_, 31, 38, "x", n)),
                       static_cast<float>(fixed_number(line_, 39, 46, "y", n)),
                       static_cast<float>(fixed_number(line_, 47, 54, "z", n))};
  frame.positions.push_back(position);
  if (names == nullptr) return;
  const auto index = static_cast<std::int64_t>(frame.positions.size());
  Atom atom;
  atom.serial = lenient_integer(columns(line_, 7, 11), index);
  atom.name = std::string(trim(columns(line_, 13, 16)));
  atom.residue_name = std::string(trim(columns(line_, 18, 21)));
  atom.residue_id = lenient_integer(columns(line_, 23, 26), 0);
  atom.element = std::string(trim(columns(line_, 77, 78)));
  names->atoms.push_back(std::move(atom));
}

bool PdbReader::read_frame(Frame& frame) {
  // Cleared, not freed, so a streaming loop reuses the storage; the vector
  // grows with the atom records actually read.
  frame.positions.clear();
  frame.velocities.clear();
  frame.extra.clear();
  frame.has_box = false;
  frame.box = Box{};
  frame.precision = 0.0F;
  std::optional<double> time;
  std::optional<std::int64_t> step;
  Topology names;
  Topology* building = have_topology_ ? nullptr : &names;
  bool in_model = false;

  while (true) {
    if (!input_.read_line(line_)) {
      if (in_model) {
        throw FormatError("truncated: the file ends inside a MODEL (no ENDMDL)",
                          input_.line_number() + 1);
      }
      if (frame.positions.empty()) return false;
      break;
    }
    const std::string_view record = record_name(line_);
    if (record == "ATOM" || record == "HETATM") {
      read_atom(frame, building);
    } else if (record == "CRYST1") {
      read_cell(frame);
    } else if (record == "MODEL") {
      if (in_model) {
        throw FormatError("MODEL record inside a MODEL (expected ENDMDL first)",
                          input_.line_number());
      }
      if (!frame.positions.empty()) {
        throw FormatError("MODEL record after atoms that belong to no model (expected END first)",
                          input_.line_number());
      }
      in_model = true;
    } else if (record == "ENDMDL") {
      if (!in_model) throw FormatError("ENDMDL record without MODEL", input_.line_number());
      break;
    } else if (record == "END") {
      if (in_model || !frame.positions.empty()) break;
    } else if (record == "TITLE") {
      time = title_value<double>(line_, "t=");
      step = title_value<std::int64_t>(line_, "step=");
    }
  }

  frame.step = step ? *step : static_cast<std::int64_t>(next_frame_index());
  frame.time = time ? *time : static_cast<double>(frame.step);
  if (building != nullptr) {
    topology_ = std::move(names);
    have_topology_ = true;
  }
  return true;
}

}  // namespace

std::unique_ptr<TrajectoryReader> open_pdb(const std::string& path) {
  return std::make_unique<PdbReader>(path);
}

}  // namespace nucleate::io
