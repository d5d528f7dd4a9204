#include "sources/git/handle.hpp"

#include <fmt/core.h>

#include "core/error.hpp"

namespace nhiscan {

void git_check(int rc, std::string_view what) {
    if (rc >= 0) return;
    const git_error* e = git_error_last();
    throw Error(fmt::format("{}: {}", what, e && e->message ? e->message : "libgit2 error"));
}

GitLibrary::GitLibrary() { git_libgit2_init(); }
GitLibrary::~GitLibrary() { git_libgit2_shutdown(); }

std::string oid_hex(const git_oid& oid) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &oid);
    return buf;
}

}  // namespace nhiscan
