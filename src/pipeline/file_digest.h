#pragma once
// Fingerprints of files and texts for the stage cache and for resuming a
// stopped `cv` run: 64-bit FNV-1a (Fowler, Noll, Vo), cheap and stable
// across machines; it detects changed or truncated files, it is not a
// defence against deliberate collisions.

#include <cstdint>
#include <string>

namespace nucleate::pipeline {

class Fnv1a {
 public:
  void add(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      hash_ ^= static_cast<unsigned char>(data[i]);
      hash_ *= 0x100000001b3ULL;
    }
  }
  void add(const std::string& text) {
    add(text.data(), text.size());
    add("\0", 1);  // separates "ab","c" from "a","bc"
  }
  /// Adds a file's bytes; false when it cannot be opened.
  bool add_file(const std::string& path);
  [[nodiscard]] std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

/// "<bytes> <hash>" of a file, or "" when it cannot be read.
std::string file_digest(const std::string& path);

}  // namespace nucleate::pipeline
