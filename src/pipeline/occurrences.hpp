#pragma once
// From "this blob holds this secret" and "this blob sits at these (commit, path) places" to
// findings: one per secret per path, placed at its earliest occurrence (the introducing
// commit) and counting the commits that hold it there. The same secret kept through a
// hundred edits of a file is one finding, not a hundred. With --all-occurrences, every
// (commit, path, match) is its own finding.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "findings/finding.hpp"

namespace nhiscan {

struct Occurrence {
    std::uint32_t commit = 0;          // position in the scan's commit order (earlier = older)
    std::uint32_t path = 0;            // index into the paths table
    const Finding* finding = nullptr;  // as found in the blob: line, column, secret, fingerprint
    std::uint64_t commits = 1;         // the commits it stands for, `commit` the first of them
};

struct OccurrenceOptions {
    bool all = false;  // --all-occurrences
    std::function<CommitInfo(std::uint32_t commit)> commit_info;
};

// Findings with path, location_fingerprint, commit and occurrences set (in_head and
// unreachable are left to the caller, who gets each finding's commit position in
// `commits_out` when it asks).
std::vector<Finding> group_occurrences(std::vector<Occurrence> occurrences, const std::vector<std::string>& paths,
                                       const OccurrenceOptions& opts, std::vector<std::uint32_t>* commits_out = nullptr);

}  // namespace nhiscan
