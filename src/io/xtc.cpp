#include "io/xtc.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/error.h"
#include "io/binary_file.h"
#include "io/xtc_codec.h"

namespace nucleate::io {
namespace {

// Frame layout (GROMACS reference manual, File formats: xtc; xdrfile
// documentation), XDR big-endian throughout:
//   int magic (1995, or 2023 since GROMACS 2023); int natoms; int step;
//   float time; float box[3][3] (rows are box vectors, nm); int natoms again;
//   natoms <= 9: float x[natoms][3];
//   else: float precision; int minint[3]; int maxint[3]; int smallidx;
//         byte count (int for 1995, 64-bit hyper for 2023);
//         compressed bytes, padded with zeros to a multiple of 4.
// GROMACS writes 2023 only above 298,261,617 atoms; readers accept it for
// any size, as GROMACS does.
constexpr std::int32_t kMagic1995 = 1995;
constexpr std::int32_t kMagic2023 = 2023;
constexpr std::int64_t kMax1995Atoms = 298261617;
constexpr float kDefaultPrecision = 1000.0F;

struct FrameHeader {
  std::int32_t magic = 0;
  std::int32_t natoms = 0;
  std::int32_t step = 0;
  float time = 0.0F;
  float box[9] = {};
};

std::uint64_t padded_to_4(std::uint64_t n) {
  return n + (4 - n % 4) % 4;
}

class XtcReader final : public TrajectoryReader {
 public:
  explicit XtcReader(const std::string& path) : TrajectoryReader(path), in_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "xtc"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::nanometre; }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return {in_.tell(), 0}; }
  void seek_stream(StreamPosition position) override { in_.seek(position.byte); }

  bool read_frame(Frame& frame) override {
    FrameHeader h;
    if (!read_header(h)) return false;
    frame.step = h.step;
    frame.time = h.time;
    frame.has_box = false;
    for (int k = 0; k < 9; ++k) {
      frame.box.vectors[static_cast<std::size_t>(k / 3)][static_cast<std::size_t>(k % 3)] =
          h.box[k];
      frame.has_box = frame.has_box || h.box[k] != 0.0F;
    }
    frame.velocities.clear();
    frame.extra.clear();
    const auto natoms = static_cast<std::size_t>(h.natoms);
    if (h.natoms <= xtc::kMaxUncompressedAtoms) {
      const std::uint64_t bytes = 12 * static_cast<std::uint64_t>(h.natoms);
      require_bytes(bytes, "plain coordinates");
      frame.positions.resize(natoms);
      for (Vec3f& p : frame.positions)
        for (float& x : p) x = in_.xdr_float();
      frame.precision = 0.0F;
      return true;
    }
    const BlockHeader block = read_block_header(h);
    if (buffer_.size() < block.padded_bytes + xtc::kDecodePadding) {
      buffer_.resize(block.padded_bytes + xtc::kDecodePadding);
    }
    in_.read(buffer_.data(), block.padded_bytes);
    frame.positions.resize(natoms);
    xtc::decompress(block.ints, block.precision, buffer_.data(), block.bytes, frame.positions);
    frame.precision = block.precision;
    return true;
  }

  // Header and byte count only: the compressed block is seeked over.
  bool skip_frame() override {
    FrameHeader h;
    if (!read_header(h)) return false;
    if (h.natoms <= xtc::kMaxUncompressedAtoms) {
      const std::uint64_t bytes = 12 * static_cast<std::uint64_t>(h.natoms);
      require_bytes(bytes, "plain coordinates");
      in_.skip(bytes);
      return true;
    }
    in_.skip(read_block_header(h).padded_bytes);
    return true;
  }

 private:
  struct BlockHeader {
    float precision = 0.0F;
    xtc::CompressedHeader ints;
    std::uint64_t bytes = 0;
    std::uint64_t padded_bytes = 0;
  };

  bool read_header(FrameHeader& h) {
    if (in_.at_end()) return false;
    h.magic = in_.xdr_int32();
    if (h.magic != kMagic1995 && h.magic != kMagic2023) {
      throw FormatError(fmt::format("expected XTC magic number {} (or {}), found {}", kMagic1995,
                                    kMagic2023, h.magic));
    }
    h.natoms = in_.xdr_int32();
    if (h.natoms < 0) throw FormatError(fmt::format("negative atom count {}", h.natoms));
    h.step = in_.xdr_int32();
    h.time = in_.xdr_float();
    for (float& x : h.box) x = in_.xdr_float();
    const std::int32_t again = in_.xdr_int32();
    if (again != h.natoms) {
      throw FormatError(
          fmt::format("atom count {} in the frame header, but {} before the "
                      "coordinates",
                      h.natoms, again));
    }
    return true;
  }

