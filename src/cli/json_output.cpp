#include "cli/json_output.h"

#include <fstream>

#include "core/error.h"

namespace nucleate::cli {

void write_json(const std::string& path, const nlohmann::json& value) {
  std::ofstream file(path);
  file << value.dump() << '\n';
  if (!file) throw InputError({path, {}, {}, {}}, "cannot be written");
}

}  // namespace nucleate::cli
