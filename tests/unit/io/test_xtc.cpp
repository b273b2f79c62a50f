// XTC files written by GROMACS 2022 (tests/data/xtc/, made by its
// make_fixtures.sh) decoded by nucleate and compared with what `gmx dump`
// printed for the same files; nucleate's writer checked against GROMACS'
// bytes and against what `gmx dump` decoded from nucleate-written files.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/xtc.h"
#include "support/gmx_dump.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;
using testing::GmxDumpFrame;
using testing::read_bytes;
using testing::read_gmx_dump;
using testing::ScratchDir;
using testing::write_bytes;

// gmx dump prints coordinates and box as %12.5e and time as %15.7e: the value
// GROMACS decoded lies within half a unit of the last printed digit. That is
// tighter than half of 1/precision for every fixture but the 10^6 one, whose
// precision is finer than the print.
double print_bound(double printed, int digits) {
  if (printed == 0.0) return 1e-30;
  const double exponent = std::floor(std::log10(std::fabs(printed)) + 1e-9);
  return 0.5 * std::pow(10.0, exponent - digits) * (1.0 + 1e-6);
}

std::vector<Frame> read_all(const std::string& path) {
  auto reader = open_xtc(path);
  std::vector<Frame> frames;
  Frame frame;
  while (reader->read_next(frame)) frames.push_back(frame);
  return frames;
}

// Every frame, every coordinate, box, step, time, atom count and precision.
void expect_matches_dump(const std::vector<Frame>& frames, const std::vector<GmxDumpFrame>& dump) {
  ASSERT_EQ(frames.size(), dump.size());
  for (std::size_t f = 0; f < dump.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const Frame& frame = frames[f];
    const GmxDumpFrame& ref = dump[f];
    ASSERT_EQ(static_cast<std::int64_t>(frame.atom_count()), ref.natoms);
    EXPECT_EQ(frame.step, ref.step);
    EXPECT_NEAR(frame.time, ref.time, print_bound(ref.time, 7));
    // gmx dump prints -1 for frames stored as plain floats.
    EXPECT_EQ(frame.precision, ref.precision < 0 ? 0.0F : static_cast<float>(ref.precision));
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(frame.box.vectors[r][c], ref.box[r][c], print_bound(ref.box[r][c], 5));
      }
    bool box_given = false;
    for (const auto& row : ref.box)
      for (double x : row) box_given = box_given || x != 0.0;
    EXPECT_EQ(frame.has_box, box_given);
    EXPECT_TRUE(frame.velocities.empty());
    const auto found = ref.vectors.find("x");
    if (found == ref.vectors.end()) continue;  // trimmed dump: header only
    const auto& x = found->second;
    ASSERT_EQ(x.size(), frame.atom_count());
    int mismatches = 0;
    for (std::size_t i = 0; i < x.size() && mismatches < 10; ++i)
      for (int d = 0; d < 3; ++d) {
        const double bound = print_bound(x[i][d], 5);
        if (std::fabs(frame.positions[i][d] - x[i][d]) > bound) {
          ++mismatches;
          ADD_FAILURE() << "atom " << i << " coordinate " << d << ": " << frame.positions[i][d]
                        << " vs gmx dump " << x[i][d];
        }
      }
  }
}

void expect_fixture_matches_dump(const std::string& name) {
  SCOPED_TRACE(name);
  const auto dump = read_gmx_dump(data_path("xtc/" + name + ".dump.txt"));
  ASSERT_FALSE(dump.empty());
  expect_matches_dump(read_all(data_path("xtc/" + name)), dump);
}

TEST(XtcReader, DescribesItself) {
  auto reader = open_xtc(data_path("xtc/water.xtc"));
  EXPECT_EQ(reader->format_name(), "xtc");
  EXPECT_EQ(reader->length_unit(), LengthUnit::nanometre);
  EXPECT_EQ(reader->topology(), nullptr);
}

