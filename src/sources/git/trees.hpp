#pragma once
// Raw tree objects, parsed in place: `<octal mode> <name>\0<20-byte id>` repeated. Walks over
// many trees read them through the odb and parse them here rather than through git_tree, which
// allocates every entry of every tree.
#include <cstdint>
#include <cstring>
#include <string_view>

#include <git2.h>

#include "sources/git/commits.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/oid.hpp"

namespace nhiscan {

enum class EntryKind { Blob, Tree, Submodule, Other };

inline EntryKind entry_kind(std::uint32_t mode) {
    switch (mode & 0170000) {
        case 0040000: return EntryKind::Tree;
        case 0100000:
        case 0120000: return EntryKind::Blob;  // files and symlinks
        case 0160000: return EntryKind::Submodule;
        default: return EntryKind::Other;
    }
}

struct TreeEntryRef {
    std::string_view name;
    std::uint32_t mode = 0;
    git_oid id{};
    EntryKind kind() const { return entry_kind(mode); }
};

// Calls fn(const TreeEntryRef&) for each entry. False when the data is not a valid tree.
template <typename Fn>
bool for_each_tree_entry(std::string_view data, Fn&& fn) {
    std::size_t pos = 0;
    while (pos < data.size()) {
        TreeEntryRef e;
        std::size_t sp = data.find(' ', pos);
        if (sp == std::string_view::npos || sp == pos) return false;
        for (std::size_t i = pos; i < sp; ++i) {
            if (data[i] < '0' || data[i] > '7') return false;
            e.mode = (e.mode << 3) | static_cast<std::uint32_t>(data[i] - '0');
        }
        std::size_t nul = data.find('\0', sp + 1);
        if (nul == std::string_view::npos || nul + 1 + GIT_OID_RAWSZ > data.size()) return false;
        e.name = data.substr(sp + 1, nul - sp - 1);
        std::memcpy(e.id.id, data.data() + nul + 1, GIT_OID_RAWSZ);
        pos = nul + 1 + GIT_OID_RAWSZ;
        fn(static_cast<const TreeEntryRef&>(e));
    }
    return true;
}

// Reads a tree object's raw bytes. Throws Error when it is missing, corrupt or not a tree.
GitOdbObject read_tree(git_odb* odb, const git_oid& tree);

// Parses a raw tree, throwing Error (naming the tree) when it is malformed.
template <typename Fn>
void parse_tree(const git_oid& id, git_odb_object* obj, Fn&& fn);

// Adds every blob under `tree` to `blobs`, skipping trees already in `seen` (and adding the
// ones it reads). `submodules` counts gitlinks met.
void collect_blobs(git_odb* odb, const git_oid& tree, OidSet& seen, OidSet& blobs, std::size_t& submodules);

// Every blob the commits' trees contain, each tree read once.
OidSet collect_blobs(git_odb* odb, const CommitGraph& graph, std::size_t& submodules);

// --- implementation of the template ---
void throw_bad_tree(const git_oid& id);

template <typename Fn>
void parse_tree(const git_oid& id, git_odb_object* obj, Fn&& fn) {
    std::string_view data(static_cast<const char*>(git_odb_object_data(obj)), git_odb_object_size(obj));
    if (!for_each_tree_entry(data, fn)) throw_bad_tree(id);
}

}  // namespace nhiscan
