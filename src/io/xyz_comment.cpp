// Grammar from the extxyz description of libAtoms/QUIP and ASE
// (ase.io.extxyz, "key_val_str_to_dict") and OVITO's XYZ reader manual:
// key=value pairs separated by whitespace, '=' possibly surrounded by
// spaces, values bare, "double-quoted" (with \" \\ escapes) or {braced}.

#include "io/xyz_comment.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/error.h"
#include "io/text_file.h"

namespace nucleate::io {
namespace {

// No real file has more per-atom columns; the cap keeps a corrupt count from
// creating millions of column names.
constexpr std::int64_t kMaxColumns = 65536;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool icontains(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (iequals(text.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

// Reads one bare, quoted or braced token starting at `i`; false if unclosed.
bool read_token(std::string_view text, std::size_t& i, std::string& out, bool stop_at_equals) {
  out.clear();
  const std::size_t n = text.size();
  if (i < n && text[i] == '"') {
    for (++i; i < n; ++i) {
      if (text[i] == '\\' && i + 1 < n) {
        ++i;
        out.push_back(text[i] == 'n' ? '\n' : text[i]);
      } else if (text[i] == '"') {
        ++i;
        return true;
      } else {
        out.push_back(text[i]);
      }
    }
    return false;
  }
  if (i < n && text[i] == '{') {
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) return false;
    out.assign(text.substr(i + 1, close - i - 1));
    i = close + 1;
    return true;
  }
  while (i < n && !is_space(text[i]) && !(stop_at_equals && text[i] == '='))
    out.push_back(text[i++]);
  return true;
}

void build_layout(std::string_view properties, std::int64_t line, XyzLayout& layout) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = properties.find(':', start);
    parts.push_back(properties.substr(
        start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() % 3 != 0) {
    throw FormatError(
        fmt::format("Properties must be name:type:count triples, found '{}'", properties), line);
  }
  XyzLayout built;
  built.species.reset();
  built.fields = 0;
  built.description = fmt::format("Properties={}", properties);
  bool have_position = false;
  for (std::size_t k = 0; k < parts.size(); k += 3) {
    const std::string_view name = parts[k];
    const std::string_view type = parts[k + 1];
    const std::int64_t count = parse_int(parts[k + 2], "a Properties column count", line);
    if (name.empty() || type.size() != 1 ||
        std::string_view("SRIL").find(type[0]) == std::string_view::npos) {
      throw FormatError(fmt::format("Properties entry '{}:{}:{}': expected a name and type S, R, I "
                                    "or L",
                                    name, type, parts[k + 2]),
                        line);
    }
    if (count < 1 || count > kMaxColumns - static_cast<std::int64_t>(built.fields)) {
      throw FormatError(fmt::format("Properties column '{}' has count {}: expected 1 to {} in all",
                                    name, count, kMaxColumns),
                        line);
    }
    const char t = type[0];
    const auto first = built.fields;
    const auto width = static_cast<std::size_t>(count);
    if (iequals(name, "species") && t == 'S' && count == 1 && !built.species) {
      built.species = first;
    } else if (iequals(name, "pos")) {
      if (t != 'R' || count != 3) {
        throw FormatError(
            fmt::format("expected pos:R:3 in Properties, found pos:{}:{}", type, count), line);
      }
      built.position = first;
      have_position = true;
    } else if ((iequals(name, "velo") || iequals(name, "vel") || iequals(name, "velocities")) &&
               t == 'R' && count == 3 && !built.velocity) {
      built.velocity = first;
    } else if (t == 'R' || t == 'I') {
      for (std::size_t c = 0; c < width; ++c) {
        XyzExtraField extra;
        extra.field = first + c;
        extra.integer = t == 'I';
        extra.name = width == 1 ? std::string(name) : fmt::format("{}_{}", name, c);
        built.extras.push_back(std::move(extra));
      }
    }
    built.fields += width;
  }
  if (!have_position) {
    throw FormatError(fmt::format("Properties has no pos:R:3 column: '{}'", properties), line);
  }
  layout = std::move(built);
}

Box parse_lattice(std::string_view value, std::int64_t line) {
  std::vector<std::string_view> numbers;
  split_fields(value, numbers);
  if (numbers.size() != 9) {
    throw FormatError(fmt::format("Lattice needs 9 numbers (three box vectors), found '{}'", value),
                      line);
  }
  Box box;
  for (std::size_t k = 0; k < 9; ++k)
    box.vectors[k / 3][k % 3] = parse_double(numbers[k], "Lattice", line);
  return box;
}

// LAMMPS `dump xyz` writes "Atoms. Timestep: N" as the comment.
std::optional<std::int64_t> lammps_timestep(std::string_view text) {
  constexpr std::string_view kKey = "Timestep:";
  const std::size_t at = text.find(kKey);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + kKey.size();
  while (i < text.size() && is_space(text[i])) ++i;
  std::int64_t step = 0;
  const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), step);
  if (ec != std::errc() || end == text.data() + i) return std::nullopt;
  return step;
}

}  // namespace

bool split_key_values(std::string_view text,
                      std::vector<std::pair<std::string, std::string>>& pairs) {
  pairs.clear();
  std::size_t i = 0;
  const std::size_t n = text.size();
  std::string key;
  std::string value;
  while (true) {
    while (i < n && is_space(text[i])) ++i;
    if (i >= n) return true;
    if (!read_token(text, i, key, true)) return false;
    std::size_t j = i;
    while (j < n && is_space(text[j])) ++j;
    value.clear();
    if (j < n && text[j] == '=') {
      i = j + 1;
      while (i < n && is_space(text[i])) ++i;
      if (!read_token(text, i, value, false)) return false;
    } else if (key.empty()) {
      ++i;  // a stray '=' with no key: step over it
    }
    pairs.emplace_back(key, value);
  }
}

void parse_xyz_comment(std::string_view text, std::int64_t line, XyzComment& comment) {
  comment.lattice.reset();
  comment.time.reset();
  comment.step.reset();
  std::optional<std::string_view> properties;
  if (split_key_values(text, comment.pairs)) {
    for (const auto& [key, value] : comment.pairs) {
      if (iequals(key, "Lattice")) {
        comment.lattice = parse_lattice(value, line);
      } else if (iequals(key, "Properties")) {
        properties = value;
      } else if (iequals(key, "Time")) {
        comment.time = parse_double(value, "Time", line);
      } else if (iequals(key, "Step")) {
        comment.step = parse_int(value, "Step", line);
      }
    }
  } else if (icontains(text, "Properties=") || icontains(text, "Lattice=")) {
    throw FormatError(
        fmt::format("extended XYZ comment has an unclosed quote or brace: '{}'", text), line);
  }
  if (!comment.step) comment.step = lammps_timestep(text);

  if (properties) {
    if (!comment.properties || *comment.properties != *properties) {
      // Reset first, so a rejected Properties leaves no stale layout behind.
      comment.properties.reset();
      comment.layout = XyzLayout{};
      build_layout(*properties, line, comment.layout);
      comment.properties = std::string(*properties);
    }
  } else if (comment.properties) {
    comment.layout = XyzLayout{};
    comment.properties.reset();
  }
}

}  // namespace nucleate::io
