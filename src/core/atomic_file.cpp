#include "core/atomic_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace nucleate {

void write_text_file_atomically(const std::string& path, const std::string& text) {
  // Same directory, so the rename never crosses file systems; the pid keeps
  // two processes writing the same file from sharing a temporary.
  const std::string temporary = fmt::format("{}.tmp{}", path, ::getpid());
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

}  // namespace nucleate
