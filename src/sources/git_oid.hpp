#pragma once
// git_oid as a value type: hashing and ordering for the containers the git sources use.
#include <cstring>
#include <functional>
#include <unordered_set>

#include <git2.h>

namespace nhiscan {

struct OidHash {
    std::size_t operator()(const git_oid& o) const noexcept {
        std::size_t h;  // object ids are uniformly distributed: any 8 bytes make a good hash
        std::memcpy(&h, o.id, sizeof h);
        return h;
    }
};

struct OidEq {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept { return git_oid_equal(&a, &b); }
};

struct OidLess {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept { return git_oid_cmp(&a, &b) < 0; }
};

using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

inline bool oid_is_zero(const git_oid& o) { return git_oid_is_zero(&o); }

}  // namespace nhiscan
