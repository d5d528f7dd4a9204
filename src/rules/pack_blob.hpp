#pragma once
// The built-in pack as it is after parsing, in a compact binary form written at build time
// (builtin_db_gen) and linked into the binary. Parsing 1.5 MB of TOML was most of every run's
// start-up; reading this back is a few copies. Only nhiscan's own build writes and reads it,
// with the same code, so it carries a format version and no compatibility promise.
#include <string>
#include <string_view>

#include "rules/rule.hpp"

namespace nhiscan {

std::string serialize_pack(const RulePack& pack);
// The pack serialize_pack() wrote; throws Error when the bytes are not such a blob (truncated,
// another format version).
RulePack deserialize_pack(std::string_view blob);

}  // namespace nhiscan
