#include "io/text_file.h"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/error.h"

namespace nucleate::io {
namespace {

constexpr unsigned kGzBufferBytes = 1U << 18;
constexpr std::size_t kInitialLineBytes = 4096;

gzFile as_gz(void* p) {
  return static_cast<gzFile>(p);
}

}  // namespace

TextInput::TextInput(const std::string& path) : path_(path), buffer_(kInitialLineBytes) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("cannot open: {}", errno != 0 ? std::strerror(errno) : "zlib"));
  }
  gzbuffer(f, kGzBufferBytes);
  gz_ = f;
}

TextInput::~TextInput() {
  if (gz_ != nullptr) gzclose(as_gz(gz_));
}

bool TextInput::read_line(std::string& line) {
  line.clear();
  // gzgets stops at a newline or when the buffer is full; long lines take
  // several calls.
  while (true) {
    char* got = gzgets(as_gz(gz_), buffer_.data(), static_cast<int>(buffer_.size()));
    if (got == nullptr) {
      int code = 0;
      const char* message = gzerror(as_gz(gz_), &code);
      if (code != Z_OK && code != Z_STREAM_END) {
        throw FormatError(fmt::format("corrupt compressed data: {}", message), position_.line + 1);
      }
      if (line.empty()) return false;
      break;
    }
    const std::size_t n = std::strlen(got);
    position_.byte += n;
    line.append(got, n);
    if (n > 0 && got[n - 1] == '\n') break;
    if (gzeof(as_gz(gz_)) != 0) break;
  }
  ++position_.line;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return true;
}

void TextInput::expect_line(std::string& line, std::string_view what) {
  if (!read_line(line)) {
    throw FormatError(fmt::format("truncated: file ends where {} was expected", what),
                      position_.line + 1);
  }
}

void TextInput::seek(StreamPosition position) {
  if (gzseek(as_gz(gz_), static_cast<z_off_t>(position.byte), SEEK_SET) < 0) {
    throw FormatError(fmt::format("cannot seek to byte {}", position.byte));
  }
  position_ = position;
}

void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  const std::size_t n = line.size();
  while (i < n) {
    while (i < n && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= n) break;
    const std::size_t start = i;
    while (i < n && line[i] != ' ' && line[i] != '\t') ++i;
    fields.push_back(line.substr(start, i - start));
  }
}

double parse_double(std::string_view field, std::string_view what, std::int64_t line) {
  double value = 0.0;
  const char* end = field.data() + field.size();
  const char* begin = field.data();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || field.empty()) {
    throw FormatError(fmt::format("expected a number for {}, found '{}'", what, field), line);
  }
  if (!std::isfinite(value)) {
    throw FormatError(fmt::format("{} is not finite ('{}')", what, field), line);
  }
  return value;
}

std::int64_t parse_int(std::string_view field, std::string_view what, std::int64_t line) {
  std::int64_t value = 0;
  const char* end = field.data() + field.size();
  const char* begin = field.data();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || field.empty()) {
    throw FormatError(fmt::format("expected an integer for {}, found '{}'", what, field), line);
  }
  return value;
}

bool is_gzip_name(std::string_view path) {
  if (path.size() < 3) return false;
  const std::string_view tail = path.substr(path.size() - 3);
  return tail == ".gz" || tail == ".GZ" || tail == ".Gz" || tail == ".gZ";
}

}  // namespace nucleate::io
