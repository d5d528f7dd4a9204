#pragma once
// The index `git commit` is about to write, and what it changes relative to HEAD.
#include <optional>
#include <string>

#include "sources/git/changes.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan {

// Where the index `git commit` will write lives: $GIT_INDEX_FILE when set (`git commit -a`
// and `git commit <paths>` stage into a temporary index and point hooks at it), else the
// repository's own. A relative GIT_INDEX_FILE is relative to the current directory, as for
// git. Throws Error for a bare repository without GIT_INDEX_FILE (nothing is staged there).
std::string commit_index_path(git_repository* repo);

// The same index opened through libgit2.
GitIndex open_commit_index(git_repository* repo);

// What committing that index would change relative to HEAD (`head` empty: no commits yet).
// Reads the index file directly and skips every directory whose cached tree (the index's
// TREE extension) equals HEAD's; falls back to libgit2's diff for index formats it does
// not read. Conflicted and intent-to-add entries are left out: they are not committed.
TreeChanges staged_changes(git_repository* repo, const std::optional<git_oid>& head);

}  // namespace nhiscan
