#pragma once
// Path globs for allowlists: `*` and `?` stay within one path segment, `**` spans segments,
// `[...]` is a character class. A pattern without `/` matches the basename anywhere.
#include <string_view>

namespace nhiscan {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace nhiscan
