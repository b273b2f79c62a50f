#include "io/npy.h"

#include <fmt/format.h>

#include <bit>
#include <cctype>
#include <cstring>
#include <limits>
#include <optional>

#include "core/error.h"
#include "io/binary_file.h"

namespace nucleate::io {
namespace {

// numpy.lib.format: "\x93NUMPY" then major, minor version bytes.
constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicBytes = 6;
// numpy aligns the data to 64 bytes (ARRAY_ALIGN) and leaves room for the
// first extent to grow to 21 digits (GROWTH_AXIS_MAX_DIGITS) so arrays can be
// appended to in place; copying both makes our files byte-identical to numpy's.
constexpr std::size_t kAlign = 64;
constexpr std::size_t kGrowthDigits = 21;

std::size_t item_bytes(NpyType type) {
  return (type == NpyType::float64 || type == NpyType::int64) ? 8 : 4;
}

[[noreturn]] void fail(const std::string& path, std::uint64_t offset, const std::string& what) {
  throw InputError({path, {}, offset, {}}, what);
}

// A recursive-descent reader of the one Python literal numpy writes: a dict
// of 'descr' (a string), 'fortran_order' (True/False) and 'shape' (a tuple of
// integers). `base` is the header's byte offset in the file, for messages.
class HeaderParser {
 public:
  HeaderParser(std::string text, std::string path, std::uint64_t base)
      : text_(std::move(text)), path_(std::move(path)), base_(base) {}

  NpyHeader parse() {
    std::optional<std::string> descr;
    std::optional<bool> fortran;
    std::optional<std::vector<std::uint64_t>> shape;
    std::uint64_t descr_at = 0;
    expect('{');
    skip_space();
    while (peek() != '}') {
      const std::size_t key_at = pos_;
      const std::string key = string_literal();
      expect(':');
      skip_space();
      if (key == "descr") {
        descr_at = base_ + pos_;
        if (peek() == '[')
          fail(path_, descr_at,
               "unsupported dtype: a structured array (nucleate reads plain "
               "<f8, <f4, <i8, <i4 arrays)");
        descr = string_literal();
      } else if (key == "fortran_order") {
        fortran = boolean();
      } else if (key == "shape") {
        shape = tuple();
      } else {
        fail(path_, base_ + key_at, fmt::format("unexpected key '{}' in the .npy header", key));
      }
      skip_space();
      if (peek() == ',') {
        ++pos_;
        skip_space();
      } else if (peek() != '}') {
        error("',' or '}'");
      }
    }
    ++pos_;
    for (; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] != ' ' && text_[pos_] != '\n') error("only padding after the header dict");
    }
    if (!descr || !fortran || !shape) {
      fail(path_, base_, "the .npy header lacks one of 'descr', 'fortran_order', 'shape'");
    }
    NpyHeader header;
    header.type = type_of(*descr, descr_at);
    header.descr_offset = descr_at;
    if (*fortran) {
      fail(
          path_, base_,
          "fortran_order is True: nucleate reads C-order arrays (save numpy.ascontiguousarray(a))");
    }
    if (shape->size() != 1 && shape->size() != 2) {
      fail(path_, base_,
           fmt::format("a {}-dimensional array: nucleate reads 1-D and 2-D arrays", shape->size()));
    }
    header.shape = std::move(*shape);
    return header;
  }

 private:
  [[nodiscard]] NpyType type_of(const std::string& descr, std::uint64_t at) const {
    if (descr == "<f8") return NpyType::float64;
    if (descr == "<f4") return NpyType::float32;
    if (descr == "<i8") return NpyType::int64;
    if (descr == "<i4") return NpyType::int32;
    fail(path_, at,
         fmt::format("unsupported dtype '{}' (nucleate reads little-endian <f8, <f4, <i8, <i4)",
                     descr));
  }

  [[noreturn]] void error(const std::string& expected) const {
    const std::string got =
        pos_ < text_.size() ? fmt::format("'{}'", text_[pos_]) : std::string("the end");
    fail(path_, base_ + pos_,
         fmt::format("malformed .npy header: expected {}, found {}", expected, got));
  }
  [[nodiscard]] char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) error(fmt::format("'{}'", c));
    ++pos_;
  }
  std::string string_literal() {
    skip_space();
    const char quote = peek();
    if (quote != '\'' && quote != '"') error("a quoted string");
    const std::size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string::npos) error("a closing quote");
    std::string value = text_.substr(pos_ + 1, end - pos_ - 1);
    pos_ = end + 1;
    return value;
  }
  bool boolean() {
    if (text_.compare(pos_, 4, "True") == 0) {
      pos_ += 4;
      return true;
    }
    if (text_.compare(pos_, 5, "False") == 0) {
      pos_ += 5;
      return false;
    }
    error("True or False");
  }
  // "()", "(3,)", "(3, 2)"; Python 2 wrote longs as "3L".
  std::vector<std::uint64_t> tuple() {
    std::vector<std::uint64_t> extents;
    expect('(');
    skip_space();
    while (peek() != ')') {
      if (!std::isdigit(static_cast<unsigned char>(peek()))) error("a non-negative integer extent");
      std::uint64_t value = 0;
      while (std::isdigit(static_cast<unsigned char>(peek()))) {
        const auto digit = static_cast<std::uint64_t>(peek() - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
          error("an extent that fits 64 bits");
        value = value * 10 + digit;
        ++pos_;
      }
      if (peek() == 'L') ++pos_;
      extents.push_back(value);
      skip_space();
      if (peek() == ',') {
        ++pos_;
        skip_space();
      } else if (peek() != ')') {
        error("',' or ')'");
      }
    }
    ++pos_;
    return extents;
  }

  std::string text_;
  std::string path_;
  std::uint64_t base_;
  std::size_t pos_ = 0;
};

