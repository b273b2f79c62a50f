#include "io/xtc_codec.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.h"

// Written from the description of the XTC compressed-coordinate format in the
// GROMACS reference manual (File formats: xtc), the xdrfile library
// documentation and the format facts in xtc_codec.h. The writer reproduces
// GROMACS' choices (rounding, smallidx, run lengths) so that the same floats
// give the same bytes; the reader is a different design: one pass straight to
// floats with 64-bit bit loads and no integer buffer.

namespace nucleate::io::xtc {
namespace {

// Ranges of small differences by index; index i also is the bit count of
// three such differences packed together (magicints[i]^3 <= 2^i).
constexpr std::array<std::int32_t, 73> kMagicInts = {
    0,        0,        0,       0,       0,       0,       0,       0,       0,       8,
    10,       12,       16,      20,      25,      32,      40,      50,      64,      80,
    101,      128,      161,     203,     256,     322,     406,     512,     645,     812,
    1024,     1290,     1625,    2048,    2580,    3250,    4096,    5060,    6501,    8192,
    10321,    13003,    16384,   20642,   26007,   32768,   41285,   52015,   65536,   82570,
    104031,   131072,   165140,  208063,  262144,  330280,  416127,  524287,  660561,  832255,
    1048576,  1321122,  1664510, 2097152, 2642245, 3329021, 4194304, 5284491, 6658042, 8388607,
    10568983, 13316085, 16777216};
constexpr int kFirstIdx = 9;
constexpr int kLastIdx = static_cast<int>(kMagicInts.size()) - 1;

// Ranges above this are not packed together (their product would not fit the
// 72-bit arithmetic of the format); each coordinate then gets its own bits.
constexpr std::uint32_t kMaxPackedSize = 0xFFFFFF;

// The largest float below 2^31: scaled coordinates must stay under it to
// become 32-bit integers (GROMACS' own limit).
const float kMaxAbsoluteInt = std::nextafter(static_cast<float>(INT_MAX), 0.0F);

__extension__ using Uint128 = unsigned __int128;

inline std::uint64_t load_big_endian64(const std::uint8_t* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
  return word;
}

// MSB-first bit reader over a buffer with kDecodePadding readable bytes past
// its end: every read is one unaligned 8-byte load, a shift and a mask.
class BitReader {
 public:
  explicit BitReader(const std::uint8_t* data) : data_(data) {}

  /// The next `n` bits (1 <= n <= 57) as an integer, first bit most significant.
  std::uint64_t read(int n) {
    const std::uint64_t word = load_big_endian64(data_ + (position_ >> 3)) << (position_ & 7);
    position_ += static_cast<std::uint64_t>(n);
    return word >> (64 - n);
  }
  [[nodiscard]] std::uint64_t position() const { return position_; }

