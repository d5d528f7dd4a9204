#pragma once
#include <string>
#include <string_view>

namespace nhiscan {

std::string sha256_hex(std::string_view data);
// The id git gives these bytes as a blob: sha1("blob <size>\0" + data), hex.
std::string git_blob_id(std::string_view data);
// CRC32 (IEEE), as used by GitHub and npm token checksums.
unsigned long crc32_of(std::string_view data);

}  // namespace nhiscan
