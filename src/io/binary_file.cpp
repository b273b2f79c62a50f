#include "io/binary_file.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/error.h"

namespace nucleate::io {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

std::uint32_t from_big_endian(std::uint32_t x) {
  return std::endian::native == std::endian::big ? x : byte_swap32(x);
}

}  // namespace

std::uint32_t byte_swap32(std::uint32_t x) {
  return ((x & 0xFF000000U) >> 24) | ((x & 0x00FF0000U) >> 8) | ((x & 0x0000FF00U) << 8) |
         ((x & 0x000000FFU) << 24);
}

std::uint64_t byte_swap64(std::uint64_t x) {
  return (static_cast<std::uint64_t>(byte_swap32(static_cast<std::uint32_t>(x))) << 32) |
         byte_swap32(static_cast<std::uint32_t>(x >> 32));
}

BinaryInput::BinaryInput(const std::string& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw InputError({path, {}, {}, {}}, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  struct stat info {};
  if (fstat(fileno(file_), &info) != 0 || S_ISDIR(info.st_mode)) {
    std::fclose(file_);
    file_ = nullptr;
    throw InputError({path, {}, {}, {}}, "not a regular file");
  }
  size_ = static_cast<std::uint64_t>(info.st_size);
  std::setvbuf(file_, nullptr, _IOFBF, kBufferBytes);
}

BinaryInput::~BinaryInput() {
  if (file_ != nullptr) std::fclose(file_);
}

std::uint64_t BinaryInput::tell() const {
  return static_cast<std::uint64_t>(ftello(file_));
}

void BinaryInput::seek(std::uint64_t offset) {
  if (offset > size_ || fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0) {
    throw FormatError(fmt::format("cannot seek to byte {} (file has {})", offset, size_));
  }
}

void BinaryInput::read(void* destination, std::size_t n) {
  const std::size_t got = std::fread(destination, 1, n, file_);
  if (got != n) {
    throw FormatError(
        fmt::format("truncated: wanted {} more bytes, the file ends after {}", n, got));
  }
}

void BinaryInput::skip(std::uint64_t n) {
  const std::uint64_t here = tell();
  if (n > size_ - here) {
    throw FormatError(
        fmt::format("truncated: wanted to skip {} bytes, the file ends after {}", n, size_ - here));
  }
  seek(here + n);
}

std::uint32_t BinaryInput::xdr_uint32() {
  std::uint32_t raw = 0;
  read(&raw, 4);
  return from_big_endian(raw);
}

std::int32_t BinaryInput::xdr_int32() {
  return static_cast<std::int32_t>(xdr_uint32());
}

std::int64_t BinaryInput::xdr_int64() {
  const std::uint64_t high = xdr_uint32();
  const std::uint64_t low = xdr_uint32();
  return static_cast<std::int64_t>((high << 32) | low);
}

float BinaryInput::xdr_float() {
  return std::bit_cast<float>(xdr_uint32());
}

double BinaryInput::xdr_double() {
  const std::uint64_t high = xdr_uint32();
  const std::uint64_t low = xdr_uint32();
  return std::bit_cast<double>((high << 32) | low);
}

void BinaryInput::xdr_opaque(void* destination, std::size_t n) {
  read(destination, n);
  const std::size_t pad = (4 - n % 4) % 4;
  if (pad != 0) skip(pad);
}

std::int32_t BinaryInput::int32(bool swap) {
  std::uint32_t raw = 0;
  read(&raw, 4);
  return static_cast<std::int32_t>(swap ? byte_swap32(raw) : raw);
}

std::int64_t BinaryInput::int64(bool swap) {
  std::uint64_t raw = 0;
  read(&raw, 8);
  return static_cast<std::int64_t>(swap ? byte_swap64(raw) : raw);
}

float BinaryInput::float32(bool swap) {
  std::uint32_t raw = 0;
  read(&raw, 4);
  return std::bit_cast<float>(swap ? byte_swap32(raw) : raw);
}

double BinaryInput::float64(bool swap) {
  std::uint64_t raw = 0;
  read(&raw, 8);
  return std::bit_cast<double>(swap ? byte_swap64(raw) : raw);
}

BinaryOutput::BinaryOutput(const std::string& path, IfUnfinished unfinished)
    : path_(path), partial_(path + ".partial"), unfinished_(unfinished) {
  file_ = std::fopen(partial_.c_str(), "wb");
  if (file_ == nullptr) {
    throw Error(fmt::format("{}: cannot create: {}", path, std::strerror(errno)));
  }
  std::setvbuf(file_, nullptr, _IOFBF, kBufferBytes);
}

BinaryOutput::~BinaryOutput() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  if (unfinished_ == IfUnfinished::keep) {
    std::rename(partial_.c_str(), path_.c_str());
  } else {
    std::remove(partial_.c_str());
  }
}

void BinaryOutput::write(const void* source, std::size_t n) {
  if (std::fwrite(source, 1, n, file_) != n) {
    throw Error(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
}

void BinaryOutput::xdr_uint32(std::uint32_t value) {
  const std::uint32_t raw = from_big_endian(value);
  write(&raw, 4);
}

void BinaryOutput::xdr_int32(std::int32_t value) {
  xdr_uint32(static_cast<std::uint32_t>(value));
}

void BinaryOutput::xdr_int64(std::int64_t value) {
  const auto bits = static_cast<std::uint64_t>(value);
  xdr_uint32(static_cast<std::uint32_t>(bits >> 32));
  xdr_uint32(static_cast<std::uint32_t>(bits));
}

void BinaryOutput::xdr_float(float value) {
  xdr_uint32(std::bit_cast<std::uint32_t>(value));
}

void BinaryOutput::xdr_double(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  xdr_uint32(static_cast<std::uint32_t>(bits >> 32));
  xdr_uint32(static_cast<std::uint32_t>(bits));
}

void BinaryOutput::xdr_opaque(const void* source, std::size_t n) {
  write(source, n);
  static constexpr char kZeros[4] = {0, 0, 0, 0};
  const std::size_t pad = (4 - n % 4) % 4;
  if (pad != 0) write(kZeros, pad);
}

void BinaryOutput::close() {
  if (file_ == nullptr) return;
  const bool ok = std::fflush(file_) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok || !closed) {
    std::remove(partial_.c_str());
    throw Error(fmt::format("{}: write failed: {}", path_, std::strerror(errno)));
  }
  if (std::rename(partial_.c_str(), path_.c_str()) != 0)
    throw Error(fmt::format("{}: cannot be written: {}", path_, std::strerror(errno)));
}

}  // namespace nucleate::io
