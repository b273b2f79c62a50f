#pragma once
// Results as JSON files (DESIGN.md: one object per command; numbers and
// arrays, no NaN: what is missing or infinite is null), written whole or
// not at all, and read back with errors that name the file.

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace nucleate {

using Json = nlohmann::json;
/// Keys in the order they were set, for files meant to be read by people.
using OrderedJson = nlohmann::ordered_json;

inline Json number_or_null(double x) {
  return std::isfinite(x) ? Json(x) : Json(nullptr);
}

/// The whole file parsed; InputError naming the file (and the byte of a
/// syntax error) when it cannot be opened or is not JSON.
Json read_json_file(const std::string& path);

/// `value` as compact JSON (indent < 0) or indented, plus a newline. Written
/// to a temporary file next to `path` and renamed over it, so a reader never
/// sees half a file and a failed write keeps the old one. InputError naming
/// the file when it cannot be written.
void write_json_file(const std::string& path, const Json& value, int indent = -1);
void write_json_file(const std::string& path, const OrderedJson& value, int indent = -1);

/// What a json.exception says without nlohmann's "[json.exception.x.302] ".
std::string json_error_text(const nlohmann::json::exception& e);

/// A field that is not the whole number it must be.
class JsonWholeNumberError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `value` as a whole number of type T. nlohmann's get<T>() converts a
/// floating-point value (1.3e76) to an integer type with undefined
/// behaviour when it does not fit (found by fuzzing): readers of integer
/// fields use this instead. JsonWholeNumberError otherwise.
template <typename T>
T whole_number(const Json& value) {
  using Limits = std::numeric_limits<T>;
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(Limits::max())) return static_cast<T>(u);
  } else if (value.is_number_integer()) {
    const auto i = value.get<std::int64_t>();
    if (i >= static_cast<std::int64_t>(Limits::min()) &&
        (i < 0 || static_cast<std::uint64_t>(i) <= static_cast<std::uint64_t>(Limits::max())))
      return static_cast<T>(i);
  }
  throw JsonWholeNumberError("expected a whole number from " + std::to_string(Limits::min()) +
                             " to " + std::to_string(Limits::max()) + ", found " + value.dump());
}

/// An array of whole numbers of type T (see whole_number).
template <typename T>
std::vector<T> whole_numbers(const Json& value) {
  if (!value.is_array())
    throw JsonWholeNumberError("expected an array of whole numbers, found " + value.dump());
  std::vector<T> out;
  out.reserve(value.size());
  for (const Json& v : value) out.push_back(whole_number<T>(v));
  return out;
}

}  // namespace nucleate
