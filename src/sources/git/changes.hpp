#pragma once
// What a commit (or the index) changes, as blob ids: the new side is what a range or staged
// scan reads; the old side is what it compares against, so a secret that only moved, or was
// already there, is not reported as new.
#include <string>
#include <vector>

#include <git2.h>

#include "sources/git/commits.hpp"

namespace nhiscan {

struct FileChange {
    std::string path;  // repository-relative, '/' separators
    git_oid blob{};
};

struct TreeChanges {
    // Paths whose blob differs from every parent's (for a merge: the merge's own changes,
    // not what one side brought in). For a root commit, every blob in its tree.
    std::vector<FileChange> added;
    // Blobs the change replaced or deleted, against any parent.
    std::vector<git_oid> old_blobs;
    std::vector<std::string> submodules;  // gitlinks added or moved (not scanned)
    // Staged only, when the index was read directly: the blobs of the paths the change leaves
    // as HEAD has them. With old_blobs, every blob of HEAD's tree, without reading its trees.
    std::vector<git_oid> unchanged;
    bool unchanged_known = false;
    // Staged only, of `unchanged`: the regular files whose work-tree copy the index's stat
    // data says still holds HEAD's blob (not racy, not assume-unchanged). Reading those from
    // the work tree is a plain read instead of an inflate (head_secrets.cpp).
    struct WorkFile {
        std::string path;
        git_oid blob{};
        std::uint32_t mtime_s = 0, mtime_ns = 0, ino = 0, size = 0;
    };
    std::vector<WorkFile> work_files;
};

// A commit's changes against the parents recorded in it (parents absent from a shallow
// clone count as an empty tree).
TreeChanges commit_changes(git_repository* repo, const CommitNode& commit);

// What committing `index` would change relative to HEAD (`head` null: no commits yet).
// Conflicted entries are left out: git refuses to commit them.
TreeChanges index_changes(git_repository* repo, git_tree* head, git_index* index);

}  // namespace nhiscan
