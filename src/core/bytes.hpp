#pragma once
// Scanned content is bytes: std::string_view with no assumption of UTF-8.
#include <cstddef>
#include <string_view>

namespace nhiscan {

using ByteView = std::string_view;

// Git's heuristic: a NUL byte in the first 8000 bytes means binary.
bool looks_binary(ByteView data);

// How many bytes of `data` are `c`: 16 at a time (std::count is a byte loop at -O2, and the
// chunk loop counts every file's newlines).
std::size_t count_byte(ByteView data, char c);

// Shannon entropy in bits per byte.
double shannon_entropy(ByteView s);

// The start of the line holding `pos` (just after the '\n' before it, or 0) and its end (the
// '\n' ending it, or the size of `data`).
std::size_t line_begin(ByteView data, std::size_t pos);
std::size_t line_end(ByteView data, std::size_t pos);

// Whether `hay` holds `lower_needle` (lower case) in any case; false for an empty needle.
bool icontains(std::string_view hay, std::string_view lower_needle);

}  // namespace nhiscan
