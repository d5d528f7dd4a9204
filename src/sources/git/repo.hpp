#pragma once
// Opening the repository a git command scans, and the facts about it the git sources need:
// where its objects live (own + alternates), whether it is shallow, which commits to walk from.
#include <optional>
#include <string>
#include <vector>

#include "sources/git/handle.hpp"

namespace nhiscan {

// Opens the repository at or above `path` (work tree, .git directory or bare repository).
// When `path` is "." and GIT_DIR is set (as inside git hooks), GIT_DIR wins, as it does for git.
// GIT_WORK_TREE, set with it, is then that repository's work tree (git passes both to hooks).
// Throws Error("'<path>' is not a git repository") otherwise.
GitRepo open_repository(const std::string& path);

// The directory at or above `start` holding a repository that another user owns (which libgit2,
// like git, refuses unless safe.directory lists it), else "". And the error to say so.
std::string foreign_repository(const std::string& start);
std::string foreign_owner_message(const std::string& repo);

// The directory holding .git (work tree) or the repository itself (bare).
std::string repository_root(git_repository* repo);

// libgit2 settings for reading many objects once: no SHA-1 re-verification of every object
// (libgit2 verifies by default, at a large cost per read), no object cache, and bounded
// pack mmap windows so resident memory stays flat however large the packs are. Process-wide.
void configure_bulk_reads();

// <objects> of the repository followed by its alternates (objects/info/alternates), recursively.
std::vector<std::string> object_directories(git_repository* repo);

// Commits whose parents were cut off by a shallow clone (<commondir>/shallow).
std::vector<git_oid> shallow_boundary(git_repository* repo);

// Resolves a revision (branch, tag, remote ref, sha, HEAD~2...) to a commit.
// Empty when it names nothing; throws Error when it names something that is not a commit.
std::optional<git_oid> resolve_commit(git_repository* repo, const std::string& rev);

// HEAD's commit, or empty when HEAD is unborn (no commits yet).
std::optional<git_oid> head_commit(git_repository* repo);

// The tree of a commit.
GitTree commit_tree(git_repository* repo, const git_oid& commit);

// Commits every ref reaches: branches, tags (peeled), remote-tracking refs, notes, HEAD, and
// every entry of the stash reflog (older stashes are not reachable from refs/stash alone).
// A ref whose object is missing is reported through diag::scan_error and left out.
std::vector<git_oid> all_ref_commits(git_repository* repo);

// Blobs git keeps though no commit holds them, so they are not unreachable: those a ref
// points at directly (a tag of a blob, as git.git's junio-gpg-pub) and those the index
// stages (about to be committed; `git gc` keeps them).
std::vector<git_oid> kept_blobs_outside_commits(git_repository* repo);

// A partial clone (`git clone --filter=...`): objects may be missing by design.
bool is_partial_clone(git_repository* repo);

// Paths of the submodules HEAD's tree declares (gitlinks), for "skipped" notices.
std::vector<std::string> submodule_paths(git_repository* repo);

}  // namespace nhiscan
