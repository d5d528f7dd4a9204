#include "sources/git/changes.hpp"

#include <map>

#include <fmt/core.h>

#include "sources/git/handle.hpp"

namespace nhiscan {
namespace {

bool is_blob_mode(std::uint16_t mode) {
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE || mode == GIT_FILEMODE_LINK;
}

git_diff_options diff_options() {
    git_diff_options o = GIT_DIFF_OPTIONS_INIT;
    o.flags |= GIT_DIFF_SKIP_BINARY_CHECK;  // never load blob contents while diffing
    return o;
}

// Adds one diff's changes. `changed` counts, per new-side path, the parents it differs from.
void add_diff(git_diff* diff, std::map<std::string, std::pair<git_oid, std::size_t>>& changed, TreeChanges& out) {
    for (std::size_t i = 0, n = git_diff_num_deltas(diff); i < n; ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff, i);
        switch (d->status) {
            case GIT_DELTA_ADDED:
            case GIT_DELTA_MODIFIED:
            case GIT_DELTA_TYPECHANGE:
                if (is_blob_mode(d->new_file.mode)) {
                    auto& slot = changed[d->new_file.path];
                    slot.first = d->new_file.id;
                    ++slot.second;
                } else if (d->new_file.mode == GIT_FILEMODE_COMMIT) {
                    out.submodules.push_back(d->new_file.path);
                }
                if (d->status != GIT_DELTA_ADDED && is_blob_mode(d->old_file.mode)) out.old_blobs.push_back(d->old_file.id);
                break;
            case GIT_DELTA_DELETED:
                if (is_blob_mode(d->old_file.mode)) out.old_blobs.push_back(d->old_file.id);
                break;
            default: break;  // conflicted, unmodified, ...
        }
    }
}

void finish(std::map<std::string, std::pair<git_oid, std::size_t>>& changed, std::size_t parents, TreeChanges& out) {
    for (auto& [path, slot] : changed)
        if (slot.second >= parents) out.added.push_back({path, slot.first});
}

}  // namespace

TreeChanges commit_changes(git_repository* repo, const CommitNode& commit) {
    TreeChanges out;
    git_tree* raw = nullptr;
    git_check(git_tree_lookup(&raw, repo, &commit.tree), fmt::format("cannot read the tree of commit {}", oid_hex(commit.id)));
    GitTree tree(raw);
    auto opts = diff_options();
    std::map<std::string, std::pair<git_oid, std::size_t>> changed;
    std::vector<GitTree> parent_trees;
    for (const auto& p : commit.parent_ids) {
        git_commit* pc = nullptr;
        if (git_commit_lookup(&pc, repo, &p) != 0) {  // cut off by a shallow clone
            git_error_clear();
            continue;
        }
        GitCommit owned(pc);
        git_tree* pt = nullptr;
        git_check(git_commit_tree(&pt, pc), fmt::format("cannot read the tree of commit {}", oid_hex(p)));
        parent_trees.emplace_back(pt);
    }
    if (parent_trees.empty()) parent_trees.emplace_back(nullptr);  // root commit: diff against nothing
    for (const auto& pt : parent_trees) {
        git_diff* d = nullptr;
        git_check(git_diff_tree_to_tree(&d, repo, pt.get(), tree.get(), &opts),
                  fmt::format("cannot diff commit {}", oid_hex(commit.id)));
        GitDiff diff(d);
        add_diff(d, changed, out);
    }
    finish(changed, parent_trees.size(), out);
    return out;
}

TreeChanges index_changes(git_repository* repo, git_tree* head, git_index* index) {
    TreeChanges out;
    auto opts = diff_options();
    git_diff* d = nullptr;
    git_check(git_diff_tree_to_index(&d, repo, head, index, &opts), "cannot compare the index with HEAD");
    GitDiff diff(d);
    std::map<std::string, std::pair<git_oid, std::size_t>> changed;
    add_diff(d, changed, out);
    finish(changed, 1, out);
    return out;
}

}  // namespace nhiscan
