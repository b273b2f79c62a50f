#pragma once
// Resuming a stopped `cv` run (`nucleate cv --resume`, and the cv stage of
// `nucleate run` after a kill): a record next to the outputs lists each
// trajectory whose COLVAR was finished, with the COLVAR's size and hash,
// under a key naming everything the values depend on. A trajectory is
// skipped only when the key is the same and its COLVAR is still the file
// that was finished; anything else is computed again.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "cv/trajectory_cvs.h"

namespace nucleate::pipeline {

class CvResumeRecord {
 public:
  /// Reads `path` when it exists and holds `key`; otherwise starts empty (a
  /// record that cannot be read only means computing again).
  CvResumeRecord(std::string path, std::string key);

  /// The frames of `colvar` when it was finished under this key and is
  /// unchanged since; nothing otherwise.
  [[nodiscard]] std::optional<std::size_t> finished_frames(const std::string& colvar) const;
  /// Records `colvar` (now closed) as finished; the record is rewritten at
  /// once (atomically), so a kill right after still counts it.
  void add(const std::string& colvar, std::size_t frames);
  /// The run completed: nothing is left to resume.
  void remove() const;

 private:
  std::string path_;
  std::string key_;
  Json finished_ = Json::object();
};

/// Where `nucleate cv --resume` keeps its record: inside an output folder
/// (.nucleate-cv-resume.json), or next to a single output file
/// (OUTPUT.resume.json).
std::string cv_resume_record_for(const std::string& output);

/// The key of a `nucleate cv` command line: nucleate's version, the CV
/// definition's text, every option the values depend on, and each
/// trajectory's path, size and modification time (not its bytes: hashing
/// gigabytes of trajectories would cost more than resuming saves).
std::string cv_resume_key(const cv::CvOptions& options,
                          const std::vector<std::string>& trajectories);

}  // namespace nucleate::pipeline
