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

// One pack's .idx (v1 or v2), mapped rather than read, for finding a few objects by id in a
// big repository: the pre-commit path cannot afford to read a million-entry index whole.
class PackIndex {
public:
    explicit PackIndex(const std::string& idx_path);  // throws Error when malformed
    ~PackIndex();
    PackIndex(const PackIndex&) = delete;
    PackIndex& operator=(const PackIndex&) = delete;

    // The offset in the pack of the object `id`.
    std::optional<std::uint64_t> find(const git_oid& id) const;

private:
    const unsigned char* map_ = nullptr;
    std::size_t size_ = 0;
    bool v2_ = false;
    std::uint32_t count_ = 0;
};

}  // namespace nhiscan
