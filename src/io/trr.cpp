#include "io/trr.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

#include "core/error.h"
#include "io/binary_file.h"

namespace nucleate::io {
namespace {

// Frame layout, as GROMACS writes it (src/gromacs/fileio/trrio.cpp; the
// GROMACS manual's "File formats: trr" entry): XDR throughout.
//   int magic = 1993; int 13; XDR string "GMX_trn_file" (length 12 + bytes)
//   int ir_size, e_size, box_size, vir_size, pres_size, top_size, sym_size,
//       x_size, v_size, f_size, natoms, step, nre
//   real t, lambda                         (real = float or double)
//   box[9] if box_size, vir[9] if vir_size, pres[9] if pres_size,
//   x[3N] if x_size, v[3N] if v_size, f[3N] if f_size
constexpr std::int32_t kTrrMagic = 1993;
constexpr char kTrrVersion[] = "GMX_trn_file";

struct TrrHeader {
  std::int32_t ir_size, e_size, box_size, vir_size, pres_size, top_size, sym_size;
  std::int32_t x_size, v_size, f_size, natoms, step, nre;
  bool is_double;
};

class TrrReader final : public TrajectoryReader {
 public:
  explicit TrrReader(const std::string& path) : TrajectoryReader(path), in_(path) {}

  [[nodiscard]] std::string_view format_name() const override { return "trr"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::nanometre; }

 protected:
  [[nodiscard]] StreamPosition stream_position() const override { return {in_.tell(), 0}; }
  void seek_stream(StreamPosition position) override { in_.seek(position.byte); }

  bool read_frame(Frame& frame) override {
    TrrHeader h{};
    if (!read_header(h)) return false;
    frame.step = h.step;
    frame.time = read_real(h.is_double);
    read_real(h.is_double);  // lambda
    frame.has_box = h.box_size != 0;
    if (frame.has_box) {
      for (auto& row : frame.box.vectors)
        for (double& x : row) x = read_real(h.is_double);
    } else {
      frame.box = Box{};
    }
    skip_matrix(h.vir_size);
    skip_matrix(h.pres_size);
    frame.precision = 0.0F;
    frame.extra.clear();
    read_vectors(h, h.x_size, frame.positions);
    read_vectors(h, h.v_size, frame.velocities);
    if (h.f_size != 0) {
      // Forces are kept as extra columns fx, fy, fz: per-atom data by name.
      read_vectors(h, h.f_size, forces_);
      static constexpr std::array<const char*, 3> kNames = {"fx", "fy", "fz"};
      for (int d = 0; d < 3; ++d) {
        ExtraColumn column{kNames[d], std::vector<double>(forces_.size())};
        for (std::size_t i = 0; i < forces_.size(); ++i) column.values[i] = forces_[i][d];
        frame.extra.push_back(std::move(column));
      }
    }
    if (h.x_size == 0) {
      throw FormatError(
          "frame has no coordinates (only velocities or forces); nucleate needs "
          "positions");
    }
    return true;
  }

  bool skip_frame() override {
    TrrHeader h{};
    if (!read_header(h)) return false;
    const std::uint64_t real = h.is_double ? 8 : 4;
    in_.skip(2 * real + static_cast<std::uint64_t>(h.box_size) + h.vir_size + h.pres_size +
             h.x_size + h.v_size + h.f_size);
    return true;
  }

 private:
  bool read_header(TrrHeader& h) {
    if (in_.at_end()) return false;
    const std::int32_t magic = in_.xdr_int32();
    if (magic != kTrrMagic) {
      throw FormatError(fmt::format("expected TRR magic number {}, found {}", kTrrMagic, magic));
    }
    const std::int32_t declared = in_.xdr_int32();
    const std::uint32_t length = in_.xdr_uint32();
    if (declared != 13 || length != sizeof(kTrrVersion) - 1) {
      throw FormatError(fmt::format("expected the version string '{}' (length 12), found length {}",
                                    kTrrVersion, length));
    }
    char version[sizeof(kTrrVersion) - 1];
    in_.xdr_opaque(version, sizeof version);
    if (std::memcmp(version, kTrrVersion, sizeof version) != 0) {
      throw FormatError(fmt::format("expected the version string '{}'", kTrrVersion));
    }
    std::int32_t* fields[] = {&h.ir_size,  &h.e_size,   &h.box_size, &h.vir_size, &h.pres_size,
                              &h.top_size, &h.sym_size, &h.x_size,   &h.v_size,   &h.f_size,
                              &h.natoms,   &h.step,     &h.nre};
    for (std::int32_t* field : fields) *field = in_.xdr_int32();
    for (std::int32_t* field : fields) {
      if (*field < 0)
        throw FormatError(fmt::format("negative size {} in the frame header", *field));
    }
    // The real size follows from any block that is present (GROMACS' own rule).
    std::int64_t real = 0;
    if (h.box_size != 0) {
      real = h.box_size / 9;
    } else if (h.natoms > 0 && (h.x_size != 0 || h.v_size != 0 || h.f_size != 0)) {
      const std::int32_t any = h.x_size != 0 ? h.x_size : (h.v_size != 0 ? h.v_size : h.f_size);
      real = any / (3 * static_cast<std::int64_t>(h.natoms));
    }
    if (real != 4 && real != 8) {
      throw FormatError(
          fmt::format("cannot tell float from double: box size {}, x size {} for {} "
                      "atoms",
                      h.box_size, h.x_size, h.natoms));
    }
    h.is_double = real == 8;
    const std::int64_t vectors = 3 * static_cast<std::int64_t>(h.natoms) * real;
    for (std::int32_t size : {h.x_size, h.v_size, h.f_size}) {
      if (size != 0 && size != vectors) {
        throw FormatError(fmt::format("block of {} bytes does not hold {} atoms of {}-byte reals",
                                      size, h.natoms, real));
      }
    }
    for (std::int32_t size : {h.box_size, h.vir_size, h.pres_size}) {
      if (size != 0 && size != 9 * real) {
        throw FormatError(fmt::format("3x3 block of {} bytes, expected {}", size, 9 * real));
      }
    }
    if (h.ir_size != 0 || h.e_size != 0 || h.top_size != 0 || h.sym_size != 0) {
      throw FormatError(
          "frame holds input-record, energy, topology or symmetry blocks, which "
          "TRR trajectories from mdrun never do");
    }
    const std::uint64_t payload = 2 * static_cast<std::uint64_t>(real) +
                                  static_cast<std::uint64_t>(h.box_size) + h.vir_size +
                                  h.pres_size + h.x_size + h.v_size + h.f_size;
    if (payload > in_.remaining()) {
      throw FormatError(
          fmt::format("truncated: the frame needs {} bytes, {} remain", payload, in_.remaining()));
    }
    return true;
  }

  double read_real(bool is_double) {
    return is_double ? in_.xdr_double() : static_cast<double>(in_.xdr_float());
  }

  void skip_matrix(std::int32_t size) {
    if (size != 0) in_.skip(static_cast<std::uint64_t>(size));
  }

  void read_vectors(const TrrHeader& h, std::int32_t size, std::vector<Vec3f>& out) {
    if (size == 0) {
      out.clear();
      return;
    }
    out.resize(static_cast<std::size_t>(h.natoms));
    for (Vec3f& v : out)
      for (float& x : v) x = static_cast<float>(read_real(h.is_double));
  }

  BinaryInput in_;
  std::vector<Vec3f> forces_;
};

}  // namespace

std::unique_ptr<TrajectoryReader> open_trr(const std::string& path) {
  return std::make_unique<TrrReader>(path);
}

}  // namespace nucleate::io