std::uint32_t little_endian_u32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

NpyHeader read_header(BinaryInput& in) {
  const std::string& path = in.path();
  unsigned char preamble[12] = {};
  if (in.size() < 10)
    fail(path, 0, fmt::format("not a .npy file: {} bytes, shorter than the preamble", in.size()));
  in.read(preamble, 10);
  if (std::memcmp(preamble, kMagic, kMagicBytes) != 0) {
    fail(path, 0, "not a .npy file: bad magic (expected \\x93NUMPY)");
  }
  const int major = preamble[6];
  const int minor = preamble[7];
  if (major < 1 || major > 3 || minor != 0) {
    fail(path, 6,
         fmt::format("unsupported .npy format version {}.{} (nucleate reads 1.0, 2.0, 3.0)", major,
                     minor));
  }
  std::uint64_t header_bytes = 0;
  std::uint64_t base = 10;
  if (major == 1) {
    header_bytes =
        static_cast<std::uint64_t>(preamble[8]) | (static_cast<std::uint64_t>(preamble[9]) << 8);
  } else {
    if (in.size() < 12)
      fail(path, 8, "truncated .npy preamble: the 4-byte header length is cut off");
    in.read(preamble + 10, 2);
    header_bytes = little_endian_u32(preamble + 8);
    base = 12;
  }
  if (header_bytes > in.size() - base) {
    fail(path, base,
         fmt::format("truncated .npy header: it says {} bytes, the file has {} after byte {}",
                     header_bytes, in.size() - base, base));
  }
  std::string text(header_bytes, '\0');
  in.read(text.data(), text.size());
  NpyHeader header = HeaderParser(std::move(text), path, base).parse();
  header.major_version = major;
  header.minor_version = minor;
  header.data_offset = base + header_bytes;
  return header;
}

// The array's bytes, after checking the file holds all of them.
std::vector<unsigned char> read_data(BinaryInput& in, const NpyHeader& h) {
  const std::size_t item = item_bytes(h.type);
  const std::uint64_t rows = h.rows();
  const std::uint64_t cols = h.cols();
  if (cols != 0 && rows > std::numeric_limits<std::uint64_t>::max() / cols / item) {
    fail(in.path(), h.data_offset, "the shape's size overflows 64 bits");
  }
  const std::uint64_t need = rows * cols * item;
  const std::uint64_t have = in.size() - h.data_offset;
  if (need > have) {
    const std::string shape =
        h.shape.size() == 1 ? fmt::format("({},)", rows) : fmt::format("({}, {})", rows, cols);
    fail(in.path(), h.data_offset,
         fmt::format("truncated data: shape {} of {} needs {} bytes, the file has {} (a whole row "
                     "is missing after "
                     "row {})",
                     shape, npy_descr(h.type), need, have, cols == 0 ? 0 : have / (cols * item)));
  }
  std::vector<unsigned char> bytes(need);
  in.read(bytes.data(), bytes.size());
  return bytes;
}

template <typename T>
T load_little_endian(const unsigned char* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  if constexpr (std::endian::native == std::endian::big) {
    if constexpr (sizeof(T) == 8) {
      value = std::bit_cast<T>(byte_swap64(std::bit_cast<std::uint64_t>(value)));
    } else {
      value = std::bit_cast<T>(byte_swap32(std::bit_cast<std::uint32_t>(value)));
    }
  }
  return value;
}

template <typename Out>
std::vector<Out> convert(const std::vector<unsigned char>& bytes, NpyType type) {
  const std::size_t item = item_bytes(type);
  std::vector<Out> out(bytes.size() / item);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const unsigned char* p = bytes.data() + i * item;
    switch (type) {
      case NpyType::float64:
        out[i] = static_cast<Out>(load_little_endian<double>(p));
        break;
      case NpyType::float32:
        out[i] = static_cast<Out>(load_little_endian<float>(p));
        break;
      case NpyType::int64:
        out[i] = static_cast<Out>(load_little_endian<std::int64_t>(p));
        break;
      case NpyType::int32:
        out[i] = static_cast<Out>(load_little_endian<std::int32_t>(p));
        break;
    }
  }
  return out;
}

