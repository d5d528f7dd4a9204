#pragma once
// `--range BASE..HEAD`: the commits reachable from HEAD and not from BASE.
#include <string>
#include <vector>

#include <git2.h>

namespace nhiscan {

struct RangeSpec {
    git_oid head{};
    std::vector<git_oid> hide;  // commits whose ancestry is left out
    bool fallback = false;      // BASE was zero or unknown
    std::string base_text;      // BASE as written
    std::string head_text;      // HEAD as written ("HEAD" when omitted)
};

// Parses "BASE..HEAD" (also "BASE...HEAD" and "BASE..", meaning HEAD). A BASE of all zeros
// (what CI gets for a newly pushed branch) or a full 40-digit id the repository does not have
// (a force-push) falls back to: the commits reachable from HEAD and from no branch,
// tag or remote-tracking ref that does not itself contain HEAD, i.e. what is new on
// this branch; with no other refs, all of HEAD's history.
// Throws UsageError for a malformed range; Error when HEAD is unknown, when BASE is a name or
// short id that resolves to nothing (a typo), or when BASE is missing from a shallow clone.
RangeSpec resolve_range(git_repository* repo, const std::string& range);

}  // namespace nhiscan
