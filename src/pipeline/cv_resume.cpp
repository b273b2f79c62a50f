#include "pipeline/cv_resume.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/version.h"
#include "cv/presets.h"
#include "pipeline/file_digest.h"

namespace nucleate::pipeline {
namespace {

namespace fs = std::filesystem;

// COLVARs of one run share a folder and differ in name: the name is the entry.
std::string entry_name(const std::string& colvar) {
  return fs::path(colvar).filename().string();
}

}  // namespace

CvResumeRecord::CvResumeRecord(std::string path, std::string key)
    : path_(std::move(path)), key_(std::move(key)) {
  std::error_code failed;
  if (!fs::exists(path_, failed)) return;
  try {
    const Json record = read_json_file(path_);
    if (record.at("key").get<std::string>() == key_) finished_ = record.at("finished");
  } catch (const std::exception&) {
    finished_ = Json::object();
  }
}

std::optional<std::size_t> CvResumeRecord::finished_frames(const std::string& colvar) const {
  const auto entry = finished_.find(entry_name(colvar));
  if (entry == finished_.end()) return std::nullopt;
  try {
    if (entry->at("digest").get<std::string>() != file_digest(colvar)) return std::nullopt;
    return entry->at("frames").get<std::size_t>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void CvResumeRecord::add(const std::string& colvar, std::size_t frames) {
  finished_[entry_name(colvar)] = {{"digest", file_digest(colvar)}, {"frames", frames}};
  fs::create_directories(fs::path(path_).parent_path());
  const Json record = {{"key", key_}, {"finished", finished_}};
  write_text_file_atomically(path_, record.dump(1) + "\n");
}

void CvResumeRecord::remove() const {
  std::error_code ignored;
  fs::remove(path_, ignored);
}

std::string cv_resume_record_for(const std::string& output) {
  std::error_code failed;
  if (output.ends_with('/') || fs::is_directory(output, failed))
    return (fs::path(output) / ".nucleate-cv-resume.json").string();
  return output + ".resume.json";
}

std::string cv_resume_key(const cv::CvOptions& options,
                          const std::vector<std::string>& trajectories) {
  Fnv1a hash;
  hash.add(std::string(version()));
  hash.add(options.preset.empty() ? std::string() : std::string(cv::preset_text(options.preset)));
  if (!options.config.empty() && !hash.add_file(options.config)) hash.add("(unreadable config)");
  hash.add(options.top);
  if (!options.top.empty() && !hash.add_file(options.top)) hash.add("(unreadable topology)");
  for (const auto& group : options.groups) hash.add(group);
  hash.add(options.timestep ? fmt::format("{}", *options.timestep) : "-");
  hash.add(fmt::format("{} {} {}", options.begin,
                       options.end ? fmt::format("{}", *options.end) : "-", options.stride));
  for (const auto& path : trajectories) {
    std::error_code failed;
    const auto bytes = fs::file_size(path, failed);
    const auto modified = fs::last_write_time(path, failed);
    hash.add(fmt::format("{} {} {}", fs::absolute(path).string(), failed ? 0 : bytes,
                         failed ? 0 : modified.time_since_epoch().count()));
  }
  return fmt::format("{:016x}", hash.value());
}

}  // namespace nucleate::pipeline
