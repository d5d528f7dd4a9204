#pragma once
// What a candidate value's own text says about it: a rule's word spelled again, a key masked by
// hand, an identifier of English words, a fingerprint nhiscan itself writes. Checked on a
// keyword rule's value before the filters (Scanner::keep).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"

namespace nhiscan {

// Whether a keyword value spells one of the rule's words as a name part.
bool value_spells_word(std::string_view value, const std::vector<std::string>& words);

// Whether the 64-hex value at [start, end) is a fingerprint field of nhiscan's own reports.
bool own_fingerprint_field(ByteView data, std::size_t start, std::size_t end);

// Whether the base64 value at [start, end) is the digest of a Subresource Integrity string
// (`sha512-<base64>`, as npm, Yarn and pnpm lockfiles and `<script integrity>` write them): a
// hash of a package, never a key, however its length matches one (a SHA-512 is 88 base64
// characters, an Azure storage account key's length).
bool integrity_digest(ByteView data, std::size_t start, std::size_t end);

// Hex digits of one case only (or digits alone).
bool one_case_hex(std::string_view s);

// Eight x's in a row, or six at the end: a value masked for a README.
bool masked_by_hand(std::string_view s);

// A capital then lower-case letters only (`Generate`).
bool capitalised_word(std::string_view s);

// A code identifier of English words run together (`FileTimeToSystemTime`).
bool identifier_of_words(std::string_view s);

}  // namespace nhiscan
