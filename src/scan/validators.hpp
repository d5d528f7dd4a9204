#pragma once
// Offline structure checks for token formats that carry one (no network).
#include <span>
#include <string>
#include <string_view>

namespace nhiscan {

// A token's offline checksum or structure verdict, as reports show it.
enum class Checksum : unsigned char { None, Valid, Invalid };
const char* to_string(Checksum c);  // "", "valid", "invalid"

struct Validation {
    bool checked = false;  // the validator ran
    bool valid = false;
    std::string note;      // e.g. "jwt expired 2021-03-01T00:00:00Z"; never contains the secret
};

using ValidatorFn = Validation (*)(std::string_view secret);
struct NamedValidator {
    std::string_view name;  // what a rule's `validator` field says
    ValidatorFn fn;
};

// The validators by name. The Scanner resolves each rule's name once, when it is built.
std::span<const NamedValidator> validator_table();
ValidatorFn find_validator(std::string_view name);  // nullptr when unknown

// Looks the name up on each call (tests, tools); an empty or unknown name returns checked = false.
Validation validate_secret(std::string_view name, std::string_view secret);

// Helpers exposed for tests and fixture generators.
std::string base62_crc32(std::string_view body);   // 6 chars, left-padded with '0'
std::string base64_decode(std::string_view in, bool url_safe);  // empty on malformed input

}  // namespace nhiscan