TEST(XtcReader, RectangularWaterMatchesGmxDump) {
  expect_fixture_matches_dump("water.xtc");
}
TEST(XtcReader, TriclinicWaterMatchesGmxDump) {
  expect_fixture_matches_dump("tric.xtc");
}
TEST(XtcReader, Precision100MatchesGmxDump) {
  expect_fixture_matches_dump("prec100.xtc");
}
TEST(XtcReader, Precision10000MatchesGmxDump) {
  expect_fixture_matches_dump("prec10000.xtc");
}
TEST(XtcReader, NineAtomsArePlainFloats) {
  expect_fixture_matches_dump("few9.xtc");
}
TEST(XtcReader, TenAtomsAreCompressed) {
  expect_fixture_matches_dump("few10.xtc");
}
TEST(XtcReader, RangesPast2To24AreSentUnpacked) {
  expect_fixture_matches_dump("sparse.xtc");
}

TEST(XtcReader, NaclIonRunMatchesGmxDump) {
  // The GROMACS NaCl production run (240 ions, 261 frames); its dump keeps
  // every header and the coordinates of frames 0, 1, 2, 130 and 260.
  const auto dump = read_gmx_dump(data_path("xtc/nacl_ions.xtc.dump.txt"));
  ASSERT_EQ(dump.size(), 261U);
  const auto frames = read_all(data_path("plumed-nacl/sol_prod_ions.xtc"));
  expect_matches_dump(frames, dump);
  EXPECT_EQ(frames.back().step, 130000);
}

TEST(XtcReader, FrameCountWithoutDecoding) {
  auto reader = open_xtc(data_path("xtc/water.xtc"));
  EXPECT_EQ(reader->frame_count(), 11U);
  Frame frame;
  ASSERT_TRUE(reader->read_next(frame));  // the count left the reader at frame 0
  EXPECT_EQ(frame.step, 0);
  EXPECT_EQ(open_xtc(data_path("plumed-nacl/sol_prod_ions.xtc"))->frame_count(), 261U);
  EXPECT_EQ(open_xtc(data_path("xtc/few9.xtc"))->frame_count(), 11U);
}

TEST(XtcReader, SeekToFrameEqualsSequentialFrame) {
  for (const char* name : {"xtc/water.xtc", "xtc/few9.xtc", "plumed-nacl/sol_prod_ions.xtc"}) {
    SCOPED_TRACE(name);
    const auto sequential = read_all(data_path(name));
    auto reader = open_xtc(data_path(name));
    std::vector<std::size_t> order(sequential.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937(42));
    Frame frame;
    for (std::size_t index : order) {
      reader->seek(index);
      ASSERT_TRUE(reader->read_next(frame));
      EXPECT_EQ(frame.step, sequential[index].step);
      EXPECT_EQ(frame.time, sequential[index].time);
      EXPECT_EQ(frame.positions, sequential[index].positions) << "frame " << index;
    }
    EXPECT_THROW(reader->seek(sequential.size()), UsageError);
  }
}

TEST(XtcReader, StridedVisitSkipsWithoutDecoding) {
  const auto sequential = read_all(data_path("xtc/water.xtc"));
  auto reader = open_xtc(data_path("xtc/water.xtc"));
  std::vector<std::size_t> visited;
  for_each_frame(*reader, FrameRange{1, std::nullopt, 3},
                 [&](std::size_t index, const Frame& frame) {
                   visited.push_back(index);
                   EXPECT_EQ(frame.positions, sequential[index].positions);
                 });
  EXPECT_EQ(visited, (std::vector<std::size_t>{1, 4, 7, 10}));
}

// Rewrites a 1995 file with magic 2023, whose byte count is 64-bit
// (GROMACS 2023's xdr3dfcoord: an XDR hyper in place of the int).
std::string as_magic_2023(const std::string& bytes) {
  std::string out;
  std::size_t at = 0;
  auto word = [&](std::size_t offset) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset + 3]));
  };
  while (at < bytes.size()) {
    const std::uint32_t natoms = word(at + 4);
    out += std::string("\x00\x00\x07\xE7", 4);  // 2023
    if (natoms <= 9) {
      const std::size_t frame = 56 + 12 * natoms;
      out += bytes.substr(at + 4, frame - 4);
      at += frame;
      continue;
    }
    out += bytes.substr(at + 4, 88 - 4);  // header, precision, ranges, smallidx
    const std::uint32_t count = word(at + 88);
    out += std::string(4, '\0');
    out += bytes.substr(at + 88, 4);
    const std::size_t padded = (std::size_t{count} + 3) / 4 * 4;
    out += bytes.substr(at + 92, padded);
    at += 92 + padded;
  }
  return out;
}

