// Randomly damaged copies of the real fixtures (truncations, flipped bits,
// overwritten words, deleted bytes) fed to every reader: the only acceptable
// outcomes are frames followed by a clean end, or frames followed by one
// InputError naming the file and frame. Run under ASan+UBSan in CI, this also
// proves no crash and no undefined behaviour. A hang fails the ctest timeout.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <random>

#include "core/error.h"
#include "io/formats.h"
#include "io/text_file.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;
using testing::read_bytes;
using testing::write_bytes;

enum class Damage { truncate, flip_bits, overwrite_word, delete_bytes };

std::string damage(std::string bytes, Damage kind, std::mt19937_64& rng) {
  auto position = [&](std::size_t limit) {
    return std::uniform_int_distribution<std::size_t>(0, limit - 1)(rng);
  };
  switch (kind) {
    case Damage::truncate:
      bytes.resize(position(bytes.size()));
      break;
    case Damage::flip_bits:
      for (int k = 0; k < 1 + static_cast<int>(position(8)); ++k)
        bytes[position(bytes.size())] ^= static_cast<char>(1U << position(8));
      break;
    case Damage::overwrite_word: {
      // Hits size and count fields: 4 random or extreme bytes.
      const std::size_t at = position(bytes.size() - 4);
      const std::uint32_t values[] = {0xFFFFFFFFU, 0x7FFFFFFFU, 0x80000000U, 0U,
                                      static_cast<std::uint32_t>(rng())};
      const std::uint32_t v = values[position(std::size(values))];
      for (int b = 0; b < 4; ++b) bytes[at + b] = static_cast<char>(v >> (8 * b));
      break;
    }
    case Damage::delete_bytes: {
      const std::size_t at = position(bytes.size());
      bytes.erase(at, 1 + position(16));
      break;
    }
  }
  return bytes;
}

// Reads everything a reader offers and checks what came out is sane.
// Returns the number of frames delivered before the end or the error.
std::size_t consume(const std::string& path, std::string& error) {
  std::size_t frames = 0;
  try {
    auto reader = open_trajectory(path);
    Frame frame;
    while (reader->read_next(frame)) {
      for (const auto& p : frame.positions)
        for (float x : p) EXPECT_TRUE(std::isfinite(x));
      ++frames;
    }
    // The index and random access must cope with the same damage.
    const std::size_t n = reader->frame_count();
    EXPECT_EQ(n, frames);
    if (n > 0) {
      reader->seek(n / 2);
      EXPECT_TRUE(reader->read_next(frame));
    }
  } catch (const InputError& e) {
    error = e.what();
    EXPECT_NE(error.find(path), std::string::npos) << error;
  }
  return frames;
}

class CorruptInputs : public ::testing::TestWithParam<std::string> {};

TEST_P(CorruptInputs, OnlyCleanEndsOrLocatedInputErrors) {
  const std::string fixture = data_path(GetParam());
  const std::string original = read_bytes(fixture);
  ASSERT_FALSE(original.empty());
  std::string error;
  const std::size_t intact_frames = consume(fixture, error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_GT(intact_frames, 0U);

  testing::ScratchDir scratch;
  const std::string name = std::filesystem::path(fixture).filename().string();
  const std::string mutant = scratch.file("damaged-" + name);
  std::mt19937_64 rng(std::hash<std::string>{}(name));
  constexpr int kMutantsPerKind = 25;
  for (Damage kind :
       {Damage::truncate, Damage::flip_bits, Damage::overwrite_word, Damage::delete_bytes}) {
    for (int k = 0; k < kMutantsPerKind; ++k) {
      write_bytes(mutant, damage(original, kind, rng));
      SCOPED_TRACE("damage kind " + std::to_string(static_cast<int>(kind)) + " mutant " +
                   std::to_string(k));
      error.clear();
      const std::size_t frames = consume(mutant, error);
      // Frame positions of a .gz file are offsets in the decompressed stream,
      // so the cut cannot be compared with them.
      if (kind == Damage::truncate && !is_gzip_name(fixture)) {
        // Frames wholly before the cut are delivered (a text frame cut in
        // its last number may still parse, so one more is allowed).
        auto reader = open_trajectory(fixture);
        const auto cut = std::filesystem::file_size(mutant);
        std::size_t complete = 0;
        while (complete < intact_frames &&
               (complete + 1 < intact_frames ? reader->frame_position(complete + 1).byte
                                             : original.size()) <= cut) {
          ++complete;
        }
        EXPECT_GE(frames, complete) << error;
        EXPECT_LE(frames, complete + 1) << error;
      }
    }
  }
}

// Every format's fixtures, plain and (for text) gzip-compressed.
INSTANTIATE_TEST_SUITE_P(
    RealFixtures, CorruptInputs,
    ::testing::Values("gromacs/water.trr", "gromacs/water_d.trr", "gromacs/water.gro",
                      "gromacs/triclinic.gro", "dcd/water.dcd", "dcd/tric_marker64.dcd",
                      "dcd/water_bigendian.dcd", "dcd/tric_cosines.dcd", "pdb/water.pdb",
                      "pdb/tric.pdb", "xyz/lammps.xyz", "xyz/lammps.extxyz", "xyz/lammps.extxyz.gz",
                      "xyz/tric.extxyz", "xyz/water.xyz", "xtc/water.xtc", "xtc/few9.xtc",
                      "xtc/sparse.xtc", "xtc/tric.xtc", "lammps/positions.lammpstrj",
                      "lammps/positions.lammpstrj.gz", "lammps/tric_scaled.lammpstrj",
                      "lammps/computes.lammpstrj"),
    [](const ::testing::TestParamInfo<std::string>& info) {
      std::string name = info.param;
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace nucleate::io
