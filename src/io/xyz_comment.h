#pragma once
// The comment line of an (extended) XYZ frame: the key=value pairs and what
// they say about the frame, and the per-atom column layout `Properties`
// describes. Used by the XYZ reader; kept apart because it is the part of the
// format with a grammar.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/box.h"

namespace nucleate::io {

/// A per-atom R or I column that becomes an ExtraColumn.
struct XyzExtraField {
  std::size_t field = 0;  ///< 0-based column in the atom line
  bool integer = false;
  std::string name;
};

/// Where each quantity sits in an atom line.
struct XyzLayout {
  std::size_t fields = 4;  ///< columns an atom line must have at least
  std::optional<std::size_t> species = 0;
  std::size_t position = 1;  ///< first of three columns
  std::optional<std::size_t> velocity;
  std::vector<XyzExtraField> extras;
  std::string description = "species x y z";  ///< for error messages
};

struct XyzComment {
  std::optional<Box> lattice;
  std::optional<double> time;
  std::optional<std::int64_t> step;
  XyzLayout layout;
  /// The Properties value `layout` was built from (none: the default), so
  /// that frames repeating it do not rebuild it.
  std::optional<std::string> properties;
  std::vector<std::pair<std::string, std::string>> pairs;  ///< scratch
};

/// Splits an extended XYZ comment into key=value pairs (a key without '='
/// gets an empty value). Quotes and braces are removed from values, backslash
/// escapes inside quotes resolved. False when a quote or brace is not closed.
bool split_key_values(std::string_view text,
                      std::vector<std::pair<std::string, std::string>>& pairs);

/// Reads a frame's comment line into `comment` (reusing its layout when
/// Properties did not change). A free-text comment leaves the plain XYZ
/// layout; "Timestep: N" (LAMMPS `dump xyz`) gives the step. Throws
/// FormatError (at `line`) for malformed Lattice, Properties, Time or Step.
void parse_xyz_comment(std::string_view text, std::int64_t line, XyzComment& comment);

}  // namespace nucleate::io