 private:
  const std::uint8_t* data_;
  std::uint64_t position_ = 0;
};

// An n-bit mixed-radix number travels as its bytes, least significant first,
// 8 bits each, then the top bits. `w` holds those n bits as read (first
// byte most significant); this puts the bytes back in numeric order.
inline std::uint64_t radix_from_stream(std::uint64_t w, int n) {
  const int full = (n - 1) / 8;
  if (full == 0) return w;
  const int last = n - 8 * full;
  const std::uint64_t low = w >> last;
  const std::uint64_t top = w & ((std::uint64_t{1} << last) - 1);
  return (__builtin_bswap64(low) >> (64 - 8 * full)) | (top << (8 * full));
}

// The digits of v = (a * s1 + b) * s2 + c; false when a is out of range.
template <class Wide>
bool split_packed(Wide v, const std::uint32_t* sizes, std::uint32_t* out) {
  out[2] = static_cast<std::uint32_t>(v % sizes[2]);
  v /= sizes[2];
  out[1] = static_cast<std::uint32_t>(v % sizes[1]);
  v /= sizes[1];
  if (v >= sizes[0]) return false;
  out[0] = static_cast<std::uint32_t>(v);
  return true;
}

// Reads three integers packed in `n` bits with ranges sizes[0..2]
// (value = (a * s1 + b) * s2 + c). False when the leading one is out of range
// (only a corrupt stream does that).
inline bool read_packed(BitReader& bits, int n, const std::uint32_t* sizes, std::uint32_t* out) {
  if (n <= 32) {
    auto v = static_cast<std::uint32_t>(radix_from_stream(bits.read(n), n));
    out[2] = v % sizes[2];
    v /= sizes[2];
    out[1] = v % sizes[1];
    out[0] = v / sizes[1];
  } else if (n <= 64) {
    const std::uint64_t w = n <= 57 ? bits.read(n) : (bits.read(n - 32) << 32) | bits.read(32);
    return split_packed(radix_from_stream(w, n), sizes, out);
  } else {
    // 65..72 bits: eight whole bytes, then the top n - 64 bits.
    const int last = n - 64;
    const std::uint64_t low = (bits.read(32) << 32) | bits.read(32);
    return split_packed((static_cast<Uint128>(bits.read(last)) << 64) | __builtin_bswap64(low),
                        sizes, out);
  }
  return out[0] < sizes[0];
}

/// Bits of a packed triple: the bit length of the product of the ranges.
int packed_bits(const std::array<std::uint32_t, 3>& sizes) {
  const Uint128 product = static_cast<Uint128>(sizes[0]) * sizes[1] * sizes[2];
  const auto high = static_cast<std::uint64_t>(product >> 64);
  if (high != 0) return 64 + static_cast<int>(std::bit_width(high));
  return static_cast<int>(std::bit_width(static_cast<std::uint64_t>(product)));
}

struct Ranges {
  std::array<std::uint32_t, 3> sizes{};
  std::array<int, 3> separate_bits{};  ///< bits per coordinate when not packed
  int packed_bits = 0;                 ///< 0: coordinates are sent separately
};

Ranges ranges_of(const std::array<std::int32_t, 3>& minint,
                 const std::array<std::int32_t, 3>& maxint) {
  Ranges r;
  for (int d = 0; d < 3; ++d) {
    r.sizes[d] = static_cast<std::uint32_t>(static_cast<std::int64_t>(maxint[d]) - minint[d] + 1);
  }
  if ((r.sizes[0] | r.sizes[1] | r.sizes[2]) > kMaxPackedSize) {
    for (int d = 0; d < 3; ++d) r.separate_bits[d] = static_cast<int>(std::bit_width(r.sizes[d]));
  } else {
    r.packed_bits = packed_bits(r.sizes);
  }
  return r;
}

[[noreturn]] void corrupt(std::size_t atom, const char* what) {
  throw FormatError(fmt::format("corrupt compressed coordinates at atom {}: {}", atom, what));
}

// MSB-first bit writer into a buffer sized by the caller.
class BitWriter {
 public:
  explicit BitWriter(std::uint8_t* out) : out_(out) {}
  /// Appends the low `n` bits of `value` (n <= 32, value < 2^n).
  void put(int n, std::uint64_t value) {
    pending_ = (pending_ << n) | value;
    pending_bits_ += n;
    while (pending_bits_ >= 8) {
      pending_bits_ -= 8;
      out_[size_++] = static_cast<std::uint8_t>(pending_ >> pending_bits_);
    }
  }
  /// Flushes a partial last byte (its bits first, zeros after) and returns
  /// the byte count.
  std::size_t finish() {
    if (pending_bits_ > 0) {
      out_[size_++] = static_cast<std::uint8_t>(pending_ << (8 - pending_bits_));
      pending_bits_ = 0;
    }
    return size_;
  }