TEST(XtcReader, ReadsMagic2023WithSixtyFourBitByteCount) {
  ScratchDir scratch;
  for (const char* name : {"water.xtc", "few9.xtc", "sparse.xtc"}) {
    SCOPED_TRACE(name);
    const std::string path = scratch.file(name);
    const std::string original = read_bytes(data_path(std::string("xtc/") + name));
    const std::string converted = as_magic_2023(original);
    ASSERT_GT(converted.size(), original.size() - 1);
    write_bytes(path, converted);
    const auto dump = read_gmx_dump(data_path(std::string("xtc/") + name + ".dump.txt"));
    expect_matches_dump(read_all(path), dump);
    EXPECT_EQ(open_xtc(path)->frame_count(), dump.size());
  }
}

// Byte offset where frame `index` of a fixture starts.
std::uint64_t frame_start(const std::string& path, std::size_t index) {
  return open_xtc(path)->frame_position(index).byte;
}

TEST(XtcReader, TruncatedFileNamesTheFrame) {
  ScratchDir scratch;
  const std::string source = data_path("xtc/water.xtc");
  const std::string original = read_bytes(source);
  const std::uint64_t frame5 = frame_start(source, 5);
  const std::uint64_t frame6 = frame_start(source, 6);
  const std::string path = scratch.file("cut.xtc");
  for (std::uint64_t cut :
       {frame5 + 3, frame5 + 40, frame5 + 90, (frame5 + frame6) / 2, frame6 - 1}) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    write_bytes(path, original.substr(0, cut));
    auto reader = open_xtc(path);
    Frame frame;
    for (int f = 0; f < 5; ++f) ASSERT_TRUE(reader->read_next(frame));
    try {
      reader->read_next(frame);
      FAIL() << "no error";
    } catch (const InputError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find("frame 5"), std::string::npos) << message;
      EXPECT_NE(message.find("truncated"), std::string::npos) << message;
      EXPECT_EQ(e.where().frame, 5);
      EXPECT_EQ(e.where().byte_offset, frame5);
    }
    // Counting frames meets the same cut.
    EXPECT_THROW(open_xtc(path)->frame_count(), InputError);
  }
  // Cut exactly between frames: a clean end after 5 frames.
  write_bytes(path, original.substr(0, frame5));
  EXPECT_EQ(read_all(path).size(), 5U);
  EXPECT_EQ(open_xtc(path)->frame_count(), 5U);
}

TEST(XtcReader, WrongMagicIsReported) {
  ScratchDir scratch;
  const std::string source = data_path("xtc/water.xtc");
  std::string bytes = read_bytes(source);
  const std::uint64_t frame3 = frame_start(source, 3);
  bytes[frame3 + 3] = 0x39;  // 1995 = 0x07CB -> 0x0739 = 1849
  const std::string path = scratch.file("magic.xtc");
  write_bytes(path, bytes);
  auto reader = open_xtc(path);
  Frame frame;
  for (int f = 0; f < 3; ++f) ASSERT_TRUE(reader->read_next(frame));
  try {
    reader->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("magic"), std::string::npos) << message;
    EXPECT_NE(message.find("1849"), std::string::npos) << message;
    EXPECT_NE(message.find("frame 3"), std::string::npos) << message;
  }
  // A file that is no XTC at all fails on its first frame.
  write_bytes(path, std::string("GROMACS\n  300\n    1SOL     OW    1   0.1   0.2   0.3\n"));
  try {
    open_xtc(path)->read_next(frame);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("magic"), std::string::npos) << e.what();
  }
}

TEST(XtcReader, EmptyFileHasNoFrames) {
  ScratchDir scratch;
  write_bytes(scratch.file("empty.xtc"), "");
  EXPECT_EQ(read_all(scratch.file("empty.xtc")).size(), 0U);
  EXPECT_THROW(open_xtc(scratch.file("missing.xtc")), InputError);
}

