// Number parsing shared by the YAML reader and the command-line options.
#include <gtest/gtest.h>

#include "config/scalar_values.h"

namespace tb {
namespace {

TEST(ParseInt, AcceptsDecimal) {
  EXPECT_EQ(parse_int("1", Sign::kPositive).value, 1);
  EXPECT_EQ(parse_int("+42", Sign::kPositive).value, 42);
  EXPECT_EQ(parse_int("0", Sign::kNonNegative).value, 0);
  EXPECT_EQ(parse_int("2147483647", Sign::kPositive).value, 2147483647);
}

TEST(ParseInt, RejectsWithReason) {
  EXPECT_EQ(parse_int("abc", Sign::kPositive).error, "expected a positive integer, got 'abc'");
  EXPECT_EQ(parse_int("0", Sign::kPositive).error, "expected a positive integer, got '0'");
  EXPECT_EQ(parse_int("-1", Sign::kNonNegative).error, "expected a non-negative integer, got '-1'");
  EXPECT_EQ(parse_int("2147483648", Sign::kPositive).error,
            "expected a positive integer no larger than 2147483647, got '2147483648'");
  EXPECT_EQ(parse_int("-99999999999999999999", Sign::kPositive).error,
            "expected a positive integer, got '-99999999999999999999'");
}

TEST(ParseInt, RejectsOtherSpellings) {
  for (const char* text : {"", "+", "-", "1.0", "1e3", "0x10", "0o7", "1_000", " 1", "1 ", "++1", "+-1", "١"}) {
    const Parsed<int> parsed = parse_int(text, Sign::kPositive);
    EXPECT_FALSE(parsed.value.has_value()) << "'" << text << "'";
    EXPECT_FALSE(parsed.error.empty()) << "'" << text << "'";
  }
}

TEST(ParseSeed, FullUnsignedRange) {
  EXPECT_EQ(parse_seed("0").value, 0u);
  EXPECT_EQ(parse_seed("18446744073709551615").value, 18446744073709551615u);
  EXPECT_FALSE(parse_seed("18446744073709551616").value.has_value());
  EXPECT_FALSE(parse_seed("-1").value.has_value());
}

TEST(ParseReal, AcceptsDecimalAndExponent) {
  EXPECT_DOUBLE_EQ(*parse_real("0.5", Sign::kPositive).value, 0.5);
  EXPECT_DOUBLE_EQ(*parse_real(".5", Sign::kPositive).value, 0.5);
  EXPECT_DOUBLE_EQ(*parse_real("1e-4", Sign::kPositive).value, 1e-4);
  EXPECT_DOUBLE_EQ(*parse_real("+3", Sign::kPositive).value, 3.0);
  EXPECT_DOUBLE_EQ(*parse_real("0", Sign::kNonNegative).value, 0.0);
}

TEST(ParseReal, RejectsWithReason) {
  EXPECT_EQ(parse_real("0", Sign::kPositive).error, "expected a positive number, got '0'");
  EXPECT_EQ(parse_real("-0.1", Sign::kNonNegative).error, "expected a non-negative number, got '-0.1'");
  for (const char* text : {"", "abc", ".inf", "inf", "nan", ".nan", "0x1p3", "1e999", "1,5", "1.2.3"}) {
    EXPECT_FALSE(parse_real(text, Sign::kPositive).value.has_value()) << "'" << text << "'";
  }
}

TEST(SplitList, TrimsAndKeepsEmptyItems) {
  EXPECT_EQ(split_list("1,2, 4"), (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(split_list("scalar"), (std::vector<std::string>{"scalar"}));
  EXPECT_EQ(split_list("1,,2"), (std::vector<std::string>{"1", "", "2"}));
  EXPECT_EQ(split_list(""), (std::vector<std::string>{""}));
}

}  // namespace
}  // namespace tb
