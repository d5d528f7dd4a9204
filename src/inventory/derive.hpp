#pragma once
// From `nhiscan git`'s findings (one per secret per path, with the introducing commit) to one
// record per distinct credential: the history walk (lifecycle.hpp) adds last sightings,
// removal, refs and rotations; classify.hpp adds owner, environment and priority.
#include <cstdint>
#include <string>
#include <vector>

#include <git2.h>

#include "findings/finding.hpp"
#include "inventory/key.hpp"
#include "inventory/record.hpp"

namespace nhiscan::inventory {

struct RepoScan {
    git_repository* repo = nullptr;
    std::string name;               // how records name the repository
    std::vector<Finding> findings;  // `nhiscan git` over the whole history
};

struct DeriveOptions {
    const InventoryKey* key = nullptr;
    const TestPaths* test_paths = nullptr;
    std::int64_t now = 0;  // epoch seconds: the end of an exposure window still open
    unsigned threads = 0;  // the history walk's workers (0: one per core)
};

// Records in key order (priority is set later, after triage).
std::vector<Record> derive_records(const std::vector<RepoScan>& scans, const DeriveOptions& opts);

// The repository name records use: the root directory's name without ".git".
std::string repo_label(git_repository* repo);

}  // namespace nhiscan::inventory
