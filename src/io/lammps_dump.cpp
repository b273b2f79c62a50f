// LAMMPS text dump reader. Format from the LAMMPS documentation of the
// `dump` command (styles atom and custom) and `dump_modify`: each snapshot
// is a run of "ITEM: <name>" sections,
//   ITEM: UNITS (first snapshot only, `dump_modify units yes`)
//   ITEM: TIME (`dump_modify time yes`, the elapsed simulation time)
//   ITEM: TIMESTEP / ITEM: NUMBER OF ATOMS
//   ITEM: BOX BOUNDS [xy xz yz] xx yy zz   (boundary flags such as pp ff sm)
//   ITEM: ATOMS <column names>
// followed by one line per atom, in no particular order (each processor
// writes its own atoms unless `dump_modify sort` is used). The box lines are
// "lo hi" per axis; for a triclinic box "lo_bound hi_bound tilt", where the
// bounds enclose the tilted cell (LAMMPS Howto "Triclinic (non-orthogonal)
// simulation boxes"):
//   xlo_bound = xlo + min(0, xy, xz, xy+xz)   xhi_bound = xhi + max(0, xy, xz, xy+xz)
//   ylo_bound = ylo + min(0, yz)              yhi_bound = yhi + max(0, yz)
//   zlo_bound = zlo                           zhi_bound = zhi
// and the cell vectors are a = (xhi-xlo, 0, 0), b = (xy, yhi-ylo, 0),
// c = (xz, yz, zhi-zlo) from the origin (xlo, ylo, zlo). LAMMPS versions
// from 2024 can also write "BOX BOUNDS abc origin" with the rows
// "ax ay az origin_x" etc. (general triclinic); both are read.
//
// Positions keep LAMMPS's own frame: x y z are used as written, and scaled
// coordinates become origin + xs a + ys b + zs c, so scaled and unscaled
// dumps of one run give the same numbers. The origin itself is not stored
// (a Frame has box vectors only), which periodic analysis does not need.

#include "io/lammps_dump.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/box.h"
#include "core/error.h"
#include "io/lammps_data.h"
#include "io/text_file.h"

namespace nucleate::io {
namespace {

// Which coordinates a dump holds, in the order of preference.
enum class Coordinates { wrapped, unwrapped, scaled, scaled_unwrapped };

struct CoordinateNames {
  Coordinates kind;
  std::array<std::string_view, 3> names;
};

constexpr std::array kCoordinateNames = {
    CoordinateNames{Coordinates::wrapped, {"x", "y", "z"}},
    CoordinateNames{Coordinates::unwrapped, {"xu", "yu", "zu"}},
    CoordinateNames{Coordinates::scaled, {"xs", "ys", "zs"}},
    CoordinateNames{Coordinates::scaled_unwrapped, {"xsu", "ysu", "zsu"}},
};
constexpr std::array<std::string_view, 3> kVelocityNames = {"vx", "vy", "vz"};

// Old LAMMPS versions wrote "ITEM: ATOMS" without names; `dump atom` then
// meant these columns, with image flags when the lines have eight fields.
constexpr std::string_view kLegacyColumns = "id type xs ys zs";
constexpr std::string_view kLegacyColumnsWithImages = "id type xs ys zs ix iy iz";

enum class Role : std::uint8_t { id, type, element, position, velocity, extra };

struct Column {
  Role role = Role::extra;
  std::uint32_t index = 0;  // axis for position/velocity, slot for extra
};

// How the columns of an ITEM: ATOMS line map onto a Frame.
struct Layout {
  std::string header;  // the column names it was made from
  std::vector<Column> columns;
  std::vector<std::string> extra_names;
  Coordinates coordinates = Coordinates::wrapped;
  bool velocities = false;
  bool id = false;
  bool type = false;
  bool element = false;
  std::optional<std::size_t> mass_slot;  // extra slot of a `mass` column

