#pragma once
// The life of each (path, secret) in one repository's history: in which commits it is
// present, first and last sighting with their lines, whether HEAD holds it, which refs'
// histories contain it, when the default branch lost it, and rotations (a slot's value
// replaced by another value of the same rule in one commit).
//
// Input is what `nhiscan git` already found (secret, path); this walk only answers "is this
// secret in the blob at this path in commit C", by reading the blob at each tracked path of
// each commit (trees resolved once per (tree, path) and blobs searched once per id).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <git2.h>

namespace nhiscan::inventory {

struct Target {
    std::string path;
    std::string secret;               // raw bytes, in memory only
    std::size_t credential = 0;       // index of the credential it belongs to
    std::vector<std::string> rules;   // rule ids that matched it here
};

struct TargetLife {
    bool seen = false;
    std::uint32_t first = 0, last = 0;  // commit positions
    std::size_t first_line = 0, last_line = 0;
    std::string slot;                   // assignment name on the first line seen, "" if none
    bool at_head = false;
    // The first commit holding it has parents this repository lacks (a shallow clone's
    // boundary): it may have been introduced earlier, by someone history here cannot name.
    bool first_truncated = false;
};

struct RotationEvent {
    std::size_t replaced = 0, replacement = 0;  // target indices
    std::uint32_t commit = 0;                   // where the replacement appeared
    std::uint32_t removed_in = 0;               // where the replaced value left the slot (== commit, or earlier)
    bool renamed = false;                       // the file was renamed (git's rename detection) in between
};

struct DefaultBranchState {
    bool at_head = false;                   // some path of HEAD's tree holds it
    bool in_head_history = false;           // some commit HEAD reaches holds it
    std::optional<std::uint32_t> removed;   // the first-parent commit that dropped it (last time)
    std::string at_ref_tip;                 // a ref whose tip's tree holds it ("" if none)
};

struct RepoLife {
    std::vector<git_oid> commits;            // walk order (parents first)
    std::vector<std::int64_t> commit_times;  // committer time per commit
    std::vector<git_oid> trees;              // root tree per commit
    std::vector<std::int64_t> first_parent;  // position of the first parent, -1 when none in the graph
    std::vector<bool> truncated;             // a shallow clone's boundary: its parents were not fetched
    std::vector<TargetLife> targets;
    std::vector<std::vector<std::string>> refs;  // per credential: refs whose history holds it
    std::vector<DefaultBranchState> branch;      // per credential
    std::vector<RotationEvent> rotations;
    bool has_head = false;
    std::int64_t head = -1;  // HEAD's position
    std::string head_ref;  // HEAD's branch ("refs/heads/main"), "" when detached or unborn
};

// `credentials` is the number of distinct credentials the targets point into; `threads` 0 is
// one per core.
RepoLife walk_history(git_repository* repo, const std::vector<Target>& targets, std::size_t credentials,
                      unsigned threads = 0);

// Blame for one line: the commit (position) that last changed the line holding `secret` at
// `path`, seen from commit `from` (which holds it): the oldest commit of the unbroken
// first-parent run ending at `from` whose blob at `path` holds that same line, byte for byte.
// Returns that commit and the line's number in `from`; nullopt when `from`'s blob does not hold it.
struct LineBlame {
    std::uint32_t commit = 0;
    std::size_t line = 0;
};
std::optional<LineBlame> line_last_changed(git_repository* repo, const RepoLife& life, std::uint32_t from,
                                           const std::string& path, std::string_view secret);

// The assignment name left of `pos` on its line ("GITHUB_TOKEN" in `GITHUB_TOKEN=...`,
// "token" in `Client(token="...")`, "DATABASE_URL" in `DATABASE_URL=postgres://u:...`).
std::string slot_before(std::string_view line_prefix);

}  // namespace nhiscan::inventory
