#pragma once
// Buffered binary input and output with 64-bit offsets, plus the XDR
// (big-endian) and native-endian primitives that XTC, TRR and DCD are built
// from. Reads that run past the end throw FormatError, which the trajectory
// reader turns into a located InputError.

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace nucleate::io {

class BinaryInput {
 public:
  explicit BinaryInput(const std::string& path);  ///< throws InputError if it cannot open
  ~BinaryInput();
  BinaryInput(const BinaryInput&) = delete;
  BinaryInput& operator=(const BinaryInput&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::uint64_t tell() const;
  void seek(std::uint64_t offset);
  [[nodiscard]] std::uint64_t size() const { return size_; }
  [[nodiscard]] std::uint64_t remaining() const { return size_ - tell(); }
  [[nodiscard]] bool at_end() const { return tell() >= size_; }

  /// Exactly `n` bytes or FormatError("truncated ...: wanted n bytes, m left").
  void read(void* destination, std::size_t n);
  void skip(std::uint64_t n);

  // XDR: 4-byte big-endian words.
  std::int32_t xdr_int32();
  std::uint32_t xdr_uint32();
  std::int64_t xdr_int64();  ///< two XDR words, high first
  float xdr_float();
  double xdr_double();
  /// XDR opaque data: `n` bytes followed by padding to a multiple of 4.
  void xdr_opaque(void* destination, std::size_t n);

  // Native byte order (DCD and Fortran records), optionally swapped.
  std::int32_t int32(bool swap);
  std::int64_t int64(bool swap);
  float float32(bool swap);
  double float64(bool swap);

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
};

/// Writes to PATH.partial and renames it to PATH on close(), so a killed
/// process never leaves a file that looks finished. When an error unwinds
/// before close(), `unfinished` says what becomes of the bytes written: kept
/// under PATH (frames of a trajectory are whole and useful, as rows of a
/// COLVAR are) or discarded (an array whose header promises more).
class BinaryOutput {
 public:
  enum class IfUnfinished { keep, discard };
  /// Throws Error if it cannot create the file.
  explicit BinaryOutput(const std::string& path, IfUnfinished unfinished = IfUnfinished::keep);
  ~BinaryOutput();
  BinaryOutput(const BinaryOutput&) = delete;
  BinaryOutput& operator=(const BinaryOutput&) = delete;

  void write(const void* source, std::size_t n);
  void xdr_int32(std::int32_t value);
  void xdr_uint32(std::uint32_t value);
  void xdr_int64(std::int64_t value);
  void xdr_float(float value);
  void xdr_double(double value);
  void xdr_opaque(const void* source, std::size_t n);  ///< pads to 4 bytes
  /// Flushes, closes and renames into place; throws Error on a write
  /// failure (disk full...).
  void close();

 private:
  std::string path_;
  std::string partial_;
  IfUnfinished unfinished_;
  std::FILE* file_ = nullptr;
};

/// Byte-order helpers shared by the binary formats.
std::uint32_t byte_swap32(std::uint32_t x);
std::uint64_t byte_swap64(std::uint64_t x);

}  // namespace nucleate::io
