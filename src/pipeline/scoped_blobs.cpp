#include "pipeline/scoped_blobs.hpp"

#include <cstring>
#include <string>
#include <unordered_map>

#include "sources/git/oid.hpp"

namespace nhiscan {

// scoped_name_may_match per name seen, per worker: the tree pass meets the same few thousand
// names in every version of every tree (tens of millions of entries on a git/git-sized
// history), and an RE2 match per entry was most of the pass's cost.
class NameMemo {
public:
    bool may_match(const CompiledRules& rules, std::string_view name, bool dir) {
        auto& memo = dir ? dirs_ : files_;
        if (auto it = memo.find(name); it != memo.end()) return it->second;
        bool may = rules.scoped_name_may_match(name, dir);
        if (memo.size() < kMaxNames) memo.emplace(std::string(name), may);
        return may;
    }

private:
    static constexpr std::size_t kMaxNames = 1 << 16;  // bounds memory on a history of unique names
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, bool, Hash, std::equal_to<>> files_, dirs_;
};

// The last name each blob was seen under, per worker (direct-mapped by blob position): the
// versions of a directory follow each other in pack order and list mostly the same blobs under
// the same names, so most entries are answered by comparing a few bytes, without hashing the
// name. Names too long to keep inline go to the NameMemo.
class LastNames {
public:
    // The verdict for blob `k` under `name`, if known.
    const bool* find(std::uint32_t k, std::string_view name) const {
        const Slot& s = slots_[k & (kSlots - 1)];
        if (s.blob != k || s.size != name.size() || name.size() > kName) return nullptr;
        return std::memcmp(s.name, name.data(), name.size()) == 0 ? &s.scoped : nullptr;
    }
    void keep(std::uint32_t k, std::string_view name, bool scoped) {
        if (name.size() > kName) return;
        Slot& s = slots_[k & (kSlots - 1)];
        s.blob = k;
        s.size = static_cast<std::uint8_t>(name.size());
        std::memcpy(s.name, name.data(), name.size());
        s.scoped = scoped;
    }

private:
    static constexpr std::size_t kSlots = 1 << 15;  // 1 MiB per worker: a batch's directories
    static constexpr std::size_t kName = 26;
    struct Slot {
        std::uint32_t blob = UINT32_MAX;
        std::uint8_t size = 0;
        bool scoped = false;
        char name[kName];
    };
    std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

ScopedMarks::ScopedMarks(const CompiledRules& rules, std::size_t blobs, unsigned threads)
    : rules_(rules),
      active_(rules.has_scoped() && !rules.scoped_any_name()),
      n_(blobs),
      state_(new std::atomic<unsigned char>[active_ ? blobs : 0]()),
      names_(active_ ? threads : 0),
      last_(active_ ? threads : 0),
      entries_(active_ ? threads : 0) {}

ScopedMarks::~ScopedMarks() = default;

void ScopedMarks::subtree(unsigned w, std::string_view name, bool listed) {
    if (!listed || names_[w].may_match(rules_, name, true)) unsure();
}

void ScopedMarks::blob(unsigned w, std::uint32_t tree, std::uint32_t k, std::string_view name) {
    bool scoped;
    if (const bool* known = last_[w].find(k, name)) {
        scoped = *known;
    } else {
        scoped = names_[w].may_match(rules_, name, false);
        last_[w].keep(k, name, scoped);
    }
    if (scoped && !overflow_.load(std::memory_order_relaxed)) {
        if (entries_[w].size() < kMaxEntries / entries_.size()) {
            entries_[w].emplace_back(tree, k);
        } else {  // scoped names are everywhere here: find their trees by reading them again
            overflow_.store(true, std::memory_order_relaxed);
        }
    }
    const unsigned char bits = scoped ? Listed | Scoped : Listed | ListedPlain;
    // Most entries find the bits set already: read before writing, so the workers do not
    // take turns owning the cache line.
    if ((state_[k].load(std::memory_order_relaxed) & bits) != bits) state_[k].fetch_or(bits, std::memory_order_relaxed);
}

std::vector<char> ScopedMarks::result() const {
    if (!active_) return std::vector<char>(n_, 0);
    if (unsure_.load()) return std::vector<char>(n_, 1);
    std::vector<char> out(n_);
    for (std::size_t i = 0; i < n_; ++i) {
        unsigned char s = state_[i].load(std::memory_order_relaxed);
        out[i] = (s & Scoped) || !(s & Listed);
    }
    return out;
}

bool ScopedMarks::trees_listing(const std::vector<std::uint32_t>& blobs, std::vector<std::uint32_t>& trees) const {
    if (unsure_.load() || overflow_.load()) return false;
    std::vector<char> wanted(n_, 0);
    for (auto k : blobs) {
        if (state_[k].load(std::memory_order_relaxed) & ListedPlain) return false;
        wanted[k] = 1;
    }
    for (const auto& list : entries_)
        for (const auto& [tree, k] : list)
            if (wanted[k]) trees.push_back(tree);
    return true;
}

}  // namespace nhiscan
