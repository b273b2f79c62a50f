// .npy files written by Debian's numpy 1.24 (tests/data/npy/make_fixtures.sh),
// damaged copies of them, and files nucleate writes compared byte for byte
// with numpy's.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/npy.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;
using testing::read_bytes;
using testing::ScratchDir;
using testing::write_bytes;

// The formula make_fixtures.sh fills f8_2d.npy with.
std::vector<double> fixture_values() {
  std::vector<double> v(15);
  for (int k = 0; k < 15; ++k) v[k] = static_cast<double>(k) / 3.0 - 2.0;
  v[14] = 1e-300;
  v[1] = -0.0;
  return v;
}

// The InputError a damaged file gives, or a failure if it reads.
InputError error_of(const std::string& path) {
  try {
    (void)read_npy_doubles(path);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << path << " was read without error";
  return InputError({}, "none");
}

TEST(Npy, ReadsNumpyFloat64) {
  const NpyDoubles a = read_npy_doubles(data_path("npy/f8_2d.npy"));
  EXPECT_EQ(a.header.major_version, 1);
  EXPECT_EQ(a.header.type, NpyType::float64);
  ASSERT_EQ(a.header.shape, (std::vector<std::uint64_t>{5, 3}));
  EXPECT_EQ(a.header.data_offset, 128U);  // numpy pads the header to 64 bytes
  const std::vector<double> expected = fixture_values();
  ASSERT_EQ(a.values.size(), expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) EXPECT_EQ(a.values[k], expected[k]) << k;
  EXPECT_TRUE(std::signbit(a.values[1]));           // -0.0 kept
  EXPECT_EQ(a.values[3 * 2 + 1], 7.0 / 3.0 - 2.0);  // row 2, column 1: C order
}

TEST(Npy, ReadsFloat32AndIntegers) {
  const NpyDoubles f = read_npy_doubles(data_path("npy/f4_2d.npy"));
  EXPECT_EQ(f.header.type, NpyType::float32);
  const std::vector<double> expected = fixture_values();
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(f.values[k], static_cast<double>(static_cast<float>(expected[k]))) << k;
  }
  const NpyIntegers i8 = read_npy_integers(data_path("npy/i8_1d.npy"));
  EXPECT_EQ(i8.header.shape, (std::vector<std::uint64_t>{5}));
  EXPECT_EQ(i8.header.cols(), 1U);
  EXPECT_EQ(i8.values, (std::vector<std::int64_t>{0, -1, 1LL << 40, -(1LL << 53), 7}));
  const NpyIntegers i4 = read_npy_integers(data_path("npy/i4_1d.npy"));
  EXPECT_EQ(i4.header.type, NpyType::int32);
  EXPECT_EQ(i4.values, (std::vector<std::int64_t>{3, 1, 4, 1, 5, 9, -2}));
  // As doubles too (a 1-D array is one column).
  const NpyDoubles d = read_npy_doubles(data_path("npy/i8_1d.npy"));
  EXPECT_EQ(d.values[3], -9007199254740992.0);
  // An integer reader refuses floats, pointing at the dtype.
  try {
    (void)read_npy_integers(data_path("npy/f8_2d.npy"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().byte_offset, 20U);  // the quoted dtype after "{'descr': "
    EXPECT_NE(e.reason().find("integer"), std::string::npos) << e.what();
  }
}

TEST(Npy, ReadsFormatVersions2And3AndEmptyArrays) {
  for (int version : {2, 3}) {
    const NpyDoubles a = read_npy_doubles(data_path("npy/f8_v" + std::to_string(version) + ".npy"));
    EXPECT_EQ(a.header.major_version, version);
    EXPECT_EQ(a.header.data_offset, 128U);
    EXPECT_EQ(a.values, read_npy_doubles(data_path("npy/f8_2d.npy")).values);
  }
  const NpyDoubles empty = read_npy_doubles(data_path("npy/f8_empty.npy"));
  EXPECT_EQ(empty.rows(), 0U);
  EXPECT_EQ(empty.cols(), 3U);
  EXPECT_TRUE(empty.values.empty());
}

TEST(Npy, WritesTheBytesNumpyWrites) {
  ScratchDir scratch;
  const std::vector<double> v = fixture_values();
  write_npy(scratch.file("a.npy"), std::span<const double>(v), {5, 3});
  EXPECT_EQ(read_bytes(scratch.file("a.npy")), read_bytes(data_path("npy/f8_2d.npy")));
  std::vector<float> f(v.begin(), v.end());
  write_npy(scratch.file("f.npy"), std::span<const float>(f), {5, 3});
  EXPECT_EQ(read_bytes(scratch.file("f.npy")), read_bytes(data_path("npy/f4_2d.npy")));
  const std::vector<std::int64_t> i8{0, -1, 1LL << 40, -(1LL << 53), 7};
  write_npy(scratch.file("i8.npy"), std::span<const std::int64_t>(i8), {5});
  EXPECT_EQ(read_bytes(scratch.file("i8.npy")), read_bytes(data_path("npy/i8_1d.npy")));
  const std::vector<std::int32_t> i4{3, 1, 4, 1, 5, 9, -2};
  write_npy(scratch.file("i4.npy"), std::span<const std::int32_t>(i4), {7});
  EXPECT_EQ(read_bytes(scratch.file("i4.npy")), read_bytes(data_path("npy/i4_1d.npy")));
  const std::vector<double> none;
  write_npy(scratch.file("e.npy"), std::span<const double>(none), {0, 3});
  EXPECT_EQ(read_bytes(scratch.file("e.npy")), read_bytes(data_path("npy/f8_empty.npy")));
  EXPECT_THROW(write_npy(scratch.file("x.npy"), std::span<const double>(v), {4, 3}), Error);
}

TEST(Npy, RefusesWhatItDoesNotRead) {
  const InputError fortran = error_of(data_path("npy/fortran.npy"));
  EXPECT_NE(fortran.reason().find("fortran_order is True"), std::string::npos) << fortran.what();
  const InputError big = error_of(data_path("npy/big_endian.npy"));
  EXPECT_NE(big.reason().find("unsupported dtype '>f8'"), std::string::npos) << big.what();
  EXPECT_EQ(big.where().byte_offset, 20U);
  EXPECT_NE(std::string(big.what()).find("big_endian.npy: byte 20: "), std::string::npos)
      << big.what();
  const InputError u1 = error_of(data_path("npy/uint8.npy"));
  EXPECT_NE(u1.reason().find("'|u1'"), std::string::npos) << u1.what();
  const InputError three = error_of(data_path("npy/three_d.npy"));
  EXPECT_NE(three.reason().find("3-dimensional"), std::string::npos) << three.what();
}

TEST(Npy, DamagedCopiesGiveLocatedErrors) {
  ScratchDir scratch;
  const std::string good = read_bytes(data_path("npy/f8_2d.npy"));
  const std::string path = scratch.file("bad.npy");

  std::string bytes = good;
  bytes[1] = 'X';  // "\x93XUMPY"
  write_bytes(path, bytes);
  InputError e = error_of(path);
  EXPECT_EQ(e.where().byte_offset, 0U);
  EXPECT_NE(e.reason().find("bad magic"), std::string::npos) << e.what();

  write_bytes(path, good.substr(0, good.size() - 5));  // last value cut short
  e = error_of(path);
  EXPECT_EQ(e.where().byte_offset, 128U);
  EXPECT_NE(e.reason().find("truncated data"), std::string::npos) << e.what();
  EXPECT_NE(e.reason().find("needs 120 bytes, the file has 115"), std::string::npos) << e.what();

  write_bytes(path, good.substr(0, 60));  // inside the header
  e = error_of(path);
  EXPECT_EQ(e.where().byte_offset, 10U);
  EXPECT_NE(e.reason().find("truncated .npy header"), std::string::npos) << e.what();

  write_bytes(path, good.substr(0, 7));
  e = error_of(path);
  EXPECT_EQ(e.where().byte_offset, 0U);

  bytes = good;
  bytes[6] = 4;  // version 4.0
  write_bytes(path, bytes);
  e = error_of(path);
  EXPECT_EQ(e.where().byte_offset, 6U);
  EXPECT_NE(e.reason().find("version 4.0"), std::string::npos) << e.what();

  bytes = good;
  bytes.replace(bytes.find("'shape'"), 7, "'shapo'");
  write_bytes(path, bytes);
  e = error_of(path);
  EXPECT_NE(e.reason().find("unexpected key 'shapo'"), std::string::npos) << e.what();

  bytes = good;
  bytes.replace(bytes.find("False"), 5, "Fals ");
  write_bytes(path, bytes);
  e = error_of(path);
  EXPECT_EQ(e.where().byte_offset, 10U + bytes.substr(10).find("Fals "));
  EXPECT_NE(e.reason().find("expected True or False"), std::string::npos) << e.what();

  bytes = good;
  bytes.replace(bytes.find("(5, 3)"), 6, "(5, x)");
  write_bytes(path, bytes);
  e = error_of(path);
  EXPECT_NE(e.reason().find("non-negative integer extent"), std::string::npos) << e.what();

  // A header length past the end of the file.
  bytes = good;
  bytes[8] = static_cast<char>(0xFF);
  bytes[9] = static_cast<char>(0x7F);
  write_bytes(path, bytes);
  e = error_of(path);
  EXPECT_NE(e.reason().find("truncated .npy header"), std::string::npos) << e.what();

  // A shape whose byte count overflows is refused before any allocation.
  bytes = good;
  bytes.replace(bytes.find("(5, 3)"), 6, "(99999999999, 99999999999)");
  bytes.erase(bytes.find('\n') - 20, 20);  // keep the header length as written
  write_bytes(path, bytes);
  e = error_of(path);
  EXPECT_NE(e.reason().find("overflows"), std::string::npos) << e.what();

  EXPECT_THROW((void)read_npy_doubles(scratch.file("missing.npy")), InputError);
}

}  // namespace
}  // namespace nucleate::io
