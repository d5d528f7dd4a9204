#pragma once
// Where the blobs with findings live in history. Commits are searched in the graph's order
// (oldest first); each tree is read at most once per path.
//
// A tree that holds targets becomes a node: the target files it lists and the nodes of its
// subdirectories, all named by interned full paths. Nodes are interned by content, so the
// thousands of commits that share a directory's state share its node, and a commit costs
// one id however many targets it holds. Counting is then a pass over the node DAG rather
// than over (commit, path) pairs: a secret kept through 60k commits is one node with a
// count of 60k, not 60k records.
//
// Reading trees in commit order is slow (it jumps around the pack; docs/benchmarks.md), so prepare() first reads every tree once on the worker threads in pack order,
// keeping only which subtrees each has, and works out which trees hold a target anywhere
// below. The walk then reads just those: the few trees on the way to a target. The same
// pass checks that every object a tree names is in the repository.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "findings/finding.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/progress.hpp"
#include "sources/git/commits.hpp"
#include "sources/git/oid.hpp"

namespace nhiscan {

// A target blob at one path: the first commit (position in the scan's commit order) whose
// tree holds it there, and how many commits do.
struct PlacedBlob {
    std::uint32_t path = 0;  // index into PlacementSearch::paths()
    std::uint32_t first = 0;
    std::uint64_t commits = 0;
};

// Objects that trees name but the repository does not have.
struct MissingObject {
    git_oid id{};
    git_oid tree{};  // a tree that names it
    bool is_tree = false;
};

class ScopedMarks;

class PlacementSearch {
public:
    PlacementSearch(git_odb* odb, OidSet targets);
    ~PlacementSearch();

    // Learns which of `trees` (every tree in the odb, in read order) hold a target below.
    // Trees it could not read, or that are not listed, are read by the walk as before.
    // With `blobs` (every blob in the odb), also returns the blobs and trees that some tree
    // names but the odb lacks (each once).
    std::vector<MissingObject> prepare(const std::vector<ObjectRef>& trees, const ReadOptions& ro,
                                       const std::vector<ObjectRef>* blobs = nullptr);

    // prepare() in steps, for a caller that learns more targets from the tree pass itself:
    // index_trees() reads every tree once (pass 1), handing each entry to `scoped` too (its blob
    // positions are in `blobs`, the scanned blobs); add_targets() then adds blobs found since;
    // finish_index() does the rest. `check_connectivity`: `blobs` is every blob in the odb, and
    // finish_index() returns what trees name but the odb lacks.
    void index_trees(const std::vector<ObjectRef>& trees, const ReadOptions& ro, const std::vector<ObjectRef>* blobs,
                     bool check_connectivity, ScopedMarks* scoped = nullptr);
    // `listed_by`: the trees (positions) that list any of `more`; null: not known, so every
    // tree is read again to find them.
    void add_targets(const std::vector<git_oid>& more, const std::vector<std::uint32_t>* listed_by);
    std::vector<MissingObject> finish_index();

    // Searches the graph's commits; their positions are `first + index in graph`, and each
    // call continues where the previous one ended (`first` is the number searched so far).
    void search(const CommitGraph& graph, std::uint32_t first, Progress* progress);

    const std::vector<std::string>& paths() const { return paths_; }
    // Where a target blob sits: one entry per path, ordered by first commit.
    std::vector<PlacedBlob> placements(const git_oid& blob);
    // Every (commit, path, blob) of the targets, in commit order (--all-occurrences).
    void for_each_placement(const std::function<void(std::uint32_t commit, std::uint32_t path, const git_oid& blob)>& fn) const;
    // The target blobs in the tree of commit `position` (after search()).
    std::vector<git_oid> blobs_at(std::uint32_t position) const;
    // The same as (path, blob) pairs: where in that tree each target sits.
    std::vector<std::pair<std::uint32_t, git_oid>> files_at(std::uint32_t position) const;
    std::size_t trees_read() const { return trees_read_; }

private:
    struct Node {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> dirs;  // (path, node) of subdirectories
        std::vector<std::pair<std::uint32_t, git_oid>> files;       // (path, blob) of targets
    };
    struct MemoKey {
        git_oid tree;
        std::uint32_t path;
        bool operator==(const MemoKey& o) const { return path == o.path && OidEq{}(tree, o.tree); }
    };
    struct MemoHash {
        std::size_t operator()(const MemoKey& k) const noexcept { return OidHash{}(k.tree) ^ (std::size_t(k.path) * 0x9E3779B97F4A7C15ull); }
    };