  [[nodiscard]] bool scaled() const {
    return coordinates == Coordinates::scaled || coordinates == Coordinates::scaled_unwrapped;
  }
  [[nodiscard]] bool names_atoms() const { return id || type || element || mass_slot; }
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Long garbage lines stay readable in messages.
std::string clipped(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

// Extra columns are data the run computed: a NaN printed by LAMMPS (an
// undefined per-atom variable, say) is kept as such rather than refusing
// the whole file. Positions and velocities stay strictly finite.
double parse_extra(std::string_view field, std::string_view name, std::int64_t line) {
  double value = 0.0;
  const char* begin = field.data();
  const char* end = field.data() + field.size();
  if (begin != end && *begin == '+') ++begin;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || field.empty()) {
    throw FormatError(
        fmt::format("expected a number in column {}, found '{}'", name, clipped(field)), line);
  }
  return value;
}

float to_float(double value, std::string_view what, std::int64_t line) {
  if (!(std::abs(value) <= static_cast<double>(std::numeric_limits<float>::max()))) {
    throw FormatError(fmt::format("{} ({}) is beyond single precision", what, value), line);
  }
  return static_cast<float>(value);
}

Layout make_layout(std::string_view header, std::int64_t line) {
  Layout layout;
  layout.header.assign(header);
  std::vector<std::string_view> names;
  split_fields(header, names);
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (names[i] == names[j]) {
        throw FormatError(
            fmt::format("column '{}' appears twice in ITEM: ATOMS", clipped(names[i])), line);
      }
    }
  }
  auto position_of = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto at = std::find(names.begin(), names.end(), name);
    if (at == names.end()) return std::nullopt;
    return static_cast<std::size_t>(at - names.begin());
  };
  auto triple = [&](const std::array<std::string_view, 3>& wanted) {
    std::array<std::size_t, 3> at{};
    for (int d = 0; d < 3; ++d) {
      const auto found = position_of(wanted[d]);
      if (!found) return std::optional<std::array<std::size_t, 3>>();
      at[d] = *found;
    }
    return std::optional<std::array<std::size_t, 3>>(at);
  };

  layout.columns.resize(names.size());
  std::optional<std::array<std::size_t, 3>> positions;
  for (const auto& candidate : kCoordinateNames) {
    positions = triple(candidate.names);
    if (positions) {
      layout.coordinates = candidate.kind;
      break;
    }
  }
  if (!positions) {
    throw FormatError(
        fmt::format("ITEM: ATOMS has no complete set of coordinates (x y z, xu yu zu, "
                    "xs ys zs or xsu ysu zsu); its columns are '{}'",
                    clipped(header)),
        line);
  }
  std::vector<bool> taken(names.size(), false);
  for (std::uint32_t d = 0; d < 3; ++d) {
    layout.columns[(*positions)[d]] = {Role::position, d};
    taken[(*positions)[d]] = true;
  }
  if (const auto velocities = triple(kVelocityNames)) {
    layout.velocities = true;
    for (std::uint32_t d = 0; d < 3; ++d) {
      layout.columns[(*velocities)[d]] = {Role::velocity, d};
      taken[(*velocities)[d]] = true;
    }
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (taken[i]) continue;
    if (names[i] == "id") {
      layout.columns[i] = {Role::id, 0};
      layout.id = true;
    } else if (names[i] == "type") {
      layout.columns[i] = {Role::type, 0};
      layout.type = true;
    } else if (names[i] == "element") {
      layout.columns[i] = {Role::element, 0};
      layout.element = true;
    } else {
      // `mass` is kept as a column too: the topology has no place for it.
      if (names[i] == "mass") layout.mass_slot = layout.extra_names.size();
      layout.columns[i] = {Role::extra, static_cast<std::uint32_t>(layout.extra_names.size())};
      layout.extra_names.emplace_back(names[i]);
    }
  }
  return layout;
}

// One frame header, everything before the atom lines.
struct Header {
  std::optional<std::int64_t> step;
  std::optional<double> time;
  std::optional<std::int64_t> natoms;
  bool has_box = false;
  Box box;
  Vec3d origin{};
  std::int64_t atoms_line = 0;  // line of ITEM: ATOMS
};

