// The --select language on a hand-made topology whose answers are countable.

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/topology.h"

namespace nucleate::io {
namespace {

Topology nacl_water() {
  // 4 Na, 4 Cl, then 3 waters (OW HW1 HW2), residues numbered from 1.
  Topology t;
  for (int i = 0; i < 4; ++i) t.atoms.push_back({"NA", "", "Na", "NA", i + 1, i + 1});
  for (int i = 0; i < 4; ++i) t.atoms.push_back({"CL", "", "Cl", "CL", i + 5, i + 5});
  for (int w = 0; w < 3; ++w)
    for (const char* name : {"OW", "HW1", "HW2"})
      t.atoms.push_back(
          {name, "", "", "SOL", 9 + w, static_cast<std::int64_t>(t.atoms.size() + 1)});
  return t;
}

TEST(Selection, KeywordsRangesAndLogic) {
  const Topology t = nacl_water();
  EXPECT_EQ(t.select("name NA CL").size(), 8U);
  EXPECT_EQ(t.select("not resname SOL"), t.select("name NA CL"));
  EXPECT_EQ(t.select("resname SOL and name HW*").size(), 6U);
  EXPECT_EQ(t.select("index 0-2"), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(t.select("serial 1:2 or index 16"), (std::vector<std::size_t>{0, 1, 16}));
  EXPECT_EQ(t.select("(name NA or name CL) and not (resid 2 3)").size(), 6U);
  EXPECT_EQ(t.select("element Cl").size(), 4U);
  EXPECT_EQ(t.select("all").size(), t.size());
  EXPECT_TRUE(t.select("none").empty());
  EXPECT_TRUE(t.select("name XX").empty());
}

TEST(Selection, MalformedExpressionsNameTheProblem) {
  const Topology t = nacl_water();
  for (const char* bad :
       {"", "nme NA", "name", "name NA and", "(name NA", "index 3-1", "index x", "name NA )"}) {
    try {
      (void)t.select(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("selection"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace nucleate::io
