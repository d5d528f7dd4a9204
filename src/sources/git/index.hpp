#pragma once
// A direct reader for git's index file (gitformat-index: versions 2-4), for the pre-commit
// path: no checksum pass over the file, no per-entry allocation beyond the path, and the
// cache-tree extension (TREE), which records the tree id of every directory unchanged since
// the last write-tree. Directories whose cached tree equals HEAD's are skipped unread, so a
// one-file change costs the handful of trees on that file's path.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <git2.h>

namespace nhiscan {

struct IndexEntry {
    std::string path;
    git_oid id{};
    std::uint32_t mode = 0;
    std::uint8_t stage = 0;     // 0 normal; 1-3 merge conflict
    bool intent_to_add = false; // `git add -N`: nothing staged yet
    bool assume_valid = false;  // `git update-index --assume-unchanged`: the stat data is not kept up to date
    // The work-tree file's stat data when it was last staged (32-bit fields, as git stores them):
    // equal stat data means the file still holds this blob's content, as `git status` assumes.
    std::uint32_t mtime_s = 0, mtime_ns = 0, ino = 0, size = 0;
};

struct CacheTree {
    std::string name;            // path component ("" for the root)
    bool valid = false;          // entry_count >= 0: `id` is this directory's tree
    git_oid id{};
    std::vector<CacheTree> children;
    const CacheTree* child(std::string_view n) const;
};

struct IndexFile {
    std::vector<IndexEntry> entries;  // sorted by path, then stage
    std::optional<CacheTree> tree;    // the TREE extension, if present
    // The index file's own mtime: an entry modified in the same second or later is "racy"
    // (its file may have changed after it was staged without changing its stat data).
    std::int64_t mtime_s = 0, mtime_ns = 0;
};

// Reads an index file. Empty when the file uses something this reader does not handle (split
// index, sparse index, unknown version) or is malformed: callers then fall back to libgit2.
// A missing file is an empty index, as for git.
std::optional<IndexFile> read_index_file(const std::string& path);

}  // namespace nhiscan
