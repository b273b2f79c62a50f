#include "pipeline/stage_state.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/version.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

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
  [[nodiscard]] std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

fs::path record_path(const StagePlan& plan, const std::string& outdir) {
  return fs::path(outdir) / ".nucleate" / (plan.name + ".hash");
}

// Adds a file's bytes; false when it cannot be opened.
bool add_file(Fnv1a& hash, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::array<char, 1 << 16> buffer{};
  while (file) {
    file.read(buffer.data(), buffer.size());
    hash.add(buffer.data(), static_cast<std::size_t>(file.gcount()));
  }
  return true;
}

// "<bytes> <hash>" of an output, or "" when it cannot be read.
std::string output_digest(const std::string& path) {
  std::error_code failed;
  const auto bytes = fs::file_size(path, failed);
  Fnv1a hash;
  if (failed || !add_file(hash, path)) return {};
  return fmt::format("{} {:016x}", bytes, hash.value());
}

}  // namespace

std::string stage_fingerprint(const StagePlan& plan, const std::string& outdir) {
  // Paths inside OUTDIR enter by their place in it, so a moved OUTDIR (run
  // again with -o at its new place) is still up to date.
  const std::string prefix = outdir.empty() || outdir.back() == '/' ? outdir : outdir + "/";
  const auto located = [&](const std::string& text) {
    return !prefix.empty() && text.starts_with(prefix) ? "OUTDIR/" + text.substr(prefix.size())
                                                       : text;
  };
  Fnv1a hash;
  hash.add(std::string(version()));  // a new release may compute differently
  hash.add(plan.name);
  for (const auto& a : plan.args) hash.add(located(a));
  for (const auto& input : plan.inputs) {
    hash.add(located(input));
    if (!add_file(hash, input))
      throw InputError({input, {}, {}, {}},
                       fmt::format("cannot open (an input of stage {})", plan.name));
  }
  return fmt::format("{:016x}", hash.value());
}

// The record: the fingerprint, then one line per output with its size and
// hash when the stage finished, so an output truncated, edited or replaced
// since (a killed copy, a half-written file) makes the stage run again
// instead of passing it on to the next stage.
bool stage_up_to_date(const StagePlan& plan, const std::string& outdir,
                      const std::string& fingerprint) {
  std::ifstream record(record_path(plan, outdir));
  std::string stored;
  if (!std::getline(record, stored) || stored != fingerprint) return false;
  for (const auto& output : plan.outputs) {
    std::string line;
    if (!std::getline(record, line)) return false;
    const std::string digest = output_digest(output);
    if (digest.empty() || line != digest) return false;
  }
  return true;
}

void record_stage(const StagePlan& plan, const std::string& outdir,
                  const std::string& fingerprint) {
  const fs::path path = record_path(plan, outdir);
  fs::create_directories(path.parent_path());
  std::string text = fingerprint + "\n";
  for (const auto& output : plan.outputs) {
    const std::string digest = output_digest(output);
    if (digest.empty()) {
      throw InputError({output, {}, {}, {}},
                       fmt::format("cannot be read back (an output of stage {})", plan.name));
    }
    text += digest + "\n";
  }
  write_text_file_atomically(path.string(), text);
}

void forget_stage(const StagePlan& plan, const std::string& outdir) {
  std::error_code ignored;
  fs::remove(record_path(plan, outdir), ignored);
}

}  // namespace nucleate::pipeline
