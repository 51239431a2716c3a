// The edit distance and the "did you mean" threshold.
#include <gtest/gtest.h>

#include "config/closest_match.h"

namespace tb {
namespace {

TEST(EditDistance, BasicOperations) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("warmup", "warmup"), 0u);
  EXPECT_EQ(edit_distance("warmup", "warmpu"), 1u);  // transposition
  EXPECT_EQ(edit_distance("seq_len", "seq_lens"), 1u);
  EXPECT_EQ(edit_distance("repetiton", "repetitions"), 2u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ClosestMatch, SuggestsNearKeys) {
  const std::vector<std::string> keys = {"warmup", "repetitions", "min_time", "time_limit", "tolerance"};
  EXPECT_EQ(closest_match("repetiton", keys), "repetitions");
  EXPECT_EQ(closest_match("warmpu", keys), "warmup");
  EXPECT_EQ(closest_match("min-time", keys), "min_time");
  EXPECT_EQ(closest_match("timelimit", keys), "time_limit");
}

TEST(ClosestMatch, RejectsDistantWords) {
  const std::vector<std::string> keys = {"models", "backends", "workload", "measurement"};
  EXPECT_FALSE(closest_match("colour", keys).has_value());
  EXPECT_FALSE(closest_match("x", keys).has_value());
  EXPECT_FALSE(closest_match("anything", {}).has_value());
}

TEST(ClosestMatch, ShortWordsAllowOneEdit) {
  EXPECT_EQ(closest_match("blsi", {"scalar", "blis"}), "blis");
  EXPECT_FALSE(closest_match("bl", {"scalar", "blis"}).has_value());
}

}  // namespace
}  // namespace tb
