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

// Inline compares: libgit2's git_oid_equal is an out-of-line call, and hash lookups make
// tens of millions of them in a provenance walk.
struct OidEq {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept {
        return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) == 0;
    }
};

struct OidLess {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept {
        return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) < 0;
    }
};

using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

inline bool oid_is_zero(const git_oid& o) { return git_oid_is_zero(&o); }

}  // namespace nhiscan
