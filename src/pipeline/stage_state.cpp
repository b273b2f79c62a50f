#include "pipeline/stage_state.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <fstream>

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

}  // namespace

std::string stage_fingerprint(const StagePlan& plan) {
  Fnv1a hash;
  hash.add(std::string(version()));  // a new release may compute differently
  hash.add(plan.name);
  for (const auto& a : plan.args) hash.add(a);
  std::array<char, 1 << 16> buffer{};
  for (const auto& input : plan.inputs) {
    hash.add(input);
    std::ifstream file(input, std::ios::binary);
    if (!file)
      throw InputError({input, {}, {}, {}},
                       fmt::format("cannot open (an input of stage {})", plan.name));
    while (file) {
      file.read(buffer.data(), buffer.size());
      hash.add(buffer.data(), static_cast<std::size_t>(file.gcount()));
    }
  }
  return fmt::format("{:016x}", hash.value());
}

bool stage_up_to_date(const StagePlan& plan, const std::string& outdir,
                      const std::string& fingerprint) {
  for (const auto& output : plan.outputs) {
    if (!fs::exists(output)) return false;
  }
  std::ifstream record(record_path(plan, outdir));
  std::string stored;
  return (record >> stored) && stored == fingerprint;
}

void record_stage(const StagePlan& plan, const std::string& outdir,
                  const std::string& fingerprint) {
  const fs::path path = record_path(plan, outdir);
  fs::create_directories(path.parent_path());
  std::ofstream out(path);
  out << fingerprint << '\n';
  if (!out) throw InputError({path.string(), {}, {}, {}}, "cannot write the stage record");
}

void forget_stage(const StagePlan& plan, const std::string& outdir) {
  std::error_code ignored;
  fs::remove(record_path(plan, outdir), ignored);
}

}  // namespace nucleate::pipeline
