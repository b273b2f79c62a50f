#include "pipeline/file_digest.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <fstream>

namespace nucleate::pipeline {

bool Fnv1a::add_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::array<char, 1 << 16> buffer{};
  while (file) {
    file.read(buffer.data(), buffer.size());
    add(buffer.data(), static_cast<std::size_t>(file.gcount()));
  }
  return true;
}

std::string file_digest(const std::string& path) {
  std::error_code failed;
  const auto bytes = std::filesystem::file_size(path, failed);
  Fnv1a hash;
  if (failed || !hash.add_file(path)) return {};
  return fmt::format("{} {:016x}", bytes, hash.value());
}

}  // namespace nucleate::pipeline