 private:
  std::uint8_t* out_;
  std::size_t size_ = 0;
  std::uint64_t pending_ = 0;
  int pending_bits_ = 0;
};

void write_packed(BitWriter& bits, int n, const std::uint32_t* sizes, const std::uint32_t* nums) {
  const Uint128 v = (static_cast<Uint128>(nums[0]) * sizes[1] + nums[1]) * sizes[2] + nums[2];
  const int full = (n - 1) / 8;
  for (int k = 0; k < full; ++k) bits.put(8, static_cast<std::uint8_t>(v >> (8 * k)));
  bits.put(n - 8 * full, static_cast<std::uint64_t>(v >> (8 * full)));
}

inline std::int64_t abs_difference(std::int32_t a, std::int32_t b) {
  const std::int64_t d = static_cast<std::int64_t>(a) - b;
  return d < 0 ? -d : d;
}

inline bool all_within(const std::int32_t* a, const std::int32_t* b, std::int64_t limit) {
  return abs_difference(a[0], b[0]) < limit && abs_difference(a[1], b[1]) < limit &&
         abs_difference(a[2], b[2]) < limit;
}

// GROMACS compares squared distances in 32-bit int arithmetic, which wraps
// once differences pass 46341 units (fine precisions, sparse atoms); the same
// wrap-around, computed without overflow, keeps its byte stream there too.
inline std::int32_t wrapped_square(std::int64_t v) {
  const auto u = static_cast<std::uint32_t>(v);
  return static_cast<std::int32_t>(u * u);
}

inline std::int32_t wrapped_square_distance(const std::int32_t* a, const std::int32_t* b) {
  std::uint32_t sum = 0;
  for (int d = 0; d < 3; ++d)
    sum += static_cast<std::uint32_t>(wrapped_square(static_cast<std::int64_t>(a[d]) - b[d]));
  return static_cast<std::int32_t>(sum);
}

// Float-to-integer rounding exactly as GROMACS writes it: the product in
// float, +-0.5 added in double, the sum rounded back to float, truncated.
inline float scaled_rounded(float x, float precision) {
  const float scaled = x * precision;
  return x >= 0.0F ? static_cast<float>(static_cast<double>(scaled) + 0.5)
                   : static_cast<float>(static_cast<double>(scaled) - 0.5);
}

}  // namespace

void check_header(const CompressedHeader& header) {
  for (int d = 0; d < 3; ++d) {
    const std::int64_t span = static_cast<std::int64_t>(header.maxint[d]) - header.minint[d];
    if (span < 0) {
      throw FormatError(fmt::format("compressed block: maxint[{}] = {} is below minint[{}] = {}", d,
                                    header.maxint[d], d, header.minint[d]));
    }
    if (span >= INT_MAX) {
      throw FormatError(
          fmt::format("compressed block: range {}..{} of coordinate {} is wider "
                      "than 2^31, which no writer produces",
                      header.minint[d], header.maxint[d], d));
    }
  }
  if (header.smallidx < kFirstIdx || header.smallidx > kLastIdx) {
    throw FormatError(fmt::format("compressed block: expected smallidx between {} and {}, found {}",
                                  kFirstIdx, kLastIdx, header.smallidx));
  }
}

void decompress(const CompressedHeader& header, float precision, const std::uint8_t* data,
                std::size_t size, std::span<Vec3f> out) {
  check_header(header);
  const std::size_t natoms = out.size();
  // Every atom costs at least two bits (a one-bit triple and a flag).
  if (natoms / 4 > size) {
    throw FormatError(
        fmt::format("compressed block of {} bytes cannot hold {} atoms", size, natoms));
  }
  const Ranges ranges = ranges_of(header.minint, header.maxint);
  const auto& minint = header.minint;
  const std::uint64_t limit = static_cast<std::uint64_t>(size) * 8;
  const auto inv_precision = static_cast<float>(1.0 / static_cast<double>(precision));
  auto to_float = [inv_precision](const std::int32_t* c) {
    return Vec3f{static_cast<float>(c[0]) * inv_precision, static_cast<float>(c[1]) * inv_precision,
                 static_cast<float>(c[2]) * inv_precision};
  };

  BitReader bits(data);
  int smallidx = header.smallidx;
  int run = 0;
  std::size_t i = 0;
  while (i < natoms) {
    // One group reads at most ~830 bits, well inside the padding, so one
    // check per group keeps every load inside the buffer.
    if (bits.position() > limit) corrupt(i, "the data ends before the last atom");
    std::uint32_t packed[3];
    if (ranges.packed_bits != 0) {
      if (!read_packed(bits, ranges.packed_bits, ranges.sizes.data(), packed)) {
        corrupt(i, "coordinate outside the frame's integer range");
      }
    } else {
      for (int d = 0; d < 3; ++d) {
        packed[d] = static_cast<std::uint32_t>(bits.read(ranges.separate_bits[d]));
        if (packed[d] >= ranges.sizes[d])
          corrupt(i, "coordinate outside the frame's integer range");
      }
    }
    // In range, so the sums stay between minint and maxint.
    const std::int32_t big[3] = {
        static_cast<std::int32_t>(minint[0] + static_cast<std::int64_t>(packed[0])),
        static_cast<std::int32_t>(minint[1] + static_cast<std::int64_t>(packed[1])),
        static_cast<std::int32_t>(minint[2] + static_cast<std::int64_t>(packed[2]))};
    int is_smaller = 0;
    if (bits.read(1) != 0) {
      const int code = static_cast<int>(bits.read(5));
      is_smaller = code % 3 - 1;
      run = code - code % 3;
    }
    if (run > 0) {
      const auto count = static_cast<std::size_t>(run / 3);
      if (count > natoms - i - 1) corrupt(i, "a run of small differences goes past the last atom");
      const auto small_size =
          static_cast<std::uint32_t>(kMagicInts[static_cast<std::size_t>(smallidx)]);
      const std::uint32_t sizes[3] = {small_size, small_size, small_size};
      const std::uint32_t smallnum = small_size / 2;
      std::int32_t previous[3] = {big[0], big[1], big[2]};
      for (std::size_t k = 0; k < count; ++k) {
        std::uint32_t d[3];
        if (!read_packed(bits, smallidx, sizes, d)) corrupt(i + k, "small difference out of range");
        // Wrapping unsigned sums: a corrupt stream gives wrong numbers, never UB.
        for (int c = 0; c < 3; ++c) {
          previous[c] =
              static_cast<std::int32_t>(static_cast<std::uint32_t>(previous[c]) + d[c] - smallnum);
        }
        if (k == 0) {
          // The writer swapped the first two atoms of the run.
          out[i] = to_float(previous);
          out[i + 1] = to_float(big);
        } else {
          out[i + 1 + k] = to_float(previous);
        }
      }
      i += 1 + count;
    } else {
      out[i] = to_float(big);
      ++i;
    }
    smallidx += is_smaller;
    // Checked only when used again: GROMACS' writer may step past the table
    // after the last atom.
    if (i < natoms && (smallidx < kFirstIdx || smallidx > kLastIdx)) {
      corrupt(i, "small-difference size out of range");
    }
  }
  if (bits.position() > limit) {
    throw FormatError(
        fmt::format("corrupt compressed coordinates: {} atoms need more than the {} "
                    "bytes the frame declares",
                    natoms, size));
  }
}

Compressor::Result Compressor::compress(std::span<const Vec3f> positions, float precision) {
  if (!std::isfinite(precision) || precision <= 0.0F) {
    throw Error(fmt::format("XTC precision must be a positive number, got {}", precision));
  }
  const std::size_t natoms = positions.size();
  ints_.resize(3 * natoms);

  // Integers, their ranges, and the smallest step between neighbours, which
  // sets the initial size of small differences.
  CompressedHeader header;
  header.minint.fill(INT_MAX);
  header.maxint.fill(INT_MIN);
  std::int64_t mindiff = INT_MAX;
  std::int32_t old[3] = {0, 0, 0};
  for (std::size_t a = 0; a < natoms; ++a) {
    std::int32_t* v = &ints_[3 * a];
    for (int d = 0; d < 3; ++d) {
      const float x = positions[a][static_cast<std::size_t>(d)];
      const float rounded = scaled_rounded(x, precision);
      if (!std::isfinite(x) || !(std::fabs(rounded) <= kMaxAbsoluteInt)) {
        throw Error(
            fmt::format("coordinate {} of atom {} ({} nm) does not fit XTC precision {}: "
                        "coordinate times precision must stay below 2^31",
                        d, a, x, precision));
      }
      v[d] = static_cast<std::int32_t>(rounded);
      header.minint[static_cast<std::size_t>(d)] =
          std::min(header.minint[static_cast<std::size_t>(d)], v[d]);
      header.maxint[static_cast<std::size_t>(d)] =
          std::max(header.maxint[static_cast<std::size_t>(d)], v[d]);
    }
    const std::int64_t diff =
        abs_difference(old[0], v[0]) + abs_difference(old[1], v[1]) + abs_difference(old[2], v[2]);
    if (a >= 1 && diff < mindiff) mindiff = diff;
    std::copy(v, v + 3, old);
  }
  for (std::size_t d = 0; d < 3 && natoms > 0; ++d) {
    if (static_cast<float>(header.maxint[d]) - static_cast<float>(header.minint[d]) >=
        kMaxAbsoluteInt) {
      throw Error(
          fmt::format("coordinates {} span {}..{} at XTC precision {}: the range must stay "
                      "below 2^31",
                      d, header.minint[d], header.maxint[d], precision));
    }
  }
  if (natoms == 0) header.minint = header.maxint = {0, 0, 0};
  const Ranges ranges = ranges_of(header.minint, header.maxint);

  // GROMACS lets smallidx reach one past the table; this stops at its end,
  // which differs only for neighbours millions of units apart.
  int smallidx = kFirstIdx;
  while (smallidx < kLastIdx && kMagicInts[static_cast<std::size_t>(smallidx)] < mindiff)
    ++smallidx;
  header.smallidx = smallidx;
  const int maxidx = std::min(kLastIdx, smallidx + 8);
  const int minidx = maxidx - 8;
  auto magic = [](int index) { return kMagicInts[static_cast<std::size_t>(index)]; };
  std::int64_t smaller = magic(std::max(kFirstIdx, smallidx - 1)) / 2;
  std::int64_t smallnum = magic(smallidx) / 2;
  auto small_size = static_cast<std::uint32_t>(magic(smallidx));
  const std::int64_t larger = magic(maxidx) / 2;

  // At most 3 x 32 bits for an atom sent whole plus 6 flag bits, 72 for a
  // small one: 13 bytes per atom always suffice.
  bytes_.resize(13 * natoms + 16);
  BitWriter bits(bytes_.data());
  int prevrun = -1;
  std::int32_t prev[3] = {0, 0, 0};
  std::uint32_t small_values[30];
  std::size_t i = 0;
  while (i < natoms) {
    std::int32_t* current = &ints_[3 * i];
    int is_smaller = 0;
    if (smallidx < maxidx && i >= 1 && all_within(current, prev, larger)) {
      is_smaller = 1;
    } else if (smallidx > minidx) {
      is_smaller = -1;
    }
    bool is_small = false;
    if (i + 1 < natoms && all_within(current, current + 3, smallnum)) {
      std::swap_ranges(current, current + 3, current + 3);
      is_small = true;
    }
    std::uint32_t offsets[3];
    for (std::size_t d = 0; d < 3; ++d) {
      offsets[d] =
          static_cast<std::uint32_t>(static_cast<std::int64_t>(current[d]) - header.minint[d]);
    }
    if (ranges.packed_bits != 0) {
      write_packed(bits, ranges.packed_bits, ranges.sizes.data(), offsets);
    } else {
      for (std::size_t d = 0; d < 3; ++d) bits.put(ranges.separate_bits[d], offsets[d]);
    }
    std::copy(current, current + 3, prev);
    ++i;

    int run = 0;
    if (!is_small && is_smaller == -1) is_smaller = 0;
    while (is_small && run < 8 * 3) {
      current = &ints_[3 * i];
      if (is_smaller == -1 && wrapped_square_distance(current, prev) >= wrapped_square(smaller)) {
        is_smaller = 0;
      }
      for (int d = 0; d < 3; ++d) {
        small_values[run++] =
            static_cast<std::uint32_t>(static_cast<std::int64_t>(current[d]) - prev[d] + smallnum);
      }
      std::copy(current, current + 3, prev);
      ++i;
      is_small = i < natoms && all_within(&ints_[3 * i], prev, smallnum);
    }
    if (run != prevrun || is_smaller != 0) {
      prevrun = run;
      // Run length and size change share one 5-bit field: 3 * atoms + change + 1.
      const int code = run + is_smaller + 1;
      bits.put(1, 1);
      bits.put(5, static_cast<std::uint64_t>(code));
    } else {
      bits.put(1, 0);
    }
    const std::uint32_t sizes[3] = {small_size, small_size, small_size};
    for (int k = 0; k < run; k += 3) write_packed(bits, smallidx, sizes, &small_values[k]);
    if (is_smaller != 0) {
      smallidx += is_smaller;
      if (is_smaller < 0) {
        smallnum = smaller;
        smaller = magic(smallidx - 1) / 2;
      } else {
        smaller = smallnum;
        smallnum = magic(smallidx) / 2;
      }
      small_size = static_cast<std::uint32_t>(magic(smallidx));
    }
  }
  const std::size_t size = bits.finish();
  return {header, std::span<const std::uint8_t>(bytes_.data(), size)};
}

}  // namespace nucleate::io::xtc
