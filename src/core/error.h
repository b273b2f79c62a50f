#pragma once
// Error types of the whole library. Nothing below the CLI prints or exits:
// problems travel up as these exceptions, and only `main` turns them into one
// line on stderr and an exit code.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace nucleate {

/// Base of every error nucleate throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where in an input a problem sits. Any field may be absent.
struct InputLocation {
  std::string file;
  std::optional<std::int64_t> frame;         ///< 0-based frame index
  std::optional<std::uint64_t> byte_offset;  ///< offset in the (uncompressed) stream
  std::optional<std::int64_t> line;          ///< 1-based line number
};

/// "FILE: frame F, line L, byte B" with the parts that are known.
std::string format_location(const InputLocation& where);

/// A file that cannot be read as what it claims to be: missing, truncated,
/// corrupt, inconsistent. The message names the file, the frame and the byte
/// offset or line, and what was expected.
class InputError : public Error {
 public:
  InputError(InputLocation where, const std::string& reason);
  [[nodiscard]] const InputLocation& where() const { return where_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  InputLocation where_;
  std::string reason_;
};

/// Options or arguments that make no sense (unknown selection keyword,
/// begin after end, ...). The message says which option and why.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// Thrown by format code that does not know where it is; the trajectory
/// reader catches it and adds the file, frame and offset before rethrowing as
/// InputError. Keeps parsing code free of bookkeeping.
class FormatError : public Error {
 public:
  explicit FormatError(const std::string& reason, std::optional<std::int64_t> line = std::nullopt)
      : Error(reason), line_(line) {}
  [[nodiscard]] std::optional<std::int64_t> line() const { return line_; }

 private:
  std::optional<std::int64_t> line_;
};

}  // namespace nucleate
