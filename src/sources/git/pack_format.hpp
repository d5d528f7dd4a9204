#pragma once
// The pack format in one place (gitformat-pack): object headers, delta varints, .idx (v1 and
// v2) and positioned reads. sources/git/pack.cpp (the listing) and sources/git/pack_reader.cpp (the bulk
// reads) both parse through here; they differ only in what they do with damage: the listing
// throws (the pack is unusable), the reader hands the object to libgit2 (which reports it).
#include <cstdint>
#include <optional>
#include <string>

#include <git2.h>

#include "core/file_io.hpp"

namespace nhiscan {

constexpr int kPackOfsDelta = 6;
constexpr int kPackRefDelta = 7;

inline std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
inline std::uint64_t be64(const unsigned char* p) { return (std::uint64_t(be32(p)) << 32) | be32(p + 4); }

// An object's header in a pack.
struct PackObjectHeader {
    int type = 0;                        // 1-4, kPackOfsDelta or kPackRefDelta
    std::uint64_t size = 0;              // inflated size (of the delta itself for a delta)
    std::size_t length = 0;              // header bytes: the deflated data starts here
    std::uint64_t base_back = 0;         // OFS_DELTA: how far back its base starts
    const unsigned char* ref_base = nullptr;  // REF_DELTA: the base's 20-byte id, inside `p`
};

enum class HeaderParse { Ok, Truncated, Malformed, UnknownType };

// Parses the header at p[0, n) of an object at pack offset `offset`.
HeaderParse parse_object_header(const unsigned char* p, std::size_t n, std::uint64_t offset, PackObjectHeader& h);

// A delta's size varint (base size, then result size) at p[pos, n); false when cut short.
bool delta_varint(const unsigned char* p, std::size_t n, std::size_t& pos, std::uint64_t& v);

// Reads up to `n` bytes at `off`, retrying short reads and EINTR. Returns the bytes read
// (fewer at the end of the file), or -1 with errno set.
long long pread_full(int fd, void* buf, std::size_t n, std::uint64_t off);

// One pack's .idx (v1 or v2), mapped rather than read: the pre-commit path cannot afford to
// read a million-entry index whole to find a few objects.
class PackIndex {
public:
    explicit PackIndex(const std::string& idx_path);  // throws Error when malformed
    PackIndex(const PackIndex&) = delete;
    PackIndex& operator=(const PackIndex&) = delete;

    std::uint32_t count() const { return count_; }
    // Entry i, in id order: its id, and its offset in the pack (nullopt: a damaged large offset).
    git_oid id(std::uint32_t i) const;
    std::optional<std::uint64_t> offset(std::uint32_t i) const;
    // The offset in the pack of the object `id`.
    std::optional<std::uint64_t> find(const git_oid& id) const;

private:
    const unsigned char* name(std::uint32_t i) const;
    Mapping map_;
    bool v2_ = false;
    std::uint32_t count_ = 0;
};

}  // namespace nhiscan
