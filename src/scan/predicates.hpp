#pragma once
// Built-in secret predicates that filters name in `checks` (see docs/rules.md). Each returns
// true when the value looks like NOT a secret and should be dropped.
#include <span>
#include <string_view>

namespace nhiscan::predicates {

bool repeated(std::string_view s);      // one byte >= 60% of the value, or a short unit repeated
bool sequential(std::string_view s);    // ascending/descending runs (abcd, 4321) cover >= 50%
bool single_class(std::string_view s);  // only digits, or only lower, or only upper letters
// Letters of one case only, and at least 30% vowels (a e i o u y): a word (`development`,
// `production`), not random letters, which hold about 23% vowels. For keyword rules whose
// charset is one case: a random 11-character key of a-z0-9 has no digit 3% of the time, and
// single-class would drop it.
bool word_like(std::string_view s);
bool hex_hash(std::string_view s);      // exactly 32/40/64/128 hex digits
bool uuid(std::string_view s);          // 8-4-4-4-12 hex
// Typed by running fingers over the keyboard: >= 6 letters of which >= 80% are lower-case
// home-row letters (asdfghjkl), five of them different, or a walk of 5+ neighbouring keys
// along one row (qwert, lkjhg).
bool keyboard_mash(std::string_view s);
// A JWT whose HS256/HS384/HS512 signature verifies with a publicly documented placeholder
// key (jwt.io's "your-256-bit-secret" and "a-string-secret-at-least-256-bits-long", "secret",
// "your-secret-key", "shhhhh" ...): a documentation or demo token. Anyone can forge tokens for
// such a key, so the token itself grants nothing the key does not.
bool jwt_placeholder_key(std::string_view s);
// A JWT whose header says `"alg": "none"`: unsigned, so anyone can write one (a signature
// segment on it is decoration). Such tokens appear in documentation and attack write-ups; they
// carry no secret.
bool jwt_unsigned(std::string_view s);
// Less Shannon entropy than a random value of its length and alphabet would have: below
// min(3.5, E - 0.5) bits, E being the expected entropy of n characters drawn uniformly from
// the classes the value uses (digits 10, lower 26, upper 26, other 32), about
// log2(n) - (n-1) / (2 A ln 2). A flat 3.5-bit floor rejects most random 12-character values
// (one repeated character is enough); this one keeps 99% of them and still drops `aaaa1111`
// and `aabbccdd1122`. Values under 12 characters keep the flat 3.5 bits (which none reaches):
// short hand-typed documentation values are the false positives there.
bool low_entropy_for_length(std::string_view s);
// Letters (and `_`) that split into camelCase/snake_case words of three letters or more on
// average: type names and identifiers (Incomplete, HTTPPasswordMgr, AWSAccessKeyId,
// IAmSensitive). Random letters change case every other character or so (AAtGuvgblWMJdeE
// splits into A|At|Guvgbl|WM|Jde|E), so a random value that happens to hold no digit (1.6% of
// 22-character Travis tokens) is kept.
bool identifier_words(std::string_view s);
// Half or more of the value is filler typed to fit a format: runs of 5+ consecutive letters or
// digits (0123456789, abcdefgh, 98765), one unit repeated over 8+ characters (000000000000,
// XXXXXXXX, a1b2c3d4e5f6a1b2c3d4e5f6) or two interleaved runs of 4 (a1b2c3d4), with or without
// its separators (12345678-9012-3456-7890-123456789012).
// `aio_0123456789abcdef…`, `AKIAABCDEFGHIJKLMNOP`, `sk_test_a1b2c3d4e5f6a1b2…` in docs,
// .env.example files and tests. Random values: about 1 in 2,000 of 8-10 random digits, 1 in
// 20,000 of 8 hex digits, none of 20,000 at 12+ characters of any alphabet.
bool placeholder_body(std::string_view s);
// Base64 of a phrase: the value decodes to printable text of three or more words with blanks
// between them (`dGhpcyBpcyBhIGZha2UgYmVhcmVyIHRva2VuIQ==`, "this is a fake bearer token!", in
// Docker's registry API docs). A token, key or `user:password` pair does not.
bool base64_phrase(std::string_view s);
// Not the base64 of a `user:password` pair: the value does not decode (standard alphabet) to
// text without control characters that holds a `:` with something on either side, or a user of
// 16 or more characters before it (an API key sent as the user, as Stripe takes it). What a Basic
// credential must be (RFC 7617); a word after `Basic ` (`Basic Multilingual`) decodes to bytes.
bool not_user_password(std::string_view s);
// Base64 of an example `user:password` pair: the password repeats the user (`max:max`) or is a
// stand-in word (`login:pass`, `admin:pwd`), as in Basic headers of HTTP libraries' docs.
bool base64_example_pair(std::string_view s);

using Fn = bool (*)(std::string_view s);
struct Named {
    std::string_view name;  // what a filter's `checks` says
    Fn fn;
};

// The predicates by name. The Scanner resolves each filter's names once, when it is built;
// unknown names are rejected earlier, at load time (rules/pack.cpp).
std::span<const Named> table();
Fn find(std::string_view name);  // nullptr when unknown

// Looks the name up on each call (tests, tools); false for an unknown name.
bool check(std::string_view name, std::string_view s);

}  // namespace nhiscan::predicates
