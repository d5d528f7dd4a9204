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

}  // namespace nhiscan
