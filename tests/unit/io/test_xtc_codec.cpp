// The XTC compressed-coordinate codec on its own: synthetic coordinates that
// drive every branch (runs and swaps, growing and shrinking small-difference
// sizes, packed triples of <= 32, <= 64 and up to 72 bits, unpacked ranges
// past 2^24) round-trip exactly, and corrupt streams only raise FormatError.
// Agreement with GROMACS' own bytes is tested in test_xtc.cpp.

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/error.h"
#include "io/xtc_codec.h"

namespace nucleate::io::xtc {
namespace {

// The integer GROMACS stores for x: the float product, +-0.5 in double,
// rounded to float, truncated.
std::int64_t quantised(float x, float precision) {
  const float scaled = x * precision;
  const double shifted =
      x >= 0.0F ? static_cast<double>(scaled) + 0.5 : static_cast<double>(scaled) - 0.5;
  return static_cast<std::int64_t>(static_cast<float>(shifted));
}

struct Encoded {
  CompressedHeader header;
  std::vector<std::uint8_t> bytes;  // plus decoder padding
  std::size_t size = 0;
};

Encoded encode(const std::vector<Vec3f>& positions, float precision) {
  Compressor compressor;
  const auto result = compressor.compress(positions, precision);
  Encoded e{result.header, {result.bytes.begin(), result.bytes.end()}, result.bytes.size()};
  e.bytes.resize(e.size + kDecodePadding);
  return e;
}

// Decodes and checks every coordinate is exactly integer * (1/precision).
void expect_round_trip(const std::vector<Vec3f>& positions, float precision) {
  const Encoded e = encode(positions, precision);
  std::vector<Vec3f> out(positions.size());
  decompress(e.header, precision, e.bytes.data(), e.size, out);
  const auto inv = static_cast<float>(1.0 / precision);
  for (std::size_t i = 0; i < positions.size(); ++i)
    for (int d = 0; d < 3; ++d) {
      const float expected = static_cast<float>(quantised(positions[i][d], precision)) * inv;
      ASSERT_EQ(out[i][d], expected) << "atom " << i << " coordinate " << d;
    }
}

std::vector<Vec3f> water_like(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto uniform = [&](float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>(rng() % 1000000) * 1e-6F;
  };
  // Oxygens on a jittered 0.31 nm lattice in file order (as solvated boxes
  // are), hydrogens ~0.1 nm from their oxygen.
  constexpr std::size_t kSide = 16;
  std::vector<Vec3f> p(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t m = i / 3;
    if (i % 3 == 0) {
      p[i] = {0.31F * static_cast<float>(m % kSide) + uniform(-0.05F, 0.05F),
              0.31F * static_cast<float>(m / kSide % kSide) + uniform(-0.05F, 0.05F),
              0.31F * static_cast<float>(m / (kSide * kSide)) + uniform(-0.05F, 0.05F)};
    } else {
      const Vec3f& o = p[i - i % 3];
      const float sign = i % 3 == 1 ? 1.0F : -1.0F;
      p[i] = {o[0] + sign * 0.08F + uniform(-0.01F, 0.01F), o[1] + 0.06F + uniform(-0.01F, 0.01F),
              o[2] + uniform(-0.01F, 0.01F)};
    }
  }
  return p;
}

TEST(XtcCodec, WaterLikeTriplesUseRunsAndRoundTrip) {
  const auto p = water_like(3000, 1);
  expect_round_trip(p, 1000.0F);
  // Whole triples would take 37 bits per atom here; runs of small
  // differences bring water well under that.
  EXPECT_LT(encode(p, 1000.0F).size * 8, 3000U * 34) << encode(p, 1000.0F).size * 8;
}

TEST(XtcCodec, ScatteredAtomsRoundTrip) {
  std::mt19937 rng(2);
  std::vector<Vec3f> p(2000);
  for (auto& v : p)
    for (float& x : v) x = static_cast<float>(rng() % 2000001) * 1e-5F - 10.0F;  // negative too
  expect_round_trip(p, 1000.0F);
  expect_round_trip(p, 100.0F);
  expect_round_trip(p, 33.3F);
}

TEST(XtcCodec, IdenticalAtomsNeedOneBitTriples) {
  const std::vector<Vec3f> p(50, Vec3f{1.5F, -2.25F, 0.0F});
  const Encoded e = encode(p, 1000.0F);
  EXPECT_EQ(e.header.minint, e.header.maxint);
  expect_round_trip(p, 1000.0F);
}

TEST(XtcCodec, SmallDifferenceSizeGrowsAndShrinks) {
  // Steps that widen then narrow again along a chain drive smallidx up to
  // its ceiling and back down.
  std::vector<Vec3f> p;
  float x = 0.0F;
  for (int i = 0; i < 3000; ++i) {
    const int phase = i % 600;
    const float step = 0.001F * static_cast<float>(phase < 300 ? 1 + phase : 601 - phase);
    x += step;
    p.push_back({x, 0.5F * static_cast<float>(i % 7) * step, 1.0F});
  }
  expect_round_trip(p, 1000.0F);
  expect_round_trip(p, 10000.0F);
}

TEST(XtcCodec, PackedTriplesOfEveryWidth) {
  // Ranges of ~2^10, ~2^20 and just under 2^24 units per axis: packed
  // triples of <= 32, 58..64 and 65..72 bits.
  for (float span : {1.0F, 1000.0F, 16000.0F}) {
    SCOPED_TRACE(span);
    std::mt19937 rng(3);
    std::vector<Vec3f> p(300);
    for (auto& v : p)
      for (float& c : v) c = static_cast<float>(rng() % 1000001) * 1e-6F * span;
    p[0] = {0.0F, 0.0F, 0.0F};
    p[1] = {span, span, span};
    expect_round_trip(p, 1000.0F);
  }
}

TEST(XtcCodec, RangesPast2To24AreSentUnpacked) {
  std::vector<Vec3f> p = water_like(600, 4);
  p[100] = {30000.0F, -20000.0F, 5.0F};  // 3e7 units at precision 1000
  expect_round_trip(p, 1000.0F);
}

TEST(XtcCodec, WideSmallDifferencesOver32And64Bits) {
  // Evenly spaced atoms far apart for the precision: smallidx climbs past
  // 32 and, at precision 10^6, past 64 (small triples of 65..72 bits).
  for (float precision : {1000.0F, 1e6F}) {
    SCOPED_TRACE(precision);
    std::vector<Vec3f> p;
    for (int i = 0; i < 400; ++i) {
      const auto s = static_cast<float>(i);
      p.push_back({s * 3.0F, 1.0F + 0.001F * s, 50.0F - s * 0.1F});
    }
    expect_round_trip(p, precision);
    EXPECT_GE(encode(p, precision).header.smallidx, precision > 1e5F ? 65 : 33);
  }
}

TEST(XtcCodec, TenAtomsAndMillionAtoms) {
  expect_round_trip(water_like(10, 5), 1000.0F);
  expect_round_trip(water_like(1'000'002, 6), 1000.0F);
}

TEST(XtcCodec, CompressorRefusesWhatCannotBeStored) {
  Compressor compressor;
  std::vector<Vec3f> p = water_like(20, 7);
  EXPECT_THROW(compressor.compress(p, 0.0F), Error);
  EXPECT_THROW(compressor.compress(p, -5.0F), Error);
  p[3][1] = 2.2e6F;  // 2.2e9 units
  EXPECT_THROW(compressor.compress(p, 1000.0F), Error);
  p[3][1] = 1.1e6F;
  p[4][1] = -1.1e6F;  // each fits, their range does not
  EXPECT_THROW(compressor.compress(p, 1000.0F), Error);
  p[3][1] = std::numeric_limits<float>::infinity();
  EXPECT_THROW(compressor.compress(p, 1000.0F), Error);
}

TEST(XtcCodec, HeaderChecks) {
  CompressedHeader h;
  h.minint = {0, 0, 0};
  h.maxint = {10, 10, 10};
  h.smallidx = 9;
  EXPECT_NO_THROW(check_header(h));
  h.smallidx = 8;
  EXPECT_THROW(check_header(h), FormatError);
  h.smallidx = 73;
  EXPECT_THROW(check_header(h), FormatError);
  h.smallidx = 20;
  h.maxint[1] = -1;
  EXPECT_THROW(check_header(h), FormatError);
  h.maxint[1] = std::numeric_limits<std::int32_t>::max();
  h.minint[1] = -1;
  EXPECT_THROW(check_header(h), FormatError);
}

TEST(XtcCodec, ShortOrCorruptStreamsRaiseFormatError) {
  const auto p = water_like(900, 8);
  const Encoded e = encode(p, 1000.0F);
  std::vector<Vec3f> out(p.size());
  // Declared shorter than the stream: the decoder notices the overrun.
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, e.size / 2, e.size - 20}) {
    EXPECT_THROW(decompress(e.header, 1000.0F, e.bytes.data(), cut, out), FormatError) << cut;
  }
  // Random damage: an error or finite numbers, never a read out of bounds
  // (the sanitizer build checks that) or a crash.
  std::mt19937 rng(9);
  int errors = 0;
  for (int k = 0; k < 300; ++k) {
    Encoded bad = e;
    for (int flips = 0; flips < 1 + k % 5; ++flips) {
      bad.bytes[rng() % bad.size] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
    }
    if (k % 3 == 0) bad.header.smallidx = 9 + static_cast<int>(rng() % 64);
    try {
      decompress(bad.header, 1000.0F, bad.bytes.data(), bad.size, out);
      for (const auto& v : out)
        for (float x : v) ASSERT_TRUE(std::isfinite(x));
    } catch (const FormatError&) {
      ++errors;
    }
  }
  EXPECT_GT(errors, 0);
  // More atoms than bytes can describe.
  std::vector<Vec3f> many(4 * e.size + 8);
  EXPECT_THROW(decompress(e.header, 1000.0F, e.bytes.data(), e.size, many), FormatError);
}

}  // namespace
}  // namespace nucleate::io::xtc
