#include "core/atomic_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace nucleate {

void write_text_file_atomically(const std::string& path, const std::string& text) {
  // Same directory, so the rename never crosses file systems. One name for
  // every unfinished output (COLVAR, trajectory and .npy writers use it
  // too): a run that was killed leaves PATH.partial, and the next run that
  // writes PATH reuses and renames it, so nothing stale piles up.
  const std::string temporary = path + ".partial";
  {
    std::ofstream file(temporary, std::ios::binary);
    file << text;
    file.close();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw InputError({path, {}, {}, {}}, "cannot be written");
    }
  }
  std::error_code failed;
  std::filesystem::rename(temporary, path, failed);
  if (failed) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw InputError({path, {}, {}, {}}, fmt::format("cannot be written ({})", failed.message()));
  }
}

void require_writable(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string folder = parent.empty() ? "." : parent.string();
  std::error_code failed;
  if (!std::filesystem::is_directory(folder, failed)) {
    throw InputError({path, {}, {}, {}}, fmt::format("cannot be written: no folder {}", folder));
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("cannot be written: folder {} is not writable", folder));
  }
}

}  // namespace nucleate
