// Times streaming every frame of a trajectory through nucleate's reader:
//   bench_read_trajectory FILE [REPEATS]
// prints atoms, frames, the best wall time of REPEATS passes, frames/s and
// MB/s (file bytes per second). Run by bench/xtc_read.sh next to mdtraj.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>

#include "io/formats.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [REPEATS]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  try {
    double best = 1e300;
    std::size_t frames = 0;
    std::size_t atoms = 0;
    double checksum = 0.0;  // keeps the decoding from being optimised away
    for (int r = 0; r < repeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      auto reader = nucleate::io::open_trajectory(path);
      nucleate::io::Frame frame;
      frames = 0;
      while (reader->read_next(frame)) {
        ++frames;
        atoms = frame.atom_count();
        checksum += frame.positions[frames % atoms][0];
      }
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      best = std::min(best, elapsed.count());
    }
    const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    std::printf(
        "nucleate: %zu atoms, %zu frames, best of %d: %.3f s, %.1f frames/s, %.1f MB/s "
        "(checksum %.3f)\n",
        atoms, frames, repeats, best, static_cast<double>(frames) / best, megabytes / best,
        checksum);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_read_trajectory: %s\n", e.what());
    return 1;
  }
  return 0;
}
