// "Did you mean ...?" for misspelt keys and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb {

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours each cost 1. Case-sensitive.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is near enough to be a likely typo: at most
// a third of the word's length away (and at least 1, 2 from 6 letters on). Ties go
// to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tb