  BlockHeader read_block_header(const FrameHeader& h) {
    BlockHeader block;
    block.precision = in_.xdr_float();
    if (!std::isfinite(block.precision) || block.precision <= 0.0F) {
      throw FormatError(fmt::format("expected a positive precision, found {}", block.precision));
    }
    for (auto& v : block.ints.minint) v = in_.xdr_int32();
    for (auto& v : block.ints.maxint) v = in_.xdr_int32();
    block.ints.smallidx = in_.xdr_int32();
    xtc::check_header(block.ints);
    std::int64_t bytes = 0;
    if (h.magic == kMagic2023) {
      bytes = in_.xdr_int64();
    } else {
      bytes = in_.xdr_int32();
    }
    if (bytes < 0) throw FormatError(fmt::format("negative compressed byte count {}", bytes));
    block.bytes = static_cast<std::uint64_t>(bytes);
    block.padded_bytes = padded_to_4(block.bytes);
    require_bytes(block.padded_bytes, "compressed coordinates");
    // Every atom takes at least two bits, so the count bounds the atoms (and
    // what is allocated for them) by the file's own size.
    if (static_cast<std::uint64_t>(h.natoms) / 4 > block.bytes) {
      throw FormatError(
          fmt::format("{} compressed bytes cannot hold {} atoms", block.bytes, h.natoms));
    }
    return block;
  }

  void require_bytes(std::uint64_t bytes, const char* what) {
    if (bytes > in_.remaining()) {
      throw FormatError(fmt::format("truncated: the frame's {} need {} bytes, {} remain", what,
                                    bytes, in_.remaining()));
    }
  }

  BinaryInput in_;
  std::vector<std::uint8_t> buffer_;  // compressed block + decoder padding, kept between frames
};

class XtcWriter final : public TrajectoryWriter {
 public:
  XtcWriter(const std::string& path, float precision)
      : path_(path), out_(path), precision_(precision) {}

  [[nodiscard]] std::string_view format_name() const override { return "xtc"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::nanometre; }

  void write(const Frame& frame, const Topology* /*topology*/) override {
    const std::size_t natoms = frame.positions.size();
    if (natoms > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      throw Error(
          fmt::format("{}: XTC frames hold at most 2^31-1 atoms, this one has {}", path_, natoms));
    }
    if (frame.step < std::numeric_limits<std::int32_t>::min() ||
        frame.step > std::numeric_limits<std::int32_t>::max()) {
      throw Error(fmt::format("{}: XTC stores the step as a 32-bit integer; step {} does not fit",
                              path_, frame.step));
    }
    const bool compressed = static_cast<std::int64_t>(natoms) > xtc::kMaxUncompressedAtoms;
    float precision = precision_;
    if (precision == 0.0F) precision = frame.precision > 0.0F ? frame.precision : kDefaultPrecision;
    // Compress first: a frame that cannot be stored leaves the file as it was.
    xtc::Compressor::Result block;
    if (compressed) {
      try {
        block = compressor_.compress(frame.positions, precision);
      } catch (const Error& e) {
        throw Error(fmt::format("{}: frame at step {}: {}", path_, frame.step, e.what()));
      }
    }
    // GROMACS picks 2023 by atom count alone; a block too big for a 32-bit
    // count (which GROMACS could not write either) also gets it.
    const bool large =
        static_cast<std::int64_t>(natoms) > kMax1995Atoms ||
        block.bytes.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max());
    const auto n = static_cast<std::int32_t>(natoms);
    out_.xdr_int32(large ? kMagic2023 : kMagic1995);
    out_.xdr_int32(n);
    out_.xdr_int32(static_cast<std::int32_t>(frame.step));
    out_.xdr_float(static_cast<float>(frame.time));
    for (const auto& row : frame.box.vectors)
      for (double x : row) out_.xdr_float(frame.has_box ? static_cast<float>(x) : 0.0F);
    out_.xdr_int32(n);
    if (!compressed) {
      for (const Vec3f& p : frame.positions)
        for (float x : p) out_.xdr_float(x);
      return;
    }
    out_.xdr_float(precision);
    for (std::int32_t v : block.header.minint) out_.xdr_int32(v);
    for (std::int32_t v : block.header.maxint) out_.xdr_int32(v);
    out_.xdr_int32(block.header.smallidx);
    if (large) {
      out_.xdr_int64(static_cast<std::int64_t>(block.bytes.size()));
    } else {
      out_.xdr_int32(static_cast<std::int32_t>(block.bytes.size()));
    }
    out_.xdr_opaque(block.bytes.data(), block.bytes.size());
  }

  void close() override { out_.close(); }

 private:
  std::string path_;
  BinaryOutput out_;
  float precision_;
  xtc::Compressor compressor_;
};

}  // namespace

std::unique_ptr<TrajectoryReader> open_xtc(const std::string& path) {
  return std::make_unique<XtcReader>(path);
}

std::unique_ptr<TrajectoryWriter> create_xtc_writer(const std::string& path, float precision) {
  if (!std::isfinite(precision) || precision < 0.0F) {
    throw UsageError(fmt::format(
        "XTC precision must be positive (or 0 for the input's own), got {}", precision));
  }
  return std::make_unique<XtcWriter>(path, precision);
}

}  // namespace nucleate::io
