#pragma once
// The index `git commit` is about to write.
#include "sources/git_handle.hpp"

namespace nhiscan {

// $GIT_INDEX_FILE when set: `git commit -a` and `git commit <paths>` stage into a temporary
// index and point hooks at it. Otherwise the repository's own index. A relative
// GIT_INDEX_FILE is relative to the current directory, as for git.
// Throws Error for a bare repository (nothing is staged there) or an unreadable index.
GitIndex open_commit_index(git_repository* repo);

}  // namespace nhiscan
