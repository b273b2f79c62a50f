#pragma once
// NumPy .npy files (format versions 1.0, 2.0 and 3.0, as numpy.lib.format
// documents them): the magic "\x93NUMPY", two version bytes, a little-endian
// header length (2 bytes in 1.0, 4 bytes in 2.0/3.0), then a Python dict
// literal {'descr': '<f8', 'fortran_order': False, 'shape': (N, D), } padded
// with spaces to a multiple of 64 bytes and ended by '\n', then the raw data.
// nucleate reads and writes little-endian float64, float32, int64 and int32
// arrays in C order with one or two dimensions: what CV tables, discrete
// trajectories and matrices need. Anything else is a located InputError.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace nucleate::io {

enum class NpyType { float64, float32, int64, int32 };

/// numpy's dtype string of a type, e.g. "<f8".
const char* npy_descr(NpyType type);

/// What a .npy header says. `data_offset` is where the array starts.
struct NpyHeader {
  int major_version = 1;
  int minor_version = 0;
  NpyType type = NpyType::float64;
  std::vector<std::uint64_t> shape;  ///< one or two extents
  std::uint64_t data_offset = 0;
  std::uint64_t descr_offset = 0;  ///< where the dtype string sits, for messages

  [[nodiscard]] std::uint64_t rows() const { return shape.empty() ? 0 : shape[0]; }
  /// Columns of a 2-D array; 1 for a 1-D array (a column vector).
  [[nodiscard]] std::uint64_t cols() const { return shape.size() == 2 ? shape[1] : 1; }
  [[nodiscard]] std::uint64_t count() const { return rows() * cols(); }
};

/// An array read into doubles (float32 and integers converted exactly where
/// a double can hold them), row-major: value (i, j) is values[i * cols + j].
struct NpyDoubles {
  NpyHeader header;
  std::vector<double> values;
  [[nodiscard]] std::uint64_t rows() const { return header.rows(); }
  [[nodiscard]] std::uint64_t cols() const { return header.cols(); }
};

/// An integer array (int32 or int64 on disk), row-major.
struct NpyIntegers {
  NpyHeader header;
  std::vector<std::int64_t> values;
};

/// Reads only the header. InputError (file, byte offset, what) on a bad
/// magic, an unknown version, a malformed dict, an unsupported dtype,
/// fortran_order True, or a shape that is not 1-D or 2-D.
NpyHeader read_npy_header(const std::string& path);

/// Any supported dtype, as doubles. Also InputError when the data are shorter
/// than the shape says (bytes after the array are ignored, as numpy does).
NpyDoubles read_npy_doubles(const std::string& path);

/// int32 or int64 arrays only (discrete trajectories); a float array is an
/// InputError saying so.
NpyIntegers read_npy_integers(const std::string& path);

/// Writes a 1-D (shape {n}) or 2-D (shape {rows, cols}) array, format 1.0
/// (2.0 only if the header would not fit 1.0's 65535 bytes), header padded
/// to 64 bytes as numpy does. Error when the file cannot be written or the
/// shape does not match the number of values.
void write_npy(const std::string& path, std::span<const double> values,
               const std::vector<std::uint64_t>& shape);
void write_npy(const std::string& path, std::span<const float> values,
               const std::vector<std::uint64_t>& shape);
void write_npy(const std::string& path, std::span<const std::int64_t> values,
               const std::vector<std::uint64_t>& shape);
void write_npy(const std::string& path, std::span<const std::int32_t> values,
               const std::vector<std::uint64_t>& shape);

}  // namespace nucleate::io
