// The libFuzzer target for every input format nucleate reads
// (tests/fuzz/README.md). The environment variable NUCLEATE_FUZZ_FORMAT
// names the format (its extension); the bytes go to a file of that extension and through the same
// reader a user's file meets. A nucleate::Error is the expected answer to a bad file; anything else
// (a crash, a sanitizer report, another exception, a hang, memory past the limit) is a finding.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "core/error.h"
#include "cv/cv_config.h"
#include "io/colvar.h"
#include "io/dtraj.h"
#include "io/formats.h"
#include "io/lammps_data.h"
#include "io/npy.h"
#include "io/trajectory_reader.h"
#include "msm/model_file.h"
#include "pipeline/pipeline_config.h"

namespace {

const std::set<std::string, std::less<>> kFormats = {
    "xtc", "trr",    "gro",   "lammpstrj", "data",          "dcd",     "xyz",
    "pdb", "colvar", "dtraj", "npy",       "pipeline.toml", "cv.toml", "msm.json"};

std::string kFormat;  // set once, in LLVMFuzzerInitialize

// One scratch file per process, alone in a fresh folder (in memory where the
// machine has /dev/shm), both removed at exit. Alone, so that the globs of a
// pipeline file, relative to its folder, find nothing to walk.
struct ScratchFile {
  std::string folder;
  std::string path;
  ~ScratchFile() {
    std::remove(path.c_str());
    if (!folder.empty()) rmdir(folder.c_str());
  }
};
ScratchFile scratch;
const std::string& scratch_path() {
  return scratch.path;
}

void read_every_frame(const std::string& path) {
  auto reader = nucleate::io::open_trajectory(path);
  nucleate::io::for_each_frame(*reader, {}, [](std::size_t, const nucleate::io::Frame&) {});
}

// A pipeline file globs its trajectories, and an absolute pattern or one
// through ".." (say "/*/*/*/*") walks the real file system: slow, and not a
// fault of the parser. Such inputs are skipped; the strings are spelt out
// plainly or as TOML escapes of '/' and '.'.
bool may_glob_outside_scratch_folder(std::string_view bytes) {
  for (const std::string_view risky : {"\"/", "'/", "..", "\\u002", "\\U0000002"}) {
    if (bytes.find(risky) != std::string_view::npos) return true;
  }
  return false;
}

void parse(const std::string& path, std::string_view bytes) {
  using namespace nucleate;
  if (kFormat == "xtc" || kFormat == "trr" || kFormat == "dcd") {
    read_every_frame(path);
  } else if (kFormat == "gro" || kFormat == "pdb" || kFormat == "xyz" || kFormat == "lammpstrj") {
    read_every_frame(path);
    (void)io::read_topology(path);
  } else if (kFormat == "data") {
    (void)io::read_lammps_data(path);
  } else if (kFormat == "colvar") {
    (void)io::read_colvar(path);
  } else if (kFormat == "dtraj") {
    (void)io::read_discrete_trajectory(path);
  } else if (kFormat == "npy") {
    // The same file as a dtraj (integers) and as CV values (doubles).
    try {
      (void)io::read_npy_integers(path);
    } catch (const Error&) {
    }
    (void)io::read_npy_doubles(path);
  } else if (kFormat == "cv.toml") {
    (void)cv::parse_cv_config(bytes, path);
  } else if (kFormat == "pipeline.toml") {
    if (may_glob_outside_scratch_folder(bytes)) return;
    (void)pipeline::read_pipeline_config(path);
  } else if (kFormat == "msm.json") {
    (void)msm::read_model_file(path);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  const char* format = std::getenv("NUCLEATE_FUZZ_FORMAT");
  if (format == nullptr || kFormats.count(format) == 0) {
    std::string known;
    for (const auto& f : kFormats) known += " " + f;
    std::fprintf(stderr, "set NUCLEATE_FUZZ_FORMAT to one of:%s\n", known.c_str());
    std::exit(2);
  }
  kFormat = format;
  const std::string dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string folder = dir + "/nucleate-fuzz-XXXXXX";
  if (mkdtemp(folder.data()) == nullptr) {
    std::perror(("cannot make a scratch folder in " + dir).c_str());
    std::exit(2);
  }
  scratch.folder = folder;
  scratch.path = folder + "/input." + kFormat;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  {
    std::ofstream out(scratch_path(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  try {
    parse(scratch_path(), bytes);
  } catch (const nucleate::Error&) {
    // A clear error is the right answer to a bad file.
  }
  return 0;
}
