#pragma once
// "Did you mean": the closest known name to a mistyped subcommand or option.
#include <span>
#include <string>
#include <string_view>

namespace nhiscan::cli {

// Optimal string alignment distance (insertions, deletions, substitutions, transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `typed` when it is close enough to be a typo (distance <= 2, and
// less than half of the typed length); "" otherwise.
std::string closest(std::string_view typed, std::span<const std::string> candidates);

}  // namespace nhiscan::cli
