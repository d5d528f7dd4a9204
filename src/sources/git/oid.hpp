#pragma once
// git_oid as a value type: hashing and ordering for the containers the git sources use.
#include <cstdint>
#include <cstring>
#include <functional>
#include <unordered_set>
#include <vector>

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
        std::uint64_t a0, a1, b0, b1;  // fixed-size loads; memcmp(…, 20) stays a libc call
        std::uint32_t a2, b2;
        std::memcpy(&a0, a.id, 8), std::memcpy(&a1, a.id + 8, 8), std::memcpy(&a2, a.id + 16, 4);
        std::memcpy(&b0, b.id, 8), std::memcpy(&b1, b.id + 8, 8), std::memcpy(&b2, b.id + 16, 4);
        return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2)) == 0;
    }
};

struct OidLess {
    bool operator()(const git_oid& a, const git_oid& b) const noexcept {
        return std::memcmp(a.id, b.id, GIT_OID_RAWSZ) < 0;
    }
};

using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

// Read-only index from object id to position in a vector of ids (or of structs holding one),
// by open addressing: no allocation per entry and about one cache miss per lookup, for
// tables of a million trees. Safe to query from several threads once built.
class OidIndex {
public:
    static constexpr std::uint32_t npos = UINT32_MAX;

    template <typename T, typename IdOf>
    OidIndex(const std::vector<T>& items, IdOf id_of) {
        std::size_t cap = 16;
        while (cap < items.size() * 2) cap <<= 1;
        slots_.assign(cap, npos);
        ids_.reserve(items.size());
        for (const auto& item : items) ids_.push_back(id_of(item));
        for (std::uint32_t i = 0; i < ids_.size(); ++i) {
            std::size_t s = OidHash{}(ids_[i]) & (cap - 1);
            while (slots_[s] != npos) s = (s + 1) & (cap - 1);
            slots_[s] = i;
        }
    }
    const git_oid& id(std::uint32_t position) const { return ids_[position]; }
    std::uint32_t find(const git_oid& id) const {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = OidHash{}(id) & mask;; s = (s + 1) & mask) {
            std::uint32_t i = slots_[s];
            if (i == npos || OidEq{}(ids_[i], id)) return i;
        }
    }

private:
    std::vector<git_oid> ids_;
    std::vector<std::uint32_t> slots_;
};

// Recently looked-up ids, per worker: consecutive trees in a pack are mostly versions of the
// same directory naming the same objects, so most lookups in the million-entry indexes (a
// cache miss each) end here. Keyed by the id's first 8 bytes: a false hit needs two ids
// sharing 64 bits.
struct RecentIds {
    static constexpr std::size_t kSlots = 4096;
    std::vector<std::uint64_t> keys = std::vector<std::uint64_t>(kSlots, 0);
    std::vector<std::uint32_t> values = std::vector<std::uint32_t>(kSlots, 0);
    static std::uint64_t key(const git_oid& id) { return OidHash{}(id); }
    static std::size_t slot(std::uint64_t k) { return (k >> 20) & (kSlots - 1); }
    // The position `index` gives `id`, remembered when found.
    std::uint32_t find(const OidIndex& index, const git_oid& id) {
        const std::uint64_t k = key(id);
        const std::size_t s = slot(k);
        if (keys[s] == k && k) return values[s];
        std::uint32_t v = index.find(id);
        if (v != OidIndex::npos) keys[s] = k, values[s] = v;
        return v;
    }
};

inline bool oid_is_zero(const git_oid& o) { return git_oid_is_zero(&o); }

}  // namespace nhiscan