    // prepare()'s passes.
    struct TreeGraph;
    void read_tree_graph(const std::vector<ObjectRef>& trees, const std::vector<ObjectRef>* blobs,
                         bool check_connectivity, ScopedMarks* scoped);
    void mark_listing(const std::vector<ObjectRef>& trees, const OidSet& blobs);
    std::vector<std::uint32_t> mark_holders(TreeGraph& graph);
    void keep_entries(const std::vector<ObjectRef>& trees, const std::vector<std::uint32_t>& holding);
    std::vector<MissingObject> confirm_missing(const std::vector<std::vector<MissingObject>>& absent);

    std::int32_t node_of(const git_oid& tree, std::uint32_t path, unsigned depth);
    std::int32_t intern_node(Node&& node);
    std::uint32_t intern_path(std::uint32_t parent, std::string_view name);
    bool may_hold(const git_oid& tree) const;
    bool maybe_target(const git_oid& id) const {
        unsigned k = (unsigned(id.id[0]) << 8 | id.id[1]) & 0xFFFF;
        return (prefix_[k >> 6] >> (k & 63)) & 1;
    }
    void count();
    void files_under(std::int32_t node, const std::function<void(std::uint32_t, const git_oid&)>& fn) const;

    git_odb* odb_;
    OidSet targets_;
    std::vector<std::uint64_t> prefix_;  // 64 Ki-bit filter on the targets' first two bytes
    std::unique_ptr<OidIndex> tree_index_;  // from prepare(): tree id -> position in its list
    const std::vector<ObjectRef>* trees_ = nullptr;  // between index_trees() and finish_index()
    ReadOptions opts_;                               // the tree passes'
    std::vector<RecentIds> recent_trees_;            // per worker
    std::unique_ptr<TreeGraph> graph_;               // pass 1's, until finish_index()
    std::vector<std::uint8_t> holds_;       // per position: 1 if a target is somewhere below
    OidSet missing_trees_;                  // named by a tree, absent from the odb (reported by prepare)
    // From prepare(), for each tree that holds a target: its entries on the way to one.
    // Millions of these on a big history, so ids are stored only where the position in the
    // tree list does not give them.
    struct KeptEntry {
        enum Kind : std::uint8_t { ListedTree, OtherTree, Target };
        std::uint32_t ref;        // ListedTree: position in the tree list; else index into KeptBatch::ids
        std::uint32_t name;       // offset in KeptBatch::names
        std::uint16_t name_size;  // git caps path components well below this
        Kind kind;
    };
    struct KeptBatch {
        std::vector<KeptEntry> entries;
        std::vector<git_oid> ids;
        std::string names;
    };
    struct Kept {
        std::uint32_t batch = 0, begin = 0, end = 0;  // end 0: not kept
    };
    std::vector<Kept> kept_;
    std::vector<KeptBatch> kept_batches_;

    std::unordered_map<MemoKey, std::int32_t, MemoHash> memo_;  // (tree, path) -> node, -1: none
    std::vector<Node> nodes_;                                    // children before parents
    std::unordered_map<std::string, std::int32_t> node_ids_;     // node content -> id
    std::vector<std::string> paths_;                             // paths_[0] is the root, ""
    std::unordered_map<std::string, std::uint32_t> path_ids_;    // (parent id bytes + name) -> id
    std::uint32_t base_ = 0;                                     // position of the first commit searched
    std::vector<std::int32_t> root_of_;                          // per commit from base_: its root's node

    // From count(): per (blob, path), ordered by first commit.
    bool counted_ = false;
    std::unordered_map<git_oid, std::vector<PlacedBlob>, OidHash, OidEq> placed_;
    std::size_t trees_read_ = 0;
};

// Author name, email and date (ISO 8601 with the author's UTC offset) of a commit.
CommitInfo commit_info(git_repository* repo, const git_oid& commit);

// "2024-01-02T03:04:05Z" or "...+02:00".
std::string iso8601(std::int64_t seconds, int offset_minutes);

}  // namespace nhiscan
