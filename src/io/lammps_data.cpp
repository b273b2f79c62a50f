// LAMMPS data file reader. Format from the LAMMPS documentation of
// `read_data`: the first line is a title and is skipped; header lines follow
// ("N atoms", "N atom types", box bounds, ...), each starting with a number;
// the first line that does not is a section keyword (Masses, Atoms, Pair
// Coeffs, ...), the keyword line is followed by a blank line and the
// section's entries, one per line. `#` starts a comment anywhere; after
// `Atoms` the comment names the atom style (write_data always writes it).
// The columns of each atom style come from the read_data "Atoms section"
// table; for `template` the order is the one LAMMPS 29Sep2021 itself writes
// and reads (id molecule template-index template-atom type x y z, checked
// with write_data), which differs from the documentation table.

#include "io/lammps_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/text_file.h"

namespace nucleate::io {
namespace {

struct ElementMass {
  std::string_view symbol;
  double mass;
};

// Standard atomic weights (IUPAC/CIAAW, abridged to five significant
// figures; conventional values for H, Li, B, C, N, O, Mg, Si, S, Cl, Br,
// Tl), and the mass number of the longest-lived isotope for elements
// without a standard weight (Tc, Pm, Po-Ac).
constexpr std::array kElements = {
    ElementMass{"H", 1.008},   ElementMass{"He", 4.0026}, ElementMass{"Li", 6.94},
    ElementMass{"Be", 9.0122}, ElementMass{"B", 10.81},   ElementMass{"C", 12.011},
    ElementMass{"N", 14.007},  ElementMass{"O", 15.999},  ElementMass{"F", 18.998},
    ElementMass{"Ne", 20.180}, ElementMass{"Na", 22.990}, ElementMass{"Mg", 24.305},
    ElementMass{"Al", 26.982}, ElementMass{"Si", 28.085}, ElementMass{"P", 30.974},
    ElementMass{"S", 32.06},   ElementMass{"Cl", 35.45},  ElementMass{"Ar", 39.948},
    ElementMass{"K", 39.098},  ElementMass{"Ca", 40.078}, ElementMass{"Sc", 44.956},
    ElementMass{"Ti", 47.867}, ElementMass{"V", 50.942},  ElementMass{"Cr", 51.996},
    ElementMass{"Mn", 54.938}, ElementMass{"Fe", 55.845}, ElementMass{"Co", 58.933},
    ElementMass{"Ni", 58.693}, ElementMass{"Cu", 63.546}, ElementMass{"Zn", 65.38},
    ElementMass{"Ga", 69.723}, ElementMass{"Ge", 72.630}, ElementMass{"As", 74.922},
    ElementMass{"Se", 78.971}, ElementMass{"Br", 79.904}, ElementMass{"Kr", 83.798},
    ElementMass{"Rb", 85.468}, ElementMass{"Sr", 87.62},  ElementMass{"Y", 88.906},
    ElementMass{"Zr", 91.224}, ElementMass{"Nb", 92.906}, ElementMass{"Mo", 95.95},
    ElementMass{"Tc", 98.0},   ElementMass{"Ru", 101.07}, ElementMass{"Rh", 102.91},
    ElementMass{"Pd", 106.42}, ElementMass{"Ag", 107.87}, ElementMass{"Cd", 112.41},
    ElementMass{"In", 114.82}, ElementMass{"Sn", 118.71}, ElementMass{"Sb", 121.76},
    ElementMass{"Te", 127.60}, ElementMass{"I", 126.90},  ElementMass{"Xe", 131.29},
    ElementMass{"Cs", 132.91}, ElementMass{"Ba", 137.33}, ElementMass{"La", 138.91},
    ElementMass{"Ce", 140.12}, ElementMass{"Pr", 140.91}, ElementMass{"Nd", 144.24},
    ElementMass{"Pm", 145.0},  ElementMass{"Sm", 150.36}, ElementMass{"Eu", 151.96},
    ElementMass{"Gd", 157.25}, ElementMass{"Tb", 158.93}, ElementMass{"Dy", 162.50},
    ElementMass{"Ho", 164.93}, ElementMass{"Er", 167.26}, ElementMass{"Tm", 168.93},
    ElementMass{"Yb", 173.05}, ElementMass{"Lu", 174.97}, ElementMass{"Hf", 178.49},
    ElementMass{"Ta", 180.95}, ElementMass{"W", 183.84},  ElementMass{"Re", 186.21},
    ElementMass{"Os", 190.23}, ElementMass{"Ir", 192.22}, ElementMass{"Pt", 195.08},
    ElementMass{"Au", 196.97}, ElementMass{"Hg", 200.59}, ElementMass{"Tl", 204.38},
    ElementMass{"Pb", 207.2},  ElementMass{"Bi", 208.98}, ElementMass{"Po", 209.0},
    ElementMass{"At", 210.0},  ElementMass{"Rn", 222.0},  ElementMass{"Fr", 223.0},
    ElementMass{"Ra", 226.0},  ElementMass{"Ac", 227.0},  ElementMass{"Th", 232.04},
    ElementMass{"Pa", 231.04}, ElementMass{"U", 238.03},
};

constexpr double kElementMassTolerance = 0.1;

// Where the atom type and molecule id sit in an `Atoms` line of a style, and
// how many fields a line has at least (image flags may follow).
struct AtomStyleColumns {
  std::string_view style;
  int type_column;
  int molecule_column;  // -1: the style has no molecule id
  int min_fields;
};

constexpr std::array kAtomStyles = {
    AtomStyleColumns{"atomic", 1, -1, 5},
    AtomStyleColumns{"charge", 1, -1, 6},
    AtomStyleColumns{"full", 2, 1, 7},
    AtomStyleColumns{"molecular", 2, 1, 6},
    AtomStyleColumns{"bond", 2, 1, 6},
    AtomStyleColumns{"angle", 2, 1, 6},
    AtomStyleColumns{"body", 1, -1, 7},
    AtomStyleColumns{"dipole", 1, -1, 9},
    AtomStyleColumns{"dpd", 1, -1, 6},
    AtomStyleColumns{"edpd", 1, -1, 7},
    AtomStyleColumns{"mdpd", 1, -1, 6},
    AtomStyleColumns{"tdpd", 1, -1, 5},
    AtomStyleColumns{"electron", 1, -1, 8},
    AtomStyleColumns{"ellipsoid", 1, -1, 7},
    AtomStyleColumns{"line", 2, 1, 8},
    AtomStyleColumns{"tri", 2, 1, 8},
    AtomStyleColumns{"mesont", 2, 1, 12},
    AtomStyleColumns{"peri", 1, -1, 7},
    AtomStyleColumns{"sph", 1, -1, 8},
    AtomStyleColumns{"sphere", 1, -1, 7},
    AtomStyleColumns{"spin", 1, -1, 9},
    AtomStyleColumns{"smd", 1, 2, 13},
    AtomStyleColumns{"template", 4, 1, 8},
    AtomStyleColumns{"wavepacket", 1, -1, 11},
    AtomStyleColumns{"bpm/sphere", 2, 1, 8},
    AtomStyleColumns{"dielectric", 1, -1, 13},
    // Sub-style columns follow x y z in an order that depends on the
    // sub-styles; only id and type are taken (no molecule id).
    AtomStyleColumns{"hybrid", 1, -1, 5},
};

// Every section keyword of the read_data documentation; content lines never
// match one, so the sections not read are skipped up to the next keyword.
constexpr std::array<std::string_view, 30> kSectionKeywords = {
    "Atoms",
    "Velocities",
    "Masses",
    "Ellipsoids",
    "Lines",
    "Triangles",
    "Bodies",
    "Bonds",
    "Angles",
    "Dihedrals",
    "Impropers",
    "Pair Coeffs",
    "PairIJ Coeffs",
    "Bond Coeffs",
    "Angle Coeffs",
    "Dihedral Coeffs",
    "Improper Coeffs",
    "BondBond Coeffs",
    "BondAngle Coeffs",
    "MiddleBondTorsion Coeffs",
    "EndBondTorsion Coeffs",
    "AngleTorsion Coeffs",
    "AngleAngleTorsion Coeffs",
    "BondBond13 Coeffs",
    "AngleAngle Coeffs",
    "Atom Type Labels",
    "Bond Type Labels",
    "Angle Type Labels",
    "Dihedral Type Labels",
    "Improper Type Labels",
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

// The text before `#`, trimmed; `comment` gets the text after it.
std::string_view without_comment(std::string_view line, std::string_view* comment = nullptr) {
  const auto hash = line.find('#');
  if (comment != nullptr) {
    *comment = hash == std::string_view::npos ? std::string_view() : trimmed(line.substr(hash + 1));
  }
  return trimmed(line.substr(0, hash));
}

bool is_section_keyword(std::string_view text) {
  return std::find(kSectionKeywords.begin(), kSectionKeywords.end(), text) !=
         kSectionKeywords.end();
}

bool starts_like_number(std::string_view text) {
  if (text.empty()) return false;
  const char c = text.front();
  return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '+' || c == '.';
}

bool is_integer_text(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// Long garbage lines stay readable in messages.
std::string clipped(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

class DataFileParser {
 public:
  explicit DataFileParser(const std::string& path) : in_(path) {}

  Topology parse() {
    std::string_view keyword = read_header();
    while (!keyword.empty()) keyword = read_section(keyword);
    if (!atoms_read_) {
      throw FormatError(
          natoms_ ? fmt::format("no Atoms section (the header announces {} atoms)", *natoms_)
                  : std::string("no Atoms section and no '<N> atoms' header line"),
          in_.line_number() + 1);
    }
    return finish();
  }

 private:
  // Reads header lines up to the first section keyword and returns it; empty
  // at the end of the file.
  std::string_view read_header() {
    in_.expect_line(line_, "the title line");
    while (in_.read_line(line_)) {
      std::string_view comment;
      const std::string_view text = without_comment(line_, &comment);
      if (text.empty()) continue;
      if (!starts_like_number(text)) return section_keyword(text, comment);
      split_fields(text, fields_);
      const std::int64_t n = in_.line_number();
      if (fields_.size() == 2 && fields_[1] == "atoms") {
        natoms_ = parse_count(fields_[0], "the atom count", n);
      } else if (fields_.size() == 3 && fields_[1] == "atom" && fields_[2] == "types") {
        ntypes_ = parse_count(fields_[0], "the atom type count", n);
      }
      // Other header lines (bonds, box bounds, tilt factors, ...) say
      // nothing about who the atoms are.
    }
    return {};
  }

  std::string_view section_keyword(std::string_view text, std::string_view comment) {
    if (!is_section_keyword(text)) {
      throw FormatError(
          fmt::format("expected a header line (starting with a number) or a section keyword such "
                      "as Masses or Atoms, found '{}'",
                      clipped(text)),
          in_.line_number());
    }
    keyword_line_ = in_.line_number();
    style_comment_.assign(comment);
    keyword_.assign(text);
    return keyword_;
  }

  // Reads or skips the section `keyword`; returns the next keyword, or empty
  // at the end of the file.
  std::string_view read_section(std::string_view keyword) {
    if (keyword == "Masses") {
      read_masses();
    } else if (keyword == "Atoms") {
      read_atoms();
    } else if (keyword == "Atom Type Labels") {
      read_type_labels();
    }
    // Whatever is left of this section (all of it, for the sections not
    // read) runs up to the next keyword.
    while (in_.read_line(line_)) {
      std::string_view comment;
      const std::string_view text = without_comment(line_, &comment);
      if (!text.empty() && is_section_keyword(text)) return section_keyword(text, comment);
    }
    return {};
  }

  // The next non-blank line of a section of `count` entries; blank lines
  // only before the first entry.
  std::string_view entry(std::string_view section, std::int64_t index, std::int64_t count) {
    while (true) {
      if (!in_.read_line(line_)) {
        throw FormatError(fmt::format("truncated: file ends where {} line {} of {} was expected",
                                      section, index + 1, count),
                          in_.line_number() + 1);
      }
      const std::string_view text = without_comment(line_);
      if (!text.empty()) return text;
      if (index > 0) {
        throw FormatError(fmt::format("blank line where {} line {} of {} was expected", section,
                                      index + 1, count),
                          in_.line_number());
      }
    }
  }

  void read_masses() {
    const std::int64_t count = require_count(ntypes_, "atom types", "Masses");
    for (std::int64_t i = 0; i < count; ++i) {
      split_fields(entry("Masses", i, count), fields_);
      const std::int64_t n = in_.line_number();
      if (fields_.size() < 2) {
        throw FormatError(fmt::format("expected 'type mass', found {} field", fields_.size()), n);
      }
      const double mass = parse_double(fields_[1], "a mass", n);
      masses_[numeric_type(fields_[0])] = mass;
    }
  }

  void read_type_labels() {
    const std::int64_t count = require_count(ntypes_, "atom types", "Atom Type Labels");
    for (std::int64_t i = 0; i < count; ++i) {
      split_fields(entry("Atom Type Labels", i, count), fields_);
      if (fields_.size() < 2) {
        throw FormatError(fmt::format("expected 'type label', found {} field", fields_.size()),
                          in_.line_number());
      }
      labels_[std::string(fields_[1])] = std::string(fields_[0]);
    }
  }

  void read_atoms() {
    if (atoms_read_) throw FormatError("a second Atoms section", keyword_line_);
    atoms_read_ = true;
    const AtomStyleColumns& style = atom_style();
    const std::int64_t count = require_count(natoms_, "atoms", "Atoms");
    // No reserve from the header's count: a corrupt count must not allocate.
    for (std::int64_t i = 0; i < count; ++i) {
      split_fields(entry("Atoms", i, count), fields_);
      const std::int64_t n = in_.line_number();
      if (static_cast<int>(fields_.size()) < style.min_fields) {
        throw FormatError(
            fmt::format("atom style {}{} has at least {} fields per atom, found {}", style.style,
                        assumed_note(), style.min_fields, fields_.size()),
            n);
      }
      Atom atom;
      atom.serial = parse_int(fields_[0], "the atom id", n);
      atom.type = std::string(fields_[style.type_column]);
      check_type(atom.type, style, n);
      if (style.molecule_column >= 0) {
        atom.residue_id = parse_int(fields_[style.molecule_column], "the molecule id", n);
      }
      atoms_.push_back(std::move(atom));
    }
  }

  const AtomStyleColumns& atom_style() {
    // Without a comment LAMMPS itself takes the style of the running input;
    // a data file alone does not say, and atomic is the default atom_style.
    std::string_view name = "atomic";
    if (!style_comment_.empty()) {
      split_fields(style_comment_, fields_);
      name = fields_.front();
      style_assumed_ = false;
    } else {
      style_assumed_ = true;
    }
    for (const auto& style : kAtomStyles)
      if (style.style == name) return style;
    std::string known;
    for (const auto& style : kAtomStyles)
      known += fmt::format("{}{}", known.empty() ? "" : " ", style.style);
    throw FormatError(
        fmt::format("unknown atom style '{}' after Atoms (known: {})", clipped(name), known),
        keyword_line_);
  }

  [[nodiscard]] std::string_view assumed_note() const {
    return style_assumed_ ? " (assumed: no style comment after Atoms)" : "";
  }

  // Numeric types must lie in 1..ntypes; a type out of range usually means
  // the atom style (and so the column) is not what was assumed.
  void check_type(const std::string& type, const AtomStyleColumns& style, std::int64_t line) const {
    if (!is_integer_text(type)) {
      if (!labels_.contains(type)) {
        throw FormatError(
            fmt::format("atom type '{}' is neither a number nor a type label", clipped(type)),
            line);
      }
      return;
    }
    const std::int64_t value = parse_int(type, "the atom type", line);
    if (ntypes_ && (value < 1 || value > *ntypes_)) {
      throw FormatError(fmt::format("atom type {} is outside 1..{} (atom style {}{})", value,
                                    *ntypes_, style.style, assumed_note()),
                        line);
    }
  }

  // Type labels (LAMMPS 2022 and later) may stand for numeric types.
  [[nodiscard]] std::string numeric_type(std::string_view type) const {
    const auto label = labels_.find(std::string(type));
    return label != labels_.end() ? label->second : std::string(type);
  }

  [[nodiscard]] std::int64_t require_count(const std::optional<std::int64_t>& count,
                                           std::string_view header,
                                           std::string_view section) const {
    if (!count) {
      throw FormatError(
          fmt::format("{} section, but the header has no '<N> {}' line", section, header),
          keyword_line_);
    }
    return *count;
  }

  static std::int64_t parse_count(std::string_view field, std::string_view what,
                                  std::int64_t line) {
    const std::int64_t value = parse_int(field, what, line);
    if (value < 0) throw FormatError(fmt::format("{} is negative ({})", what, value), line);
    return value;
  }

  Topology finish() {
    std::sort(atoms_.begin(), atoms_.end(),
              [](const Atom& a, const Atom& b) { return a.serial < b.serial; });
    for (std::size_t i = 1; i < atoms_.size(); ++i) {
      if (atoms_[i].serial == atoms_[i - 1].serial) {
        throw FormatError(
            fmt::format("atom id {} appears twice in the Atoms section", atoms_[i].serial));
      }
    }
    std::map<std::string, std::string> elements;  // per type, looked up once
    for (const auto& [type, mass] : masses_) elements[type] = std::string(element_from_mass(mass));
    for (Atom& atom : atoms_) {
      const auto found = elements.find(numeric_type(atom.type));
      if (found != elements.end()) atom.element = found->second;
      atom.name = atom.element.empty() ? atom.type : atom.element;
    }
    Topology topology;
    topology.atoms = std::move(atoms_);
    return topology;
  }

  TextInput in_;
  std::string line_;
  std::vector<std::string_view> fields_;
  std::optional<std::int64_t> natoms_;
  std::optional<std::int64_t> ntypes_;
  std::string keyword_;
  std::string style_comment_;
  std::int64_t keyword_line_ = 0;
  bool style_assumed_ = true;
  bool atoms_read_ = false;
  std::map<std::string, double> masses_;       // numeric type -> mass
  std::map<std::string, std::string> labels_;  // type label -> numeric type
  std::vector<Atom> atoms_;
};

}  // namespace

std::string_view element_from_mass(double mass) {
  if (!std::isfinite(mass)) return {};
  const ElementMass* best = nullptr;
  for (const auto& element : kElements) {
    if (best == nullptr || std::abs(element.mass - mass) < std::abs(best->mass - mass))
      best = &element;
  }
  if (best == nullptr || std::abs(best->mass - mass) > kElementMassTolerance) return {};
  return best->symbol;
}

Topology read_lammps_data(const std::string& path) {
  try {
    DataFileParser parser(path);
    return parser.parse();
  } catch (const FormatError& e) {
    throw InputError({path, {}, {}, e.line()}, e.what());
  }
}

}  // namespace nucleate::io
