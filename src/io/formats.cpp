#include "io/formats.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <utility>

#include "core/error.h"
#include "io/dcd.h"
#include "io/gro.h"
#include "io/lammps_data.h"
#include "io/lammps_dump.h"
#include "io/pdb.h"
#include "io/trr.h"
#include "io/xtc.h"
#include "io/xyz.h"

namespace nucleate::io {
namespace {

struct ExtensionEntry {
  std::string_view extension;
  Format format;
};

// Every extension nucleate knows. LAMMPS has no fixed dump extension; these
// are the ones its documentation and users commonly use.
constexpr std::array kExtensions = {
    ExtensionEntry{".xtc", Format::xtc},
    ExtensionEntry{".trr", Format::trr},
    ExtensionEntry{".gro", Format::gro},
    ExtensionEntry{".lammpstrj", Format::lammps_dump},
    ExtensionEntry{".lammpsdump", Format::lammps_dump},
    ExtensionEntry{".dump", Format::lammps_dump},
    ExtensionEntry{".data", Format::lammps_data},
    ExtensionEntry{".lmp", Format::lammps_data},
    ExtensionEntry{".dcd", Format::dcd},
    ExtensionEntry{".xyz", Format::xyz},
    ExtensionEntry{".extxyz", Format::xyz},
    ExtensionEntry{".pdb", Format::pdb},
    ExtensionEntry{".ent", Format::pdb},
};

// Binary formats are not read through zlib, so `.xtc.gz` is refused by name.
bool is_text_format(Format format) {
  return format != Format::xtc && format != Format::trr && format != Format::dcd;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string known_extensions() {
  std::string list;
  for (const auto& e : kExtensions) {
    if (!list.empty()) list += ' ';
    list += e.extension;
  }
  return list;
}

[[noreturn]] void unsupported(const std::string& path, Format format, std::string_view what) {
  throw InputError({path, {}, {}, {}},
                   fmt::format("{} files cannot be {} by nucleate", to_string(format), what));
}

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::xtc:
      return "xtc";
    case Format::trr:
      return "trr";
    case Format::gro:
      return "gro";
    case Format::lammps_dump:
      return "lammps-dump";
    case Format::lammps_data:
      return "lammps-data";
    case Format::dcd:
      return "dcd";
    case Format::xyz:
      return "xyz";
    case Format::pdb:
      return "pdb";
  }
  return "unknown";
}

Format format_from_path(const std::string& path) {
  std::string name = lower(std::filesystem::path(path).filename().string());
  const bool gzipped = is_gzip_name(name);
  if (gzipped) name.resize(name.size() - 3);
  const std::string extension = std::filesystem::path(name).extension().string();
  for (const auto& e : kExtensions) {
    if (extension == e.extension) {
      if (gzipped && !is_text_format(e.format)) {
        throw InputError({path, {}, {}, {}},
                         fmt::format("gzip-compressed {} files are not supported; decompress it "
                                     "first",
                                     to_string(e.format)));
      }
      return e.format;
    }
  }
  throw InputError({path, {}, {}, {}},
                   fmt::format("unknown extension '{}' (known: {}, text formats also with .gz)",
                               extension, known_extensions()));
}

std::unique_ptr<TrajectoryReader> open_trajectory(const std::string& path) {
  const Format format = format_from_path(path);
  // Said here once for every format: some readers would otherwise report an
  // empty file as a trajectory of no frames (a killed run leaves these).
  std::error_code no_size;
  if (std::filesystem::is_regular_file(path, no_size) &&
      std::filesystem::file_size(path, no_size) == 0 && !no_size) {
    throw InputError({path, {}, {}, {}}, "the file is empty (0 bytes)");
  }
  switch (format) {
    case Format::xtc:
      return open_xtc(path);
    case Format::trr:
      return open_trr(path);
    case Format::gro:
      return open_gro(path);
    case Format::dcd:
      return open_dcd(path);
    case Format::xyz:
      return open_xyz(path);
    case Format::pdb:
      return open_pdb(path);
    case Format::lammps_dump:
      return open_lammps_dump(path);
    case Format::lammps_data:
      throw InputError({path, {}, {}, {}},
                       "a LAMMPS data file holds a topology, not a trajectory; pass it with --top");
    default:
      unsupported(path, format, "read");
  }
}

std::unique_ptr<TrajectoryWriter> create_writer(const std::string& path,
                                                const WriterOptions& options) {
  const Format format = format_from_path(path);
  switch (format) {
    case Format::xtc:
      return create_xtc_writer(path, options.xtc_precision);
    case Format::gro:
      return create_gro_writer(path);
    case Format::xyz:
      return create_xyz_writer(path);
    default:
      unsupported(path, format, "written (write .xtc, .gro or .xyz)");
  }
}

Topology read_topology(const std::string& path) {
  const Format format = format_from_path(path);
  if (format == Format::lammps_data) return read_lammps_data(path);
  auto reader = open_trajectory(path);
  Frame frame;
  if (!reader->read_next(frame)) {
    throw InputError({path, 0, {}, {}}, "holds no frame to take the atoms from");
  }
  const Topology* topology = reader->topology();
  if (topology == nullptr) {
    throw InputError({path, {}, {}, {}},
                     fmt::format("{} files carry no atom names or types; give a GRO, PDB, LAMMPS "
                                 "data or dump file as topology",
                                 to_string(format)));
  }
  return *topology;
}

}  // namespace nucleate::io
