#pragma once
// Progress on stderr for long work, shown only when stderr is a terminal so
// logs and pipes stay clean (DESIGN.md conventions).

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace nucleate::cli {

class Progress {
 public:
  explicit Progress(std::string label) : label_(std::move(label)), enabled_(isatty(2) != 0) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::size_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r%s: %zu frames", label_.c_str(), done);
    std::fflush(stderr);
  }

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace nucleate::cli
