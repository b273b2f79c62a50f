#include "core/recorded_path.h"

#include <filesystem>

namespace nucleate {

std::string recorded_path(const std::string& path, const std::string& output_file) {
  namespace fs = std::filesystem;
  if (path.empty() || output_file.empty()) return path;
  const fs::path target = fs::absolute(path).lexically_normal();
  const fs::path folder = fs::absolute(output_file).lexically_normal().parent_path();
  const fs::path relative = target.lexically_relative(folder);
  const bool inside = !relative.empty() && *relative.begin() != "..";
  return inside ? relative.string() : path;
}

std::vector<std::string> recorded_paths(const std::vector<std::string>& paths,
                                        const std::string& output_file) {
  std::vector<std::string> out;
  out.reserve(paths.size());
  for (const std::string& path : paths) out.push_back(recorded_path(path, output_file));
  return out;
}

}  // namespace nucleate
