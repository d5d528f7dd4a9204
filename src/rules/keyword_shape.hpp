#pragma once
// Keyword rules as data (docs/rules.md, "Keyword rules"): `words`, `charset` and `length`
// become one pattern, so hundreds of "fixed-shape value next to the provider's name" rules
// are a few lines each and are tuned here, in one place.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace nhiscan {

// The regex character class of a charset name (`hex`, `alnum`, `base64url`, ...) or of a
// written bracket class (`[A-Za-z0-9_-]`, returned as is); nullopt for an unknown name.
// `uuid` has no class: its value is the 8-4-4-4-12 hex layout.
std::optional<std::string> charset_class(std::string_view charset);

// The names charset_class() knows, for error messages and docs.
std::string_view charset_names();

// The entropy a value must reach when the rule sets none: 70% of what a random value of the
// shortest length over the charset carries (log2 of the smaller of length and alphabet).
double keyword_default_entropy(const KeywordShape& k);

// The default floor for a value of hex digits of one case, where the charset holds them and is
// larger than hex (keyword_default_entropy of the same length over 16 symbols); 0 otherwise.
double keyword_hex_entropy(const KeywordShape& k);

// The value part of a keyword rule's pattern: a character that cannot be part of the value,
// the value (one capturing group), and one that cannot continue it (or the end).
std::string build_keyword_value_pattern(const KeywordShape& k);

// What Hyperscan matches for a keyword rule: literals of its words, `(?i:l1|l2)`: a word
// without separators, or the two longest adjacent pieces of one in each spelling. A literal
// that begins its word must start an identifier piece there (keyword_piece_start); the
// scanner checks that, not Hyperscan.
struct KeywordLiteral {
    std::string text;          // lower case
    bool piece_start = false;  // begins its word: must start an identifier piece
    bool piece_end = false;    // ends its word: must end an identifier piece (keyword_piece_end)
};
std::vector<KeywordLiteral> keyword_literals(const KeywordShape& k);
std::string build_keyword_words_pattern(const KeywordShape& k);

// Whether a word starting at `at` starts an identifier piece: at the start, after a byte that
// is not a letter (`_ - . /`, a digit, a quote...), at a lower-to-upper camel transition, or
// after a one-letter option (`-Dsonar.login=`).
// `tmetric` in `parametric` and `etsy` in `getSystem` do not; `myEtsyKey` does.
bool keyword_piece_start(std::string_view data, std::size_t at);
// Whether a word ending at `at` ends an identifier piece: unless the letters that go on (in the
// case they start in) are an English ending that makes it another word: `cohere` in
// `coherence` and `COHERENCE_LIMIT` does not end one; in `cohereApiKey`, `coherekey`,
// `COHEREAPIKEY` and `openweathermap` it does.
bool keyword_piece_end(std::string_view data, std::size_t at);
// For a match of a keyword rule's pattern starting at `at` (the word, or the character before
// it): whether one of `words` spelled there ends a piece; true when none is spelled there.
bool keyword_word_ends_piece(const std::vector<std::string>& words, std::string_view data, std::size_t at);
// Bytes before a word's match end where the word (and the character before a short word) can
// start; bytes after it where the rule's match can end. Bound the RE2 search window.
std::size_t keyword_word_reach(const KeywordShape& k);
std::size_t keyword_value_reach(const KeywordShape& k);
// Bytes before a word where a value that the word follows on its line can start.
std::size_t keyword_reverse_reach(const KeywordShape& k);

// A value followed on its line by a word, within `distance` characters: `-H "X-Api-Key: V"
// https://api.weatherstack.com`, `https://user:V@api.weatherstack.com`, `SET value = 'V' WHERE
// name = 'weatherstack_key'`. Matched anchored at the value's start (one capturing group: the
// value); the scanner reports it at low confidence.
// Or the word one to kWordLinesBelow lines below the value's line, when the value is assigned to
// a credential name (assigned_to_credential_name, checked by the scanner).
inline constexpr std::size_t kWordLinesBelow = 4;
std::string build_keyword_reverse_pattern(const KeywordShape& k);

// Whether the text before a value on its line ends by assigning it to a credential name
// (`key`, `token`, `secret`, `passw`, `pwd`, `auth`, `bearer`, `credential`): `ApiKey = '`,
// `"api_key": "`, `Authorization: Bearer `.
bool assigned_to_credential_name(std::string_view before_value);
// Whether the text before a value on its line is a directive's name that names a credential,
// the value its only argument: indentation, the name (`Pass`, `auth_pass`, `password`) and
// blanks, nothing else (msmtp and mbsync accounts, keepalived's `auth_pass`, Cisco-like configs).
bool directive_names_credential(std::string_view before_value);
// Whether the text before a value on its line assigns it to a name that says what else it is:
// a digest (`"chksum_sha256": "`, `integrity=`, `etag:`) or, unless the rule's own words name an
// id, an identifier (`"id": "`, `organization_id: `, `serverId=`). A keyword rule's value
// there is not its credential: `linode` or `scaleway` on a line nearby does not make it one.
bool assigned_to_other_name(std::string_view before_value, bool words_name_an_id);
// Whether the text before a value on its line makes it a reference, not a literal: a commit in a
// URL or in `git log` (`/commit/`, `commit `), a member after `.` or `?.`, a path segment after
// `::` (not an AutoHotkey hotstring's, `::;acmekey::…`). A keyword rule's provider word nearby
// (`github.com/newrelic/…/commit/<sha>`) does not make a revision or a type name its key.
bool reference_before_value(std::string_view before_value);
// Whether the text after a value makes it the name of an optional property in a type
// (`'<40 hex>'?: string;`, as SDKs generated from an API declare its custom fields), not a value.
bool property_name_after_value(std::string_view after_value);
// Whether one of the words has a piece `id` or `uuid` (`reporter id`, `cc test reporter id`).
bool keyword_words_name_an_id(const KeywordShape& k);

// Whether a value stands alone as a test's data argument (the text before it on its line is at
// most an attribute or call opening and a quote: `[InlineData("`, `@ValueSource(strings = {"`,
// `("`) and the text after the word on a line below names a credential at once
// (`MailjetPrivateSecret_IsAccepted`, `Token_Valid`): a parameterized test of a provider's key.
bool test_argument_named_below(std::string_view before_value, std::string_view after_word);

// The pattern of a keyword rule: a provider word, then on the same line (or the line below a
// section or parent key that names it) at most `distance` characters, then the value as a
// whole run of the charset. One capturing group: the value. Throws Error on a bad shape.
std::string build_keyword_pattern(const KeywordShape& k);

// The alternatives of build_keyword_pattern() that need no line break between the word and the
// value, in the same order. Where no word of the rule is on a line before the value's, a match of
// the whole pattern starts on the value's line and is one of these: the scanner confirms it with
// this pattern, about a seventh of the whole one's instructions (7,600 of 51,000 for Airbrake's).
std::string build_keyword_line_pattern(const KeywordShape& k);

}  // namespace nhiscan
