#pragma once
// Where the blobs with findings live in history: every (commit, path) holding each target
// blob. Commits are searched in the graph's order (oldest first); each tree is read at most
// once, and remembered by id as "the target blobs under me, by relative path" (empty for
// nearly all), so a commit that changes one file costs the handful of trees on that file's path.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "findings/finding.hpp"
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

    // Room for this many trees in the memo (rehashing a map of ~a million entries costs).
    void reserve(std::size_t trees) { memo_.reserve(trees); }

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