TEST(XtcReader, InconsistentHeaderFieldsAreReported) {
  ScratchDir scratch;
  const std::string original = read_bytes(data_path("xtc/water.xtc"));
  struct Case {
    std::size_t offset;
    std::uint32_t value;
    const char* expected;
  };
  // Offsets in frame 0: natoms again at 52, precision 56, minint 60, maxint
  // 72, smallidx 84, byte count 88.
  const Case cases[] = {
      {52, 301, "before the coordinates"},
      {56, 0, "precision"},
      {56, 0xBF800000U, "precision"},
      {72, 0x80000000U, "maxint"},
      {84, 3, "smallidx"},
      {84, 80, "smallidx"},
      {88, 0x7FFFFFF0U, "truncated"},
      {88, 0xFFFFFFF0U, "negative"},
      {88, 20, "cannot hold"},
      {4, 0xFFFFFFFFU, "negative atom count"},
  };
  const std::string path = scratch.file("bad.xtc");
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expected);
    std::string bytes = original;
    for (int b = 0; b < 4; ++b) bytes[c.offset + b] = static_cast<char>(c.value >> (24 - 8 * b));
    write_bytes(path, bytes);
    Frame frame;
    try {
      open_xtc(path)->read_next(frame);
      FAIL() << "no error";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
      EXPECT_EQ(e.where().frame, 0);
    }
  }
}

// Damaged copies must give frames then a clean end or one InputError: never
// a crash, a hang or undefined behaviour (run under ASan+UBSan too).
TEST(XtcReader, DamagedFilesOnlyFailCleanly) {
  ScratchDir scratch;
  const std::string path = scratch.file("damaged.xtc");
  std::mt19937_64 rng(1995);
  for (const char* name : {"xtc/water.xtc", "xtc/few9.xtc", "xtc/sparse.xtc", "xtc/prec100.xtc"}) {
    const std::string original = read_bytes(data_path(name));
    auto pick = [&](std::size_t limit) {
      return std::uniform_int_distribution<std::size_t>(0, limit - 1)(rng);
    };
    for (int k = 0; k < 120; ++k) {
      std::string bytes = original;
      switch (k % 4) {
        case 0:
          bytes.resize(pick(bytes.size()));
          break;
        case 1:
          for (int b = 0; b < 1 + k % 7; ++b)
            bytes[pick(bytes.size())] ^= static_cast<char>(1U << pick(8));
          break;
        case 2: {
          const std::size_t at = pick(bytes.size() - 4);
          const std::uint32_t v = k % 3 == 0 ? 0xFFFFFFFFU : static_cast<std::uint32_t>(rng());
          for (int b = 0; b < 4; ++b) bytes[at + b] = static_cast<char>(v >> (8 * b));
          break;
        }
        default:
          bytes.erase(pick(bytes.size()), 1 + pick(16));
          break;
      }
      write_bytes(path, bytes);
      SCOPED_TRACE(std::string(name) + " mutant " + std::to_string(k));
      std::size_t frames = 0;
      try {
        auto reader = open_xtc(path);
        Frame frame;
        while (reader->read_next(frame)) {
          ++frames;
          for (const auto& p : frame.positions)
            for (float x : p) ASSERT_TRUE(std::isfinite(x));
        }
        EXPECT_EQ(reader->frame_count(), frames);
      } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
      }
    }
  }
}

// ---------------------------------------------------------------- writer ---

std::string write_all(const std::string& path, const std::vector<Frame>& frames, float precision) {
  auto writer = create_xtc_writer(path, precision);
  EXPECT_EQ(writer->format_name(), "xtc");
  EXPECT_EQ(writer->length_unit(), LengthUnit::nanometre);
  for (const Frame& frame : frames) writer->write(frame, nullptr);
  writer->close();
  return read_bytes(path);
}

TEST(XtcWriter, RewritingGromacsFilesGivesGromacsBytes) {
  // The writer makes GROMACS' choices (rounding, smallidx, runs, swaps), so
  // the frames GROMACS wrote come back byte for byte.
  ScratchDir scratch;
  for (const char* name :
       {"water.xtc", "tric.xtc", "prec100.xtc", "prec10000.xtc", "few9.xtc", "few10.xtc"}) {
    SCOPED_TRACE(name);
    const std::string source = data_path(std::string("xtc/") + name);
    const std::string written = write_all(scratch.file(name), read_all(source), 0.0F);
    EXPECT_TRUE(written == read_bytes(source)) << "bytes differ from GROMACS' file";
  }
  const std::string nacl = data_path("plumed-nacl/sol_prod_ions.xtc");
  EXPECT_TRUE(write_all(scratch.file("nacl.xtc"), read_all(nacl), 0.0F) == read_bytes(nacl));
}

