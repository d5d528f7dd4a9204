#include "pipeline/scoped_blobs.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/parallel.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan {
namespace {

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

}  // namespace

std::vector<char> blobs_for_scoped_rules(const CompiledRules& rules, const std::vector<ObjectRef>& trees,
                                         const std::vector<ObjectRef>& blobs, const ReadOptions& ro) {
    if (!rules.scoped_database()) return std::vector<char>(blobs.size(), 0);
    const OidIndex blob_index(blobs, [](const ObjectRef& r) { return r.id; });
    const OidIndex tree_index(trees, [](const ObjectRef& r) { return r.id; });
    // Bit 1: some tree names the blob; bit 2: under a name a scoped glob may match.
    std::unique_ptr<std::atomic<unsigned char>[]> state(new std::atomic<unsigned char>[blobs.size()]());
    std::atomic<bool> unsure{false};
    ReadOptions opts = ro;
    opts.max_size = UINT64_MAX;
    opts.noun = "tree";
    opts.type = GIT_OBJECT_TREE;
    opts.paths = nullptr;
    opts.progress = nullptr;
    opts.quiet = true;  // the provenance pass reads the same trees and reports what it cannot
    opts.threads = ro.threads ? ro.threads : default_thread_count();
    std::vector<RecentIds> recent_blobs(opts.threads), recent_trees(opts.threads);
    std::vector<NameMemo> names(opts.threads);
    ScanStats stats;
    read_objects(trees, opts, [&](unsigned w, std::size_t, std::string_view data) {
        bool ok = for_each_tree_entry(data, [&](const TreeEntryRef& e) {
            if (e.kind() == EntryKind::Tree) {
                if (recent_trees[w].find(tree_index, e.id) == OidIndex::npos || names[w].may_match(rules, e.name, true))
                    unsure.store(true, std::memory_order_relaxed);
            } else if (e.kind() == EntryKind::Blob) {
                std::uint32_t k = recent_blobs[w].find(blob_index, e.id);
                if (k == OidIndex::npos) return;
                if (state[k].load(std::memory_order_relaxed) & 2) return;  // already under a scoped name
                unsigned char bits = names[w].may_match(rules, e.name, false) ? 3 : 1;
                state[k].fetch_or(bits, std::memory_order_relaxed);
            }
        });
        if (!ok) unsure.store(true, std::memory_order_relaxed);
    }, stats);
    if (stats.errors || stats.items != trees.size() || unsure.load()) return std::vector<char>(blobs.size(), 1);
    std::vector<char> out(blobs.size());
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        unsigned char s = state[i].load(std::memory_order_relaxed);
        out[i] = (s & 2) || !(s & 1);
    }
    return out;
}

}  // namespace nhiscan