// Location-free errors from BinaryInput (a short read) get the file's name.
template <typename F>
auto located(const std::string& path, F&& body) {
  try {
    return body();
  } catch (const FormatError& e) {
    throw InputError({path, {}, {}, {}}, e.what());
  }
}

std::string shape_literal(const std::vector<std::uint64_t>& shape) {
  if (shape.size() == 1) return fmt::format("({},)", shape[0]);
  return fmt::format("({}, {})", shape[0], shape[1]);
}

template <typename T>
void write_array(const std::string& path, std::span<const T> values,
                 const std::vector<std::uint64_t>& shape, NpyType type) {
  if (shape.size() != 1 && shape.size() != 2)
    throw Error(fmt::format("{}: .npy shape must be 1-D or 2-D", path));
  const std::uint64_t count = shape.size() == 1 ? shape[0] : shape[0] * shape[1];
  if (count != values.size()) {
    throw Error(fmt::format("{}: shape {} holds {} values, given {}", path, shape_literal(shape),
                            count, values.size()));
  }
  std::string dict = fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': {}, }}",
                                 npy_descr(type), shape_literal(shape));
  const std::size_t first_digits = fmt::format("{}", shape[0]).size();
  dict.append(kGrowthDigits > first_digits ? kGrowthDigits - first_digits : 0, ' ');
  // Version 1.0 stores the header length in 2 bytes; 2.0 in 4.
  std::size_t preamble = 10;
  int major = 1;
  auto padded = [&](std::size_t pre) {
    return dict.size() + 1 + (kAlign - (pre + dict.size() + 1) % kAlign) % kAlign;
  };
  if (padded(preamble) > 0xFFFF) {
    preamble = 12;
    major = 2;
  }
  const std::size_t header_bytes = padded(preamble);
  dict.append(header_bytes - dict.size() - 1, ' ');
  dict += '\n';

  BinaryOutput out(path, BinaryOutput::IfUnfinished::discard);
  unsigned char pre[12] = {};
  std::memcpy(pre, kMagic, kMagicBytes);
  pre[6] = static_cast<unsigned char>(major);
  pre[7] = 0;
  for (std::size_t b = 0; b + 8 < preamble; ++b)
    pre[8 + b] = static_cast<unsigned char>(header_bytes >> (8 * b));
  out.write(pre, preamble);
  out.write(dict.data(), dict.size());
  if constexpr (std::endian::native == std::endian::little) {
    // An empty span may hold a null pointer, which fwrite must not get.
    if (!values.empty()) out.write(values.data(), values.size_bytes());
  } else {
    for (T v : values) {
      if constexpr (sizeof(T) == 8) {
        const std::uint64_t swapped = byte_swap64(std::bit_cast<std::uint64_t>(v));
        out.write(&swapped, 8);
      } else {
        const std::uint32_t swapped = byte_swap32(std::bit_cast<std::uint32_t>(v));
        out.write(&swapped, 4);
      }
    }
  }
  out.close();
}

}  // namespace

const char* npy_descr(NpyType type) {
  switch (type) {
    case NpyType::float64:
      return "<f8";
    case NpyType::float32:
      return "<f4";
    case NpyType::int64:
      return "<i8";
    case NpyType::int32:
      return "<i4";
  }
  return "?";
}

NpyHeader read_npy_header(const std::string& path) {
  BinaryInput in(path);
  return located(path, [&] { return read_header(in); });
}

NpyDoubles read_npy_doubles(const std::string& path) {
  BinaryInput in(path);
  return located(path, [&] {
    NpyDoubles out;
    out.header = read_header(in);
    out.values = convert<double>(read_data(in, out.header), out.header.type);
    return out;
  });
}

NpyIntegers read_npy_integers(const std::string& path) {
  BinaryInput in(path);
  return located(path, [&] {
    NpyIntegers out;
    out.header = read_header(in);
    if (out.header.type != NpyType::int64 && out.header.type != NpyType::int32) {
      fail(path, out.header.descr_offset,
           fmt::format("expected an integer array (<i4 or <i8), found {}",
                       npy_descr(out.header.type)));
    }
    out.values = convert<std::int64_t>(read_data(in, out.header), out.header.type);
    return out;
  });
}

void write_npy(const std::string& path, std::span<const double> values,
               const std::vector<std::uint64_t>& shape) {
  write_array(path, values, shape, NpyType::float64);
}
void write_npy(const std::string& path, std::span<const float> values,
               const std::vector<std::uint64_t>& shape) {
  write_array(path, values, shape, NpyType::float32);
}
void write_npy(const std::string& path, std::span<const std::int64_t> values,
               const std::vector<std::uint64_t>& shape) {
  write_array(path, values, shape, NpyType::int64);
}
void write_npy(const std::string& path, std::span<const std::int32_t> values,
               const std::vector<std::uint64_t>& shape) {
  write_array(path, values, shape, NpyType::int32);
}

}  // namespace nucleate::io