TEST(XtcWriter, RoundTripFinerThanFloats) {
  // sparse.xtc: 30 nm at precision 10^6, where floats are coarser (2 ulp =
  // 3.8e-6 nm) than 1/precision, so a decoded value can re-round to a
  // neighbouring integer: the bytes cannot repeat, the values stay within
  // float resolution.
  ScratchDir scratch;
  const auto frames = read_all(data_path("xtc/sparse.xtc"));
  write_all(scratch.file("sparse.xtc"), frames, 0.0F);
  const auto back = read_all(scratch.file("sparse.xtc"));
  ASSERT_EQ(back.size(), frames.size());
  for (std::size_t f = 0; f < frames.size(); ++f) {
    EXPECT_EQ(back[f].precision, 1e6F);
    for (std::size_t i = 0; i < frames[f].atom_count(); ++i)
      for (int d = 0; d < 3; ++d) {
        const float x = frames[f].positions[i][d];
        ASSERT_NEAR(back[f].positions[i][d], x, 0.5e-6 + 4.0 * std::nextafter(x, 1e9F) - 4.0 * x);
      }
  }
}

TEST(XtcWriter, RoundTripAtAnotherPrecision) {
  ScratchDir scratch;
  const auto frames = read_all(data_path("xtc/prec10000.xtc"));
  const std::string path = scratch.file("p100.xtc");
  write_all(path, frames, 100.0F);
  const auto back = read_all(path);
  ASSERT_EQ(back.size(), frames.size());
  for (std::size_t f = 0; f < frames.size(); ++f) {
    EXPECT_EQ(back[f].precision, 100.0F);
    EXPECT_EQ(back[f].step, frames[f].step);
    EXPECT_EQ(back[f].time, frames[f].time);
    EXPECT_EQ(back[f].box.vectors, frames[f].box.vectors);
    for (std::size_t i = 0; i < frames[f].atom_count(); ++i)
      for (int d = 0; d < 3; ++d) {
        ASSERT_NEAR(back[f].positions[i][d], frames[f].positions[i][d], 0.5 / 100 + 1e-6);
      }
  }
  // Read -> write -> read at the file's own precision changes nothing.
  const std::string same = scratch.file("same.xtc");
  write_all(same, back, 0.0F);
  const auto again = read_all(same);
  for (std::size_t f = 0; f < frames.size(); ++f) EXPECT_EQ(again[f].positions, back[f].positions);
}

TEST(XtcWriter, DefaultPrecisionIs1000AndNoBoxIsZeros) {
  ScratchDir scratch;
  Frame frame;
  frame.step = 7;
  frame.time = 1.5;
  for (int i = 0; i < 20; ++i)
    frame.positions.push_back(
        {0.1234567F * static_cast<float>(i), -0.5F, 3.0F + 0.01F * static_cast<float>(i)});
  const std::string path = scratch.file("plain.xtc");
  write_all(path, {frame}, 0.0F);
  const auto back = read_all(path);
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(back[0].precision, 1000.0F);
  EXPECT_FALSE(back[0].has_box);
  EXPECT_EQ(back[0].step, 7);
  EXPECT_EQ(back[0].time, 1.5);
  for (int i = 0; i < 20; ++i)
    for (int d = 0; d < 3; ++d)
      EXPECT_NEAR(back[0].positions[i][d], frame.positions[i][d], 5e-4 + 1e-6);
}

TEST(XtcWriter, RefusesWhatXtcCannotHold) {
  ScratchDir scratch;
  Frame frame;
  for (int i = 0; i < 12; ++i) frame.positions.push_back({1.0F, 2.0F, 3.0F});
  const std::string path = scratch.file("bad.xtc");
  auto writer = create_xtc_writer(path, 1000.0F);
  writer->write(frame, nullptr);
  Frame far = frame;
  far.positions[4][1] = 3.0e6F;  // 3e9 at precision 1000: past 2^31
  EXPECT_THROW(writer->write(far, nullptr), Error);
  Frame nan = frame;
  nan.positions[2][0] = std::nanf("");
  EXPECT_THROW(writer->write(nan, nullptr), Error);
  Frame big_step = frame;
  big_step.step = std::int64_t{1} << 40;
  EXPECT_THROW(writer->write(big_step, nullptr), Error);
  writer->close();
  EXPECT_EQ(read_all(path).size(), 1U);  // the refused frames left nothing behind
  EXPECT_THROW(create_xtc_writer(scratch.file("x.xtc"), -1.0F), UsageError);
}

