#include "pipeline/stage_state.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/version.h"
#include "pipeline/file_digest.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

fs::path record_path(const StagePlan& plan, const std::string& outdir) {
  return fs::path(outdir) / ".nucleate" / (plan.name + ".hash");
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
    if (!hash.add_file(input))
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
    const std::string digest = file_digest(output);
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
    const std::string digest = file_digest(output);
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
