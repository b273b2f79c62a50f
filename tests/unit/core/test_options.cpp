// Lists of counts as command lines and pipeline files write them
// (core/options.h).

#include <gtest/gtest.h>

#include <vector>

#include "core/error.h"
#include "core/options.h"

namespace nucleate {
namespace {

TEST(CountList, SinglesAndRanges) {
  EXPECT_EQ(parse_count_list("1,2,5-7", "--lags"), (std::vector<std::size_t>{1, 2, 5, 6, 7}));
  EXPECT_EQ(parse_count_list("3", "--lags"), (std::vector<std::size_t>{3}));
  for (const char* bad : {"", "1,", "a", "5-3", "1-", "-1", "1.5", "99999999999999999999"}) {
    EXPECT_THROW((void)parse_count_list(bad, "--lags"), UsageError) << bad;
  }
}

// A range is expanded: "1-99999999999" filled memory before anything could
// refuse it (issue 14, case 4).
TEST(CountList, RefusesListsLongerThanTheLimit) {
  EXPECT_EQ(parse_count_list("1-100000", "--lags").size(), kMaxCountListLength);
  try {
    (void)parse_count_list("1-99999999999", "--lags");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), "--lags '1-99999999999': more than 100000 values");
  }
  EXPECT_THROW((void)parse_count_list("1-50000,1-50001", "--lags"), UsageError);
}

}  // namespace
}  // namespace nucleate
