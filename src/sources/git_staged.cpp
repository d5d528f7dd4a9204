#include "sources/git_staged.hpp"

#include <cstdlib>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"

namespace nhiscan {

GitIndex open_commit_index(git_repository* repo) {
    git_index* raw = nullptr;
    if (const char* env = std::getenv("GIT_INDEX_FILE"); env && *env) {
        git_check(git_index_open(&raw, env), fmt::format("cannot read the index '{}' (GIT_INDEX_FILE)", diag::printable(env)));
        return GitIndex(raw);
    }
    if (git_repository_is_bare(repo)) throw Error("a bare repository has no index: nothing is staged");
    git_check(git_repository_index(&raw, repo), "cannot read the index");
    return GitIndex(raw);
}

}  // namespace nhiscan
