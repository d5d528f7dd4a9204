#pragma once
// The commit graph a history scan walks, read from raw commit objects (no libgit2 revwalk:
// shallow clones must stop at their boundary, and a missing parent must not end the scan).
// Commits come out in topological order, parents before children, ties broken by committer
// time: "the commit that introduced it" is the first in this order.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <git2.h>

#include "sources/git/oid.hpp"

namespace nhiscan {

struct CommitNode {
    git_oid id{};
    git_oid tree{};
    std::int64_t time = 0;                // committer time
    std::vector<git_oid> parent_ids;      // as written in the commit (maybe outside the graph)
    std::vector<std::uint32_t> parents;   // indices of the parents inside the graph
};

struct CommitGraph {
    std::vector<CommitNode> commits;  // topological order, oldest first
    std::unordered_map<git_oid, std::uint32_t, OidHash, OidEq> index;
    std::size_t missing_parents = 0;  // parents absent from the repository (truncated history)
    std::vector<git_oid> missing;     // those parents, in the order met

    std::optional<std::uint32_t> find(const git_oid& id) const {
        auto it = index.find(id);
        if (it == index.end()) return std::nullopt;
        return it->second;
    }
};

struct CommitWalk {
    std::vector<git_oid> roots;
    // Commits to leave out, with their ancestors (range BASE, or an already-walked graph).
    std::function<bool(const git_oid&)> excluded;
    std::vector<git_oid> shallow;     // their parents are not walked
};

// Reads every commit reachable from the roots and not excluded. Throws Error when a root or
// a commit cannot be read; a missing parent only counts in `missing_parents`.
CommitGraph load_commits(git_odb* odb, const CommitWalk& walk);

// The set of commits reachable from `roots` (cheaper than load_commits: no ordering).
OidSet reachable_commits(git_odb* odb, const std::vector<git_oid>& roots,
                                                                    const std::vector<git_oid>& shallow);

struct RawCommit {
    git_oid tree{};
    std::vector<git_oid> parents;
    std::int64_t time = 0;
};
// Parses a commit object's header (tree, parents, committer time). False when malformed.
bool parse_commit(std::string_view data, RawCommit& out);

}  // namespace nhiscan