class LammpsDumpReader final : public TrajectoryReader {
 public:
  explicit LammpsDumpReader(const std::string& path) : TrajectoryReader(path), in_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "lammps-dump"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::file_units; }
  [[nodiscard]] const Topology* topology() const override {
    return has_topology_ ? &topology_ : nullptr;
  }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return in_.position(); }
  void seek_stream(StreamPosition position) override { in_.seek(position); }

  bool read_frame(Frame& frame) override {
    if (!read_header()) return false;
    read_atom_lines();
    fill_frame(frame);
    return true;
  }

  bool skip_frame() override {
    if (!read_header()) return false;
    const auto natoms = static_cast<std::uint64_t>(*header_.natoms);
    for (std::uint64_t i = 0; i < natoms; ++i) next_atom_line(i);
    return true;
  }

 private:
  // Reads the ITEM sections up to and including ITEM: ATOMS; false at a
  // clean end of the file (blank lines before it are no frame).
  bool read_header() {
    header_ = Header{};
    bool started = false;
    while (true) {
      if (!in_.read_line(line_)) {
        if (!started) return false;
        throw FormatError("truncated: file ends inside a frame header, before ITEM: ATOMS",
                          in_.line_number() + 1);
      }
      const std::string_view text = trimmed(line_);
      if (text.empty()) continue;
      const std::int64_t n = in_.line_number();
      if (text.substr(0, 5) != "ITEM:") {
        throw FormatError(
            fmt::format("expected a line starting with 'ITEM:', found '{}'", clipped(text)), n);
      }
      started = true;
      const std::string_view item = trimmed(text.substr(5));
      if (item == "TIMESTEP") {
        once(header_.step.has_value(), item, n);
        // The value line first, then its number: arguments of one call are
        // evaluated in no fixed order (GCC named the line before it).
        const std::string_view step = value_line("the timestep");
        header_.step = parse_int(step, "the timestep", in_.line_number());
      } else if (item == "TIME") {
        once(header_.time.has_value(), item, n);
        const std::string_view time = value_line("the time");
        header_.time = parse_double(time, "the time", in_.line_number());
      } else if (item == "UNITS") {
        value_line("the unit style");
      } else if (item == "NUMBER OF ATOMS") {
        once(header_.natoms.has_value(), item, n);
        const std::string_view atoms = value_line("the atom count");
        const std::int64_t natoms = parse_int(atoms, "the atom count", in_.line_number());
        if (natoms < 0) {
          throw FormatError(fmt::format("negative atom count {}", natoms), in_.line_number());
        }
        header_.natoms = natoms;
      } else if (item.substr(0, 10) == "BOX BOUNDS") {
        once(header_.has_box, "BOX BOUNDS", n);
        read_box(item.substr(10));
      } else if (item.substr(0, 5) == "ATOMS" &&
                 (item.size() == 5 || item[5] == ' ' || item[5] == '\t')) {
        header_.atoms_line = n;
        columns_.assign(trimmed(item.substr(5)));
        require_complete_header(n);
        return true;
      } else {
        throw FormatError(fmt::format("unknown section 'ITEM: {}' (a per-atom dump has TIMESTEP, "
                                      "NUMBER OF ATOMS, BOX BOUNDS and ATOMS)",
                                      clipped(item)),
                          n);
      }
    }
  }

  static void once(bool seen, std::string_view item, std::int64_t line) {
    if (seen) {
      throw FormatError(
          fmt::format("second ITEM: {} before ITEM: ATOMS (a frame without atoms section?)", item),
          line);
    }
  }

  std::string_view value_line(std::string_view what) {
    in_.expect_line(line_, what);
    return trimmed(line_);
  }

  void require_complete_header(std::int64_t line) const {
    const char* missing = !header_.step      ? "TIMESTEP"
                          : !header_.natoms  ? "NUMBER OF ATOMS"
                          : !header_.has_box ? "BOX BOUNDS"
                                             : nullptr;
    if (missing != nullptr) {
      throw FormatError(fmt::format("ITEM: ATOMS without a preceding ITEM: {}", missing), line);
    }
  }

  void read_box(std::string_view flags) {
    split_fields(flags, fields_);
    const bool general = std::find(fields_.begin(), fields_.end(), "abc") != fields_.end();
    const bool tilted = std::find(fields_.begin(), fields_.end(), "xy") != fields_.end();
    // Without a keyword the first line's field count tells (2, or 3 for the
    // oldest triclinic dumps).
    std::size_t expected = general ? 4 : tilted ? 3 : 0;
    std::array<std::array<double, 4>, 3> rows{};
    for (int d = 0; d < 3; ++d) {
      in_.expect_line(line_, "a box bounds line");
      const std::int64_t n = in_.line_number();
      split_fields(line_, fields_);
      if (expected == 0 && (fields_.size() == 2 || fields_.size() == 3)) expected = fields_.size();
      if (fields_.size() != expected) {
        throw FormatError(
            fmt::format("box bounds line has {} numbers, expected {}", fields_.size(),
                        expected == 0 ? std::string("2 or 3") : std::to_string(expected)),
            n);
      }
      for (std::size_t k = 0; k < expected; ++k)
        rows[d][k] = parse_double(fields_[k], "a box bound", n);
    }
    auto& v = header_.box.vectors;
    if (general) {
      for (int d = 0; d < 3; ++d) {
        v[d] = {rows[d][0], rows[d][1], rows[d][2]};
        header_.origin[d] = rows[d][3];
      }
    } else {
      const double xy = expected == 3 ? rows[0][2] : 0.0;
      const double xz = expected == 3 ? rows[1][2] : 0.0;
      const double yz = expected == 3 ? rows[2][2] : 0.0;
      const double xlo = rows[0][0] - std::min({0.0, xy, xz, xy + xz});
      const double xhi = rows[0][1] - std::max({0.0, xy, xz, xy + xz});
      const double ylo = rows[1][0] - std::min(0.0, yz);
      const double yhi = rows[1][1] - std::max(0.0, yz);
      const double zlo = rows[2][0];
      const double zhi = rows[2][1];
      const std::int64_t n = in_.line_number();
      check_bounds(xlo, xhi, "x", n);
      check_bounds(ylo, yhi, "y", n);
      check_bounds(zlo, zhi, "z", n);
      v[0] = {xhi - xlo, 0.0, 0.0};
      v[1] = {xy, yhi - ylo, 0.0};
      v[2] = {xz, yz, zhi - zlo};
      header_.origin = {xlo, ylo, zlo};
    }
    for (const auto& row : v)
      for (double x : row)
        if (!std::isfinite(x)) throw FormatError("box is not finite", in_.line_number());
    header_.has_box = true;
  }

  static void check_bounds(double lo, double hi, std::string_view axis, std::int64_t line) {
    if (!(hi >= lo)) {
      throw FormatError(fmt::format("box {}hi ({}) is below {}lo ({}) once the tilt is taken off",
                                    axis, hi, axis, lo),
                        line);
    }
  }

  // Reads atom line `index` into line_; a missing one is a truncation.
  void next_atom_line(std::uint64_t index) {
    if (!in_.read_line(line_)) {
      throw FormatError(
          fmt::format("truncated: file ends after {} of {} atom lines", index, *header_.natoms),
          in_.line_number() + 1);
    }
  }

  void use_layout(std::string_view columns, std::int64_t line) {
    if (!layout_ || layout_->header != columns) layout_ = make_layout(columns, line);
  }

  // Parses the atom lines into rows in file order; the rows are only
  // appended to, so memory follows the lines actually present, never the
  // count in the header.
  void read_atom_lines() {
    const auto natoms = static_cast<std::uint64_t>(*header_.natoms);
    const bool legacy = columns_.empty();
    if (!legacy) use_layout(columns_, header_.atoms_line);
    const bool keep_names = !topology_done_;
    row_ids_.clear();
    row_positions_.clear();
    row_velocities_.clear();
    row_extra_.clear();
    row_types_.clear();
    row_elements_.clear();
    for (std::uint64_t i = 0; i < natoms; ++i) {
      next_atom_line(i);
      const std::int64_t n = in_.line_number();
      split_fields(line_, fields_);
      if (legacy && i == 0) {
        use_layout(fields_.size() == 8 ? kLegacyColumnsWithImages : kLegacyColumns,
                   header_.atoms_line);
      }
      const Layout& layout = *layout_;
      if (fields_.size() != layout.columns.size()) {
        throw FormatError(
            fmt::format("atom line has {} fields, ITEM: ATOMS lists {} columns ({})",
                        fields_.size(), layout.columns.size(), clipped(layout.header)),
            n);
      }
      std::array<double, 3> position{};
      std::array<double, 3> velocity{};
      const std::size_t extra_start = row_extra_.size();
      row_extra_.resize(extra_start + layout.extra_names.size());
      for (std::size_t c = 0; c < fields_.size(); ++c) {
        const Column& column = layout.columns[c];
        switch (column.role) {
          case Role::id:
            row_ids_.push_back(parse_int(fields_[c], "the atom id", n));
            break;
          case Role::type:
            if (keep_names) row_types_.emplace_back(fields_[c]);
            break;
          case Role::element:
            if (keep_names) row_elements_.emplace_back(fields_[c]);
            break;
          case Role::position:
            position[column.index] = parse_double(fields_[c], "a coordinate", n);
            break;
          case Role::velocity:
            velocity[column.index] = parse_double(fields_[c], "a velocity", n);
            break;
          case Role::extra:
            row_extra_[extra_start + column.index] =
                parse_extra(fields_[c], layout.extra_names[column.index], n);
            break;
        }
      }
      if (layout.scaled()) position = cartesian(position);
      for (int d = 0; d < 3; ++d)
        row_positions_.push_back(to_float(position[d], "a coordinate", n));
      if (layout.velocities) {
        for (int d = 0; d < 3; ++d)
          row_velocities_.push_back(to_float(velocity[d], "a velocity", n));
      }
    }
    if (natoms == 0 && legacy) use_layout(kLegacyColumns, header_.atoms_line);
  }

  [[nodiscard]] std::array<double, 3> cartesian(const std::array<double, 3>& s) const {
    const auto& v = header_.box.vectors;
    std::array<double, 3> x = header_.origin;
    for (int k = 0; k < 3; ++k)
      for (int d = 0; d < 3; ++d) x[d] += s[k] * v[k][d];
    return x;
  }

  // order_[k] = the file row of the atom with the k-th smallest id.
  void sort_rows(std::size_t count) {
    order_.resize(count);
    if (!layout_->id) {
      std::iota(order_.begin(), order_.end(), std::size_t{0});
      return;
    }
    if (count == 0) return;
    const auto [lowest, highest] = std::minmax_element(row_ids_.begin(), row_ids_.end());
    const std::int64_t low = *lowest;
    // Ids are nearly always a contiguous range: place each row directly.
    const std::uint64_t span =
        static_cast<std::uint64_t>(*highest) - static_cast<std::uint64_t>(low);
    if (span == count - 1) {
      constexpr std::size_t kEmpty = std::numeric_limits<std::size_t>::max();
      std::fill(order_.begin(), order_.end(), kEmpty);
      for (std::size_t row = 0; row < count; ++row) {
        const auto slot = static_cast<std::size_t>(static_cast<std::uint64_t>(row_ids_[row]) -
                                                   static_cast<std::uint64_t>(low));
        if (order_[slot] != kEmpty) duplicate_id(row_ids_[row]);
        order_[slot] = row;
      }
      return;
    }
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::sort(order_.begin(), order_.end(),
              [this](std::size_t a, std::size_t b) { return row_ids_[a] < row_ids_[b]; });
    for (std::size_t k = 1; k < count; ++k) {
      if (row_ids_[order_[k]] == row_ids_[order_[k - 1]]) duplicate_id(row_ids_[order_[k]]);
    }
  }

  [[noreturn]] void duplicate_id(std::int64_t id) const {
    throw FormatError(fmt::format("atom id {} appears twice in the frame", id), header_.atoms_line);
  }

  void fill_frame(Frame& frame) {
    const Layout& layout = *layout_;
    const std::size_t count = row_positions_.size() / 3;
    sort_rows(count);
    // A changed count is reported by the base class, in those words.
    if (topology_done_ && layout.id && topology_has_ids_ && count == topology_.atoms.size()) {
      check_same_atoms(count);
    }

    frame.step = *header_.step;
    frame.time = header_.time ? *header_.time : static_cast<double>(*header_.step);
    frame.box = header_.box;
    frame.has_box = true;
    frame.precision = 0.0F;
    frame.positions.resize(count);
    frame.velocities.resize(layout.velocities ? count : 0);
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t row = order_[k];
      frame.positions[k] = {row_positions_[3 * row], row_positions_[3 * row + 1],
                            row_positions_[3 * row + 2]};
      if (layout.velocities) {
        frame.velocities[k] = {row_velocities_[3 * row], row_velocities_[3 * row + 1],
                               row_velocities_[3 * row + 2]};
      }
    }
    const std::size_t nextra = layout.extra_names.size();
    bool same_columns = frame.extra.size() == nextra;
    for (std::size_t e = 0; same_columns && e < nextra; ++e)
      same_columns = frame.extra[e].name == layout.extra_names[e];
    if (!same_columns) {
      frame.extra.resize(nextra);
      for (std::size_t e = 0; e < nextra; ++e) frame.extra[e].name = layout.extra_names[e];
    }
    for (std::size_t e = 0; e < nextra; ++e) {
      auto& values = frame.extra[e].values;
      values.resize(count);
      for (std::size_t k = 0; k < count; ++k) values[k] = row_extra_[order_[k] * nextra + e];
    }
    if (!topology_done_) make_topology(count);
  }

  // The first frame's atoms name them for the whole file; a later frame
  // with other ids would put other atoms under the same indices.
  void check_same_atoms(std::size_t count) const {
    for (std::size_t k = 0; k < count; ++k) {
      const std::int64_t id = row_ids_[order_[k]];
      if (id != topology_.atoms[k].serial) {
        throw FormatError(
            fmt::format("atom ids differ from the first frame's: the {}th smallest id "
                        "is {}, it was {}",
                        k + 1, id, topology_.atoms[k].serial),
            header_.atoms_line);
      }
    }
  }

  void make_topology(std::size_t count) {
    const Layout& layout = *layout_;
    topology_done_ = true;
    has_topology_ = layout.names_atoms();
    topology_has_ids_ = layout.id;
    if (!has_topology_) return;
    topology_.atoms.assign(count, Atom{});
    const std::size_t nextra = layout.extra_names.size();
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t row = order_[k];
      Atom& atom = topology_.atoms[k];
      atom.serial = layout.id ? row_ids_[row] : static_cast<std::int64_t>(k + 1);
      if (layout.type) atom.type = row_types_[row];
      if (layout.element) {
        atom.element = row_elements_[row];
      } else if (layout.mass_slot) {
        atom.element = std::string(element_from_mass(row_extra_[row * nextra + *layout.mass_slot]));
      }
      atom.name = atom.element.empty() ? atom.type : atom.element;
    }
  }

  TextInput in_;
  std::string line_;
  std::string columns_;
  std::vector<std::string_view> fields_;
  Header header_;
  std::optional<Layout> layout_;

  // The current frame in file order.
  std::vector<std::int64_t> row_ids_;
  std::vector<float> row_positions_;
  std::vector<float> row_velocities_;
  std::vector<double> row_extra_;
  std::vector<std::string> row_types_;     // first frame only
  std::vector<std::string> row_elements_;  // first frame only
  std::vector<std::size_t> order_;

  Topology topology_;
  bool topology_done_ = false;
  bool has_topology_ = false;
  bool topology_has_ids_ = false;
};

}  // namespace

std::unique_ptr<TrajectoryReader> open_lammps_dump(const std::string& path) {
  return std::make_unique<LammpsDumpReader>(path);
}

}  // namespace nucleate::io
