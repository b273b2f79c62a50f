#pragma once
// Progress on stderr for long work, shown only when stderr is a terminal so
// logs and pipes stay clean (DESIGN.md conventions).

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

namespace nucleate::cli {

class Progress {
 public:
  explicit Progress(std::string label, std::string unit = "frames")
      : label_(std::move(label)), unit_(std::move(unit)), enabled_(isatty(2) != 0) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// A callback for library options such as BayesianOptions::on_samples.
  std::function<void(std::size_t)> callback() {
    return [this](std::size_t done) { update(done); };
  }

  void update(std::size_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r%s: %zu %s", label_.c_str(), done, unit_.c_str());
    std::fflush(stderr);
  }

 private:
  std::string label_;
  std::string unit_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace nucleate::cli
