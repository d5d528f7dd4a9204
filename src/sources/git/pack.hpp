#pragma once
// Reading a pack's table of contents without libgit2: object ids and offsets from the .idx
// (gitformat-pack, v1 and v2), types and sizes from the object headers in the .pack. Deltas are
// resolved to their base's type, and a blob delta's size is read from its delta header, so the
// scanner can order blobs by pack offset and skip large ones before reading any content.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

#include "sources/git/pack_format.hpp"  // PackIndex

namespace nhiscan {

struct PackObject {
    git_oid id{};
    std::uint32_t pack = 0;                  // caller's number for the pack
    std::uint64_t offset = 0;
    std::uint64_t size = 0;                  // inflated size; for a delta, of the object it rebuilds
    std::int8_t type = GIT_OBJECT_INVALID;   // git_object_t; INVALID when it could not be worked out here
    bool size_known = false;                 // always true for non-delta objects and blob deltas
};

// Reads `<name>.idx` and `<name>.pack` and appends the pack's objects to `out` in pack offset
// order. Throws Error (leaving `out` as it was) when either file is malformed or they disagree.
// With `offsets`, also gives every object's offset, ascending, then the end of the object data.
void read_pack(const std::string& idx_path, std::uint32_t pack, std::vector<PackObject>& out,
               std::vector<std::uint64_t>* offsets = nullptr);

}  // namespace nhiscan
