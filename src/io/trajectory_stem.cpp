#include "io/trajectory_stem.h"

#include <filesystem>

namespace nucleate::io {

std::string trajectory_stem(const std::string& path) {
  std::filesystem::path name = std::filesystem::path(path).filename();
  if (name.extension() == ".gz") name = name.stem();
  return name.stem().string();
}

}  // namespace nucleate::io
