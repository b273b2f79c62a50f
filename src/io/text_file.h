#pragma once
// Line-by-line text input that reads plain and gzip-compressed files alike
// (zlib reads uncompressed files transparently), with the current line number
// for error messages and byte offsets (in the uncompressed stream) for the
// frame index.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nucleate::io {

/// Where a stream stands: what the trajectory index stores per frame. Binary
/// formats leave `line` at 0.
struct StreamPosition {
  std::uint64_t byte = 0;
  std::int64_t line = 0;  ///< lines consumed before this position (text only)
};

class TextInput {
 public:
  explicit TextInput(const std::string& path);  ///< throws InputError if it cannot open
  ~TextInput();
  TextInput(const TextInput&) = delete;
  TextInput& operator=(const TextInput&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  /// Next line without its end-of-line characters; false at end of file.
  bool read_line(std::string& line);
  /// Like read_line, but a missing line is a FormatError saying `what` was expected.
  void expect_line(std::string& line, std::string_view what);
  /// 1-based number of the line last read.
  [[nodiscard]] std::int64_t line_number() const { return position_.line; }
  [[nodiscard]] StreamPosition position() const { return position_; }
  void seek(StreamPosition position);

 private:
  std::string path_;
  void* gz_ = nullptr;  // gzFile, kept opaque so zlib.h stays out of headers
  StreamPosition position_;
  std::vector<char> buffer_;
};

/// Whitespace-separated fields of `line`, as views into it.
void split_fields(std::string_view line, std::vector<std::string_view>& fields);

/// Strict number parsing: the whole field must be a number. FormatError
/// naming `what` and the text otherwise.
double parse_double(std::string_view field, std::string_view what, std::int64_t line);
std::int64_t parse_int(std::string_view field, std::string_view what, std::int64_t line);

/// True when `path` ends in `.gz` (case-insensitive).
bool is_gzip_name(std::string_view path);

}  // namespace nucleate::io
