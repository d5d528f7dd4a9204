#pragma once
// Where the blobs with findings live in history: every (commit, path) holding each target
// blob. Commits are searched in the graph's order (oldest first); each tree is read at most
// once, and remembered by id as "the target blobs under me, by relative path" (empty for
// nearly all), so a commit that changes one file costs the handful of trees on that file's path.
//
// Reading trees in commit order is slow (it jumps around the pack: 6x slower than pack
// order), so prepare() first reads every tree once on the worker threads in pack order,
// keeping only which subtrees each has, and works out which trees hold a target anywhere
// below. The walk then reads just those: the few trees on the way to a target.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "findings/finding.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/progress.hpp"
#include "sources/git_commits.hpp"
#include "sources/git_oid.hpp"

namespace nhiscan {

struct Placement {
    std::uint32_t commit = 0;  // position in the scan's commit order
    std::uint32_t path = 0;    // index into PlacementSearch::paths()
};

class PlacementSearch {
public:
    PlacementSearch(git_odb* odb, OidSet targets);

    // Learns which of `trees` (every tree in the odb, in read order) hold a target below.
    // Trees it could not read, or that are not listed, are read by the walk as before.
    void prepare(const std::vector<ObjectRef>& trees, const ReadOptions& ro);

    // Searches the graph's commits; their positions are `first + index in graph`.
    void search(const CommitGraph& graph, std::uint32_t first, Progress* progress);

    const std::vector<std::string>& paths() const { return paths_; }
    // Placements of a target blob in commit order (empty when no searched commit holds it).
    const std::vector<Placement>& placements(const git_oid& blob) const;
    // The target blobs in the tree of commit `position` (after search()).
    std::vector<git_oid> blobs_at(std::uint32_t position) const;
    std::size_t trees_read() const { return trees_read_; }

private:
    struct Hit {
        std::string path;  // relative to the tree
        git_oid blob;
    };
    std::int32_t hits_of(const git_oid& tree);
    std::uint32_t intern(const std::string& path);
    bool maybe_target(const git_oid& id) const {
        unsigned k = (unsigned(id.id[0]) << 8 | id.id[1]) & 0xFFFF;
        return (prefix_[k >> 6] >> (k & 63)) & 1;
    }

    git_odb* odb_;
    OidSet targets_;
    std::vector<std::uint64_t> prefix_;  // 64 Ki-bit filter on the targets' first two bytes
    std::unique_ptr<OidIndex> tree_index_;  // from prepare(): tree id -> position in its list
    std::vector<std::uint8_t> holds_;       // per position: 1 if a target is somewhere below
    std::unordered_map<git_oid, std::int32_t, OidHash, OidEq> memo_;  // tree -> index in hits_, -1: none
    std::vector<std::vector<Hit>> hits_;
    std::vector<std::string> paths_;
    std::unordered_map<std::string, std::uint32_t> path_ids_;
    std::unordered_map<git_oid, std::vector<Placement>, OidHash, OidEq> placements_;
    std::unordered_map<std::uint32_t, std::vector<git_oid>> by_commit_;
    std::size_t trees_read_ = 0;
};

// Author name, email and date (ISO 8601 with the author's UTC offset) of a commit.
CommitInfo commit_info(git_repository* repo, const git_oid& commit);

// "2024-01-02T03:04:05Z" or "...+02:00".
std::string iso8601(std::int64_t seconds, int offset_minutes);

}  // namespace nhiscan