TEST(XtcWriter, MillionAtomFrameRoundTrip) {
  // 1.2M atoms: water-like triples on a lattice plus scattered ions, a
  // 100 nm box, precision 1000: ranges of 10^5 units, packed triples of ~50
  // bits and ~3.6 MB of compressed bytes per frame.
  ScratchDir scratch;
  constexpr std::size_t kAtoms = 1'200'000;
  Frame frame;
  frame.has_box = true;
  frame.box.vectors = {{{100.0, 0.0, 0.0}, {0.0, 100.0, 0.0}, {10.0, 5.0, 100.0}}};
  frame.positions.resize(kAtoms);
  std::mt19937 rng(7);
  auto jitter = [&] { return static_cast<float>(rng() % 2001) * 1e-4F - 0.1F; };
  for (std::size_t i = 0; i < kAtoms; i += 3) {
    const std::size_t cell = i / 3;
    const float x = static_cast<float>(cell % 74) * 1.35F;
    const float y = static_cast<float>(cell / 74 % 74) * 1.35F;
    const float z = static_cast<float>(cell / (74 * 74)) * 1.35F;
    frame.positions[i] = {x, y, z};
    for (std::size_t h = 1; h < 3 && i + h < kAtoms; ++h) {
      frame.positions[i + h] = {x + jitter(), y + jitter(), z + jitter()};
    }
    if (cell % 97 == 0)
      frame.positions[i] = {static_cast<float>(rng() % 100000) * 1e-3F,
                            static_cast<float>(rng() % 100000) * 1e-3F, -5.0F};
  }
  const std::string path = scratch.file("million.xtc");
  Frame second = frame;
  second.step = 1000;
  second.time = 2.0;
  write_all(path, {frame, second}, 1000.0F);
  auto reader = open_xtc(path);
  EXPECT_EQ(reader->frame_count(), 2U);
  Frame back;
  reader->seek(1);
  ASSERT_TRUE(reader->read_next(back));
  EXPECT_EQ(back.step, 1000);
  ASSERT_EQ(back.atom_count(), kAtoms);
  std::size_t bad = 0;
  for (std::size_t i = 0; i < kAtoms; ++i)
    for (int d = 0; d < 3; ++d) {
      const float expected = std::round(frame.positions[i][d] * 1000.0F) / 1000.0F;
      if (std::fabs(back.positions[i][d] - expected) > 2e-6F * std::max(1.0F, std::fabs(expected)))
        ++bad;
    }
  EXPECT_EQ(bad, 0U);
}

// ------------------------------------------ nucleate-written GROMACS-read ---

// Deterministic synthetic frames (mt19937's raw output is fixed by the C++
// standard; the arithmetic below is exact or rounds identically everywhere).
std::vector<Frame> synthetic_frames(std::size_t atoms, int count) {
  std::mt19937 rng(20240601);
  auto uniform = [&](double lo, double hi) {
    return lo + (hi - lo) * (static_cast<double>(rng()) / 4294967296.0);
  };
  std::vector<Vec3f> base(atoms);
  for (std::size_t i = 0; i < atoms; ++i) {
    if (i % 3 == 0 || i % 50 == 7) {
      base[i] = {static_cast<float>(uniform(-1.0, 4.0)), static_cast<float>(uniform(-1.0, 4.0)),
                 static_cast<float>(uniform(0.0, 3.0))};
    } else {
      const Vec3f& o = base[i - i % 3];
      base[i] = {o[0] + static_cast<float>(uniform(-0.1, 0.1)),
                 o[1] + static_cast<float>(uniform(-0.1, 0.1)),
                 o[2] + static_cast<float>(uniform(-0.1, 0.1))};
    }
  }
  const float precisions[] = {1000.0F, 100.0F, 100000.0F, 1000.0F};
  std::vector<Frame> frames(static_cast<std::size_t>(count));
  for (int f = 0; f < count; ++f) {
    Frame& frame = frames[static_cast<std::size_t>(f)];
    frame.step = std::int64_t{100} * f;
    frame.time = 0.25 * f;
    frame.has_box = f != 1;
    frame.box.vectors = {{{5.0 + 0.01 * f, 0.0, 0.0}, {1.0, 4.5, 0.0}, {-0.5, 0.75, 3.25}}};
    frame.precision = precisions[f % 4];
    frame.positions = base;
    for (auto& p : frame.positions)
      for (float& x : p) x += static_cast<float>(uniform(-0.02, 0.02)) * static_cast<float>(f);
    // Frame 2: one atom 250 nm out, at precision 10^5 a range past 2^24.
    if (f == 2 && atoms > 9) frame.positions[atoms - 1] = {250.0F, -3.0F, 1.0F};
  }
  return frames;
}

