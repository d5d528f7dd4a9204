#include "sources/git/range.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan {
namespace {

bool all_zeros(const std::string& s) {
    return s.size() >= 4 && std::all_of(s.begin(), s.end(), [](char c) { return c == '0'; });
}

// A full object id (40 hex digits), as CI systems pass them: one the repository lacks is a
// force-pushed-over or unfetched commit, not a typo.
bool full_object_id(const std::string& s) {
    return s.size() == GIT_OID_HEXSZ && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// True when `ref` is HEAD or one of its descendants (hiding it would hide HEAD too).
bool contains(git_repository* repo, const git_oid& ref, const git_oid& head) {
    if (git_oid_equal(&ref, &head)) return true;
    int rc = git_graph_descendant_of(repo, &ref, &head);
    if (rc < 0) {  // unreadable history (shallow): keep the ref visible rather than hide HEAD
        git_error_clear();
        return true;
    }
    return rc == 1;
}

std::vector<git_oid> other_refs(git_repository* repo, const git_oid& head) {
    std::vector<git_oid> out;
    git_reference_iterator* it_raw = nullptr;
    git_check(git_reference_iterator_glob_new(&it_raw, repo, "refs/*"), "cannot list references");
    GitRefIterator it(it_raw);
    git_reference* ref_raw = nullptr;
    int rc;
    while ((rc = git_reference_next(&ref_raw, it.get())) == 0) {
        GitReference ref(ref_raw);
        std::string_view name = git_reference_name(ref_raw);
        if (name.rfind("refs/heads/", 0) != 0 && name.rfind("refs/remotes/", 0) != 0 && name.rfind("refs/tags/", 0) != 0)
            continue;
        git_object* obj = nullptr;
        if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT) != 0) {
            git_error_clear();
            continue;
        }
        GitObject owned(obj);
        const git_oid* id = git_object_id(obj);
        if (!contains(repo, *id, head)) out.push_back(*id);
    }
    if (rc != GIT_ITEROVER) git_check(rc, "cannot list references");
    return out;
}

}  // namespace

RangeSpec resolve_range(git_repository* repo, const std::string& range) {
    auto dots = range.find("..");
    if (dots == std::string::npos || dots == 0)
        throw UsageError(fmt::format("--range '{}': expected BASE..HEAD", diag::printable(range)));
    std::string base = range.substr(0, dots);
    std::string head = range.substr(dots + (range.compare(dots, 3, "...") == 0 ? 3 : 2));
    if (head.empty()) head = "HEAD";

    RangeSpec spec;
    spec.base_text = base;
    spec.head_text = head;
    auto head_id = resolve_commit(repo, head);
    if (!head_id) throw Error(fmt::format("--range: '{}' is not a commit in this repository", diag::printable(head)));
    spec.head = *head_id;

    std::optional<git_oid> base_id;
    if (!all_zeros(base)) base_id = resolve_commit(repo, base);
    if (base_id) {
        spec.hide.push_back(*base_id);
        return spec;
    }
    // A name or abbreviated id that resolves to nothing is a mistake (a typo, a branch not
    // fetched): scanning something else instead would look like an answer.
    if (!all_zeros(base) && !full_object_id(base))
        throw Error(fmt::format("--range: '{}' is not a commit in this repository", diag::printable(base)));
    // In a shallow clone an unknown base is usually just not fetched: what lies between it and
    // HEAD cannot be told apart from older history, and old secrets would look new.
    if (!all_zeros(base) && git_repository_is_shallow(repo) == 1)
        throw Error(fmt::format("--range: base '{}' is not in this shallow clone: fetch the history the range needs "
                                "(git fetch --deepen=N or --unshallow; actions/checkout: fetch-depth: 0)",
                                diag::printable(base)));
    spec.fallback = true;
    spec.hide = other_refs(repo, spec.head);
    diag::notice(fmt::format("--range: base '{}' is {}; scanning the commits of '{}' that no other branch, tag or "
                             "remote-tracking ref contains{}",
                             diag::printable(base), all_zeros(base) ? "all zeros (a new branch)" : "not in this repository",
                             diag::printable(head), spec.hide.empty() ? " (none: its whole history)" : ""));
    return spec;
}

}  // namespace nhiscan
