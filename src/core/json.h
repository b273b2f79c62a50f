#pragma once
// Results as JSON files (DESIGN.md: one object per command; numbers and
// arrays, no NaN: what is missing or infinite is null), written whole or
// not at all, and read back with errors that name the file.

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

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

}  // namespace nucleate
