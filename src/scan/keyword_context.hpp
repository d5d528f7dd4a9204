#pragma once
// Where a keyword rule's value stands relative to the rule's words: the name it is assigned to,
// a word in a placeholder's name, an enclosing object's key or a directive's block above it,
// and the confidence that proximity gives (docs/rules.md, "Confidence follows proximity").
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "rules/rule.hpp"

namespace nhiscan {

// The identifier a value at `value_start` is assigned to on its line, or "".
std::string_view assigned_name(ByteView data, std::size_t value_start, std::size_t line_start);

// Whether `name` holds one of the words (separators read as `_` or nothing).
bool names_a_word(std::string_view name, const std::vector<std::string>& words);

// A comment line: `#`, `//`, `--`, `;`, `/*`, `*`, `<!--`, `%`, `REM` first.
bool comment_line(std::string_view line);

// A line that opens a block for the line below it (`key: |`, `<<EOT`, `{`, `=` ...).
bool opens_block(std::string_view line);

// A keyword rule's confidence for a value at `value_start` whose match starts at `match_start`.
Confidence keyword_confidence(const RuleSpec& spec, ByteView data, std::size_t match_start, std::size_t value_start);

// The value at [start, end) as the default of a `${NAME:-value}` placeholder whose name holds a
// word; sets the match to the whole placeholder.
bool placeholder_default(const RuleSpec& spec, ByteView data, std::size_t start, std::size_t end,
                         std::size_t& match_start, std::size_t& match_end);

// Whether `name` holds one of the words at the start of one of its pieces.
bool name_holds_word(std::string_view name, const std::vector<std::string>& words);

// The value assigned to a credential name inside an object or array whose key names a word;
// sets `match_start` to that key.
bool enclosing_key_names_word(const RuleSpec& spec, ByteView data, std::size_t value_start, std::size_t& match_start);

// The value of a directive named for a credential, below a line of its block naming a word;
// sets `match_start` to the word's line.
bool directive_below_word(const RuleSpec& spec, ByteView data, std::size_t value_start, std::size_t value_end,
                          std::size_t& match_start);

// Whether the value at [value_start, value_end) is the only argument of a directive named for a
// credential, alone on its line (`password …`, `pre-shared-secret …`, a `;` may end it).
bool directive_value(ByteView data, std::size_t value_start, std::size_t value_end);

// What assigns the value at `start` to a name: its line's text before it, or from the line above
// when that text is an element's opening tag alone.
std::string_view assignment_lead(ByteView data, std::size_t start);

}  // namespace nhiscan
