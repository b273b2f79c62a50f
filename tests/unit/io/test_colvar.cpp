// COLVAR files as PLUMED writes them (the PLUMED 2.9.5 reference output) and
// as nucleate writes them.

#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "core/error.h"
#include "io/colvar.h"
#include "support/test_data.h"

namespace nucleate::io {
namespace {

using testing::data_path;

TEST(Colvar, ReadsPlumedOutput) {
  const ColvarTable t = read_colvar(data_path("plumed-nacl/COLVAR_sol"));
  ASSERT_EQ(t.fields.size(), 40U);  // time + the 39 PRINT arguments of plumed_sol.dat
  EXPECT_EQ(t.fields[0], "time");
  EXPECT_EQ(t.rows(), 261U);
  // First and last rows as printed by PLUMED.
  EXPECT_DOUBLE_EQ(t.column("cnna.mean")[0], 1.482961);
  EXPECT_DOUBLE_EQ(t.column("time")[260], 260.0);
  EXPECT_THROW((void)t.column("nope"), UsageError);
}

TEST(Colvar, WriteThenReadIsExact) {
  testing::ScratchDir scratch;
  const std::string path = scratch.file("COLVAR");
  ColvarWriter w(path, {"time", "n", "q6"}, {"q6: PLUMED normalisation"});
  w.write_row({0.0, 1.0 / 3.0, 0.1});
  w.write_row({2.5, 27.000000000000004, -1e-300});
  w.close();
  const ColvarTable t = read_colvar(path);
  EXPECT_EQ(t.rows(), 2U);
  EXPECT_EQ(t.column("n")[0], 1.0 / 3.0);
  EXPECT_EQ(t.column("n")[1], 27.000000000000004);
  EXPECT_EQ(t.column("q6")[1], -1e-300);
}

// Issue 14, case 11: a cv run killed mid-way left a COLVAR (header only)
// that looked finished. Rows go to PATH.partial until the writer closes.
TEST(Colvar, NoFileUnderItsNameUntilClosed) {
  testing::ScratchDir scratch;
  const std::string path = scratch.file("COLVAR");
  {
    ColvarWriter writer(path, {"time", "n"});
    writer.write_row({0.0, 1.5});
    EXPECT_FALSE(std::filesystem::exists(path));  // what a kill -9 here leaves
    EXPECT_TRUE(std::filesystem::exists(path + ".partial"));
    writer.close();
  }
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  EXPECT_EQ(read_colvar(path).column("n"), (std::vector<double>{1.5}));
  // An error unwinding past the writer keeps the rows written so far.
  const std::string kept = scratch.file("KEPT");
  try {
    ColvarWriter writer(kept, {"time", "n"});
    writer.write_row({0.0, 2.5});
    writer.write_row({1.0});  // one value short
  } catch (const Error&) {
  }
  EXPECT_EQ(read_colvar(kept).column("n"), (std::vector<double>{2.5}));
}

TEST(Colvar, RestartedRunsAndBadRows) {
  testing::ScratchDir scratch;
  const std::string ok = scratch.file("restart");
  testing::write_bytes(ok, "#! FIELDS time a\n#! SET min_a -pi\n 0 1\n#! FIELDS time a\n 1 2\n");
  const ColvarTable t = read_colvar(ok);
  EXPECT_EQ(t.rows(), 2U);
  EXPECT_EQ(t.constants.at("min_a"), "-pi");
  const std::string bad = scratch.file("bad");
  testing::write_bytes(bad, "#! FIELDS time a b\n 0 1 2\n 1 2\n");
  try {
    (void)read_colvar(bad);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
  }
  testing::write_bytes(bad, "#! FIELDS time a\n 0 nan\n");
  EXPECT_THROW((void)read_colvar(bad), InputError);
  testing::write_bytes(bad, " 0 1\n");
  EXPECT_THROW((void)read_colvar(bad), InputError);
}

}  // namespace
}  // namespace nucleate::io
