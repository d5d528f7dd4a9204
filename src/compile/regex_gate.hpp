#pragma once
// A cheap necessary condition for an RE2 pattern: the same pattern with its long counted
// repetitions widened (`x{8,256}` to `x+`, `x{0,40}?` to `x*?`, `x{64}` to `x+`).
//
// RE2 expands a counted repetition into that many copies of its operand, and its DFA keeps a
// state per count reached, so the rules' patterns (values up to 256 characters, gaps of up to
// 40) compile to 4,000-11,000 instructions and build their DFA states slowly. On real code
// most windows searched around a Hyperscan candidate hold no match, and a scan spent a third of
// its time compiling such patterns and building their states for windows that did not match.
// Widening only enlarges the language (every operator RE2 has is monotone; assertions such as
// `\b` and `^` still apply where they are), so a window the gate does not match holds no match
// of the pattern, and the exact pattern is compiled and run only where the gate matches.
#include <string>
#include <string_view>

namespace nhiscan {

// Repetitions whose count (the upper bound, or the exact count) is at least this are widened.
inline constexpr unsigned kGateMinCount = 8;

// `pattern` with every counted repetition of count >= min_count widened to `*` (lower bound 0)
// or `+`; a `?` (lazy) after it is kept. Escapes, character classes and a `{` that does not
// start a repetition are copied as they are. Returns an empty string when nothing was widened
// (the gate would be the pattern itself).
std::string widen_repetitions(std::string_view pattern, unsigned min_count = kGateMinCount);

}  // namespace nhiscan
