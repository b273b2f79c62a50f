// Whole-number options are checked on their text: CLI11 2.1 wraps a number
// past the type's range ("--lag 99999999999999999999" became a small lag)
// and "-1" into a huge count (issue 14, case 4).

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "cli/commands.h"

namespace nucleate::cli {
namespace {

std::string why(const CLI::Validator& check, std::string text) {
  return check(text);
}

TEST(WholeNumberCheck, CountsTakeDigitsWithinTheirRange) {
  const CLI::Validator count = whole_number_check<std::size_t>();
  EXPECT_EQ(why(count, "0"), "");
  EXPECT_EQ(why(count, "18446744073709551615"), "");
  EXPECT_EQ(why(count, "18446744073709551616"),
            "'18446744073709551616' is too large (at most 18446744073709551615)");
  EXPECT_EQ(why(count, "99999999999999999999"),
            "'99999999999999999999' is too large (at most 18446744073709551615)");
  EXPECT_EQ(why(count, "-1"), "'-1' is not a whole number >= 0");
  EXPECT_EQ(why(count, "1.5"), "'1.5' is not a whole number >= 0");
  EXPECT_EQ(why(count, "1e3"), "'1e3' is not a whole number >= 0");
  EXPECT_EQ(why(count, ""), "'' is not a whole number >= 0");
}

TEST(WholeNumberCheck, SignedTypesTakeTheirWholeRange) {
  const CLI::Validator small = whole_number_check<std::int32_t>();
  EXPECT_EQ(why(small, "-2147483648"), "");
  EXPECT_EQ(why(small, "2147483647"), "");
  EXPECT_EQ(why(small, "+7"), "");
  EXPECT_EQ(why(small, "2147483648"), "'2147483648' is out of range [-2147483648, 2147483647]");
  EXPECT_EQ(why(small, "-2147483649"), "'-2147483649' is out of range [-2147483648, 2147483647]");
  EXPECT_EQ(why(small, "x"), "'x' is not a whole number");
}

}  // namespace
}  // namespace nucleate::cli
