#pragma once
// The compressed-coordinate codec of GROMACS XTC files ("xdr3dfcoord", by
// Frans van Hoesel), written from the format description in the GROMACS
// reference manual (File formats: xtc) and the xdrfile library documentation.
//
// Coordinates are multiplied by the precision and rounded to integers. The
// integers of one atom are packed as one mixed-radix number over the ranges
// [minint, maxint] of the frame ("big" atoms). An atom close to the previous
// one is stored instead as a small difference (+ smallnum) in a range taken
// from the magicints table at index `smallidx`, three differences again as one
// mixed-radix number of `smallidx` bits. Runs of small atoms follow a big one;
// a 1-bit flag says whether the run length changed and a 5-bit field carries
// run length and a -1/0/+1 change of smallidx. The first two atoms of a run
// are swapped by the writer (a water hydrogen is closer to the oxygen than the
// oxygen to the previous molecule) and swapped back by the reader.
//
// The bit stream is most-significant-bit first; a mixed-radix number of n bits
// is sent as its bytes, least significant first, each as 8 bits, the last one
// with the remaining n - 8*floor((n-1)/8) bits.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "io/frame.h"

namespace nucleate::io::xtc {

/// Frames with at most this many atoms store plain floats, no precision.
constexpr std::int64_t kMaxUncompressedAtoms = 9;

/// The integer frame of a compressed block: what the file stores between the
/// precision and the byte count.
struct CompressedHeader {
  std::array<std::int32_t, 3> minint{};
  std::array<std::int32_t, 3> maxint{};
  std::int32_t smallidx = 0;
};

/// Bytes the decoder may read past the end of the compressed data; callers
/// give it a buffer that long (contents irrelevant) so the inner loop needs no
/// bounds check per bit. The decoder still stops with FormatError as soon as
/// it has consumed more than the declared bytes.
constexpr std::size_t kDecodePadding = 128;

/// Throws FormatError unless the header can be decoded (ordered ranges,
/// smallidx inside the magicints table).
void check_header(const CompressedHeader& header);

/// Decodes `out.size()` atoms from `data[0, size)`; `data` must be readable
/// up to size + kDecodePadding. Positions are integer * (1/precision) in float
/// arithmetic, as GROMACS computes them. Throws FormatError on a stream that
/// is inconsistent or runs past `size`; never reads outside the buffer.
void decompress(const CompressedHeader& header, float precision, const std::uint8_t* data,
                std::size_t size, std::span<Vec3f> out);

/// Reusable compressor: its buffers grow to the largest frame and are kept.
class Compressor {
 public:
  struct Result {
    CompressedHeader header;
    std::span<const std::uint8_t> bytes;  ///< valid until the next compress()
  };
  /// Compresses exactly as GROMACS does (same bytes for the same floats).
  /// Throws Error when a coordinate times the precision does not fit in a
  /// 32-bit integer, or a coordinate is not finite.
  Result compress(std::span<const Vec3f> positions, float precision);

 private:
  std::vector<std::int32_t> ints_;
  std::vector<std::uint8_t> bytes_;
};

}  // namespace nucleate::io::xtc