// Writes the synthetic files; with NUCLEATE_XTC_FIXTURE_DIR set (by
// tests/data/xtc/make_fixtures.sh) into that directory, to be committed.
class XtcWriterFixtures : public ::testing::Test {
 protected:
  std::string write(const std::string& name, std::size_t atoms, int frames) {
    const char* dir = std::getenv("NUCLEATE_XTC_FIXTURE_DIR");
    const std::string path =
        dir != nullptr ? (std::filesystem::path(dir) / name).string() : scratch_.file(name);
    return write_all(path, synthetic_frames(atoms, frames), 0.0F);
  }
  ScratchDir scratch_;
};

void expect_dump_matches_input(const std::string& name, std::size_t atoms, int count) {
  const auto frames = synthetic_frames(atoms, count);
  const auto dump = read_gmx_dump(data_path("xtc/" + name + ".dump.txt"));
  ASSERT_EQ(dump.size(), frames.size());
  for (std::size_t f = 0; f < frames.size(); ++f) {
    SCOPED_TRACE("frame " + std::to_string(f));
    const Frame& in = frames[f];
    EXPECT_EQ(dump[f].natoms, static_cast<std::int64_t>(atoms));
    EXPECT_EQ(dump[f].step, in.step);
    EXPECT_NEAR(dump[f].time, in.time, print_bound(in.time, 7));
    EXPECT_EQ(dump[f].precision, atoms > 9 ? in.precision : -1.0F);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        const double expected = in.has_box ? static_cast<float>(in.box.vectors[r][c]) : 0.0;
        EXPECT_NEAR(dump[f].box[r][c], expected, print_bound(expected, 5));
      }
    const auto& x = dump[f].vectors.at("x");
    ASSERT_EQ(x.size(), atoms);
    const double half_step = atoms > 9 ? 0.5 / in.precision : 0.0;
    for (std::size_t i = 0; i < atoms; ++i)
      for (int d = 0; d < 3; ++d) {
        const double v = in.positions[i][d];
        ASSERT_NEAR(x[i][d], v, half_step + print_bound(v, 5) + 1e-6 * std::fabs(v))
            << "atom " << i << " coordinate " << d;
      }
  }
}

TEST_F(XtcWriterFixtures, GromacsDecodesWhatNucleateWrote) {
  // written*.xtc were made by this writer from these frames and decoded by
  // `gmx dump`, and `gmx check` accepted them (README.md): GROMACS reads the
  // input coordinates back to within half of 1/precision.
  expect_dump_matches_input("written.xtc", 800, 4);
  expect_dump_matches_input("written_small.xtc", 5, 3);
  // nucleate decodes its own files as GROMACS does.
  expect_fixture_matches_dump("written.xtc");
  expect_fixture_matches_dump("written_small.xtc");
}

TEST_F(XtcWriterFixtures, WriterStillMakesTheCheckedBytes) {
  EXPECT_TRUE(write("written.xtc", 800, 4) == read_bytes(data_path("xtc/written.xtc")));
  EXPECT_TRUE(write("written_small.xtc", 5, 3) == read_bytes(data_path("xtc/written_small.xtc")));
}

}  // namespace
}  // namespace nucleate::io
