#pragma once
// Which blobs of git history the path-scoped rules (`paths = [...]`) run on. A history blob
// gets its paths only when provenance places it, after the scan; but the trees name every
// blob, so a pass over the trees in pack order tells which blobs are listed under a file
// name that some scoped glob may match (CompiledRules::scoped_name_may_match). Only those are
// scanned with the scoped database; PathFilter then applies the exact globs per place.
//
// `nhiscan git` does not read the trees for this alone: provenance's first tree pass
// (PlacementSearch::index_trees) hands every entry to a ScopedMarks, and the few blobs it
// marks are scanned again with both databases afterwards.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "compile/compiled_rules.hpp"

namespace nhiscan {

class NameMemo;
class LastNames;

// What a tree pass learns for the path-scoped rules, fed entry by entry from the workers.
class ScopedMarks {
public:
    ScopedMarks(const CompiledRules& rules, std::size_t blobs, unsigned threads);
    ~ScopedMarks();
    ScopedMarks(const ScopedMarks&) = delete;
    ScopedMarks& operator=(const ScopedMarks&) = delete;

    // False when the pack has no scoped rule, or one whose glob may match any file name:
    // nothing to mark (then the scan runs the scoped rules on every blob, as with no marks).
    bool active() const { return active_; }

    // A tree names a subtree; `listed`: the subtree is in the pass's list.
    void subtree(unsigned worker, std::string_view name, bool listed);
    // Tree `tree` (a position in the pass's list) names blob `blob` (a position in the scanned
    // blobs) under `name`.
    void blob(unsigned worker, std::uint32_t tree, std::uint32_t blob, std::string_view name);
    // A tree could not be read: nothing can be ruled out.
    void unsure() { unsure_.store(true, std::memory_order_relaxed); }

    // Per blob: 1 when the path-scoped rules must run on it: some tree lists it under a name a
    // scoped glob may match, or no tree lists it (its path is unknown: reported at
    // `git-blob:<id>` with every rule). All 1 when a tree could not be read, a tree names a tree
    // the listing lacks, or a directory is named by a glob ending in `/**`.
    std::vector<char> result() const;

    // The trees (positions) that list one of `blobs` (positions), for provenance. False when
    // the pass cannot tell them all: some of these blobs is also listed under a name no scoped
    // glob matches (those entries are not kept), or the marks are unsure. Then the caller
    // must read the trees again.
    bool trees_listing(const std::vector<std::uint32_t>& blobs, std::vector<std::uint32_t>& trees) const;

private:
    enum Bit : unsigned char { Listed = 1, Scoped = 2, ListedPlain = 4 };
    const CompiledRules& rules_;
    bool active_;
    std::size_t n_;
    std::unique_ptr<std::atomic<unsigned char>[]> state_;
    std::atomic<bool> unsure_{false};
    std::vector<NameMemo> names_;  // per worker
    std::vector<LastNames> last_;  // per worker
    // Per worker: (tree, blob) of every entry under a scoped name. Few: such names are rare;
    // past kMaxEntries in all (32 MiB) they are no longer kept (overflow_).
    static constexpr std::size_t kMaxEntries = std::size_t(1) << 22;
    std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> entries_;
    std::atomic<bool> overflow_{false};
};

}  // namespace nhiscan
