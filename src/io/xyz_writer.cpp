// Extended XYZ writer (declared in xyz.h). Output follows the extxyz
// description of libAtoms/ASE and OVITO, so that ASE, OVITO and this
// library's own reader open it: Lattice rows are the box vectors, Properties
// names the columns, pbc="T T T" marks a periodic cell.

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "io/text_file.h"
#include "io/xyz.h"

namespace nucleate::io {
namespace {

// Names go into `name:R:1` entries and whitespace-separated columns: the
// characters that would end them there become '_'.
std::string clean_name(std::string_view name, std::string_view fallback) {
  if (name.empty()) return std::string(fallback);
  std::string out(name);
  for (char& c : out) {
    if (c == ':' || c == '=' || c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\n' ||
        c == '\r' || c == '{' || c == '}') {
      c = '_';
    }
  }
  return out;
}

class XyzWriter final : public TrajectoryWriter {
 public:
  // Written as PATH.partial and renamed on close, as BinaryOutput does; the
  // frames written before an error are kept under PATH.
  explicit XyzWriter(std::string path) : path_(std::move(path)), partial_(path_ + ".partial") {
    // "wT" writes plain text through the same zlib interface.
    gz_ = gzopen(partial_.c_str(), is_gzip_name(path_) ? "wb6" : "wT");
    if (gz_ == nullptr) throw Error(fmt::format("{}: cannot create", path_));
  }
  ~XyzWriter() override {
    if (gz_ == nullptr) return;
    gzclose(gz_);
    std::rename(partial_.c_str(), path_.c_str());
  }

  [[nodiscard]] std::string_view format_name() const override { return "xyz"; }
  [[nodiscard]] LengthUnit length_unit() const override { return LengthUnit::angstrom; }
  void write(const Frame& frame, const Topology* topology) override;
  void close() override;

 private:
  void check(const Frame& frame, const Topology* topology) const;
  void flush_buffer();

  std::string path_;
  std::string partial_;
  gzFile gz_ = nullptr;
  fmt::memory_buffer buffer_;
  std::vector<std::string> species_;
  std::vector<std::string> extra_names_;
};

void XyzWriter::check(const Frame& frame, const Topology* topology) const {
  if (gz_ == nullptr) throw Error(fmt::format("{}: write after close", path_));
  const std::size_t n = frame.atom_count();
  if (topology != nullptr && topology->size() != n) {
    throw UsageError(
        fmt::format("{}: topology has {} atoms, the frame {}", path_, topology->size(), n));
  }
  if (!frame.velocities.empty() && frame.velocities.size() != n) {
    throw UsageError(
        fmt::format("{}: frame has {} velocities for {} atoms", path_, frame.velocities.size(), n));
  }
  for (const auto& column : frame.extra) {
    if (column.values.size() != n) {
      throw UsageError(fmt::format("{}: column '{}' has {} values for {} atoms", path_, column.name,
                                   column.values.size(), n));
    }
  }
}

void XyzWriter::flush_buffer() {
  // gzwrite takes an unsigned length: write in chunks well below its limit.
  constexpr std::size_t kChunk = 1U << 30;
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const std::size_t n = std::min(kChunk, buffer_.size() - done);
    if (gzwrite(gz_, buffer_.data() + done, static_cast<unsigned>(n)) != static_cast<int>(n)) {
      int code = 0;
      const char* message = gzerror(gz_, &code);
      throw Error(fmt::format("{}: write failed: {}", path_, message));
    }
    done += n;
  }
  buffer_.clear();
}

void XyzWriter::write(const Frame& frame, const Topology* topology) {
  check(frame, topology);
  const std::size_t n = frame.atom_count();
  species_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    species_[i] = topology != nullptr ? clean_name(topology->atoms[i].name, "X") : "X";
  }
  extra_names_.resize(frame.extra.size());
  for (std::size_t k = 0; k < frame.extra.size(); ++k) {
    extra_names_[k] = clean_name(frame.extra[k].name, fmt::format("extra{}", k));
  }

  auto out = std::back_inserter(buffer_);
  // "{}" prints the shortest text that reads back to the same float/double.
  fmt::format_to(out, "{}\n", n);
  if (frame.has_box) {
    const auto& v = frame.box.vectors;
    fmt::format_to(out, "Lattice=\"{} {} {} {} {} {} {} {} {}\" ", v[0][0], v[0][1], v[0][2],
                   v[1][0], v[1][1], v[1][2], v[2][0], v[2][1], v[2][2]);
  }
  fmt::format_to(out, "Properties=species:S:1:pos:R:3");
  const bool velocities = !frame.velocities.empty();
  if (velocities) fmt::format_to(out, ":vel:R:3");
  for (const auto& name : extra_names_) fmt::format_to(out, ":{}:R:1", name);
  fmt::format_to(out, " Time={} Step={}", frame.time, frame.step);
  if (frame.has_box) fmt::format_to(out, " pbc=\"T T T\"");
  fmt::format_to(out, "\n");

  for (std::size_t i = 0; i < n; ++i) {
    const Vec3f& p = frame.positions[i];
    fmt::format_to(out, "{} {} {} {}", species_[i], p[0], p[1], p[2]);
    if (velocities) {
      const Vec3f& v = frame.velocities[i];
      fmt::format_to(out, " {} {} {}", v[0], v[1], v[2]);
    }
    for (const auto& column : frame.extra) fmt::format_to(out, " {}", column.values[i]);
    fmt::format_to(out, "\n");
    if (buffer_.size() > (1U << 20)) flush_buffer();
  }
  flush_buffer();
}

void XyzWriter::close() {
  if (gz_ == nullptr) return;
  const int code = gzclose(gz_);
  gz_ = nullptr;
  if (code != Z_OK) {
    std::remove(partial_.c_str());
    throw Error(fmt::format("{}: write failed (zlib error {})", path_, code));
  }
  if (std::rename(partial_.c_str(), path_.c_str()) != 0)
    throw Error(fmt::format("{}: cannot be written: {}", path_, std::strerror(errno)));
}

}  // namespace

std::unique_ptr<TrajectoryWriter> create_xyz_writer(const std::string& path) {
  return std::make_unique<XyzWriter>(path);
}

}  // namespace nucleate::io
