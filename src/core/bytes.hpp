#pragma once
// Scanned content is bytes: std::string_view with no assumption of UTF-8.
#include <cstddef>
#include <string_view>

namespace nhiscan {

using ByteView = std::string_view;

// Git's heuristic: a NUL byte in the first 8000 bytes means binary.
bool looks_binary(ByteView data);

// Shannon entropy in bits per byte.
double shannon_entropy(ByteView s);

}  // namespace nhiscan
