#include "core/json.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"

namespace nucleate {

Json read_json_file(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    std::error_code status;
    const bool exists = std::filesystem::exists(path, status);
    throw InputError({path, {}, {}, {}}, exists ? "cannot open" : "cannot open: no such file");
  }
  try {
    return Json::parse(file);
  } catch (const Json::parse_error& e) {
    throw InputError({path, {}, e.byte, {}}, "not valid JSON");
  } catch (const Json::exception& e) {
    // A number JSON allows but a double cannot hold (1e400): nlohmann's
    // out_of_range, found by fuzzing (tests/fuzz).
    throw InputError({path, {}, {}, {}}, fmt::format("not readable JSON: {}", json_error_text(e)));
  }
}

void write_json_file(const std::string& path, const Json& value, int indent) {
  write_text_file_atomically(path, value.dump(indent) + '\n');
}

void write_json_file(const std::string& path, const OrderedJson& value, int indent) {
  write_text_file_atomically(path, value.dump(indent) + '\n');
}

std::string json_error_text(const nlohmann::json::exception& e) {
  const std::string what = e.what();
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

}  // namespace nucleate
