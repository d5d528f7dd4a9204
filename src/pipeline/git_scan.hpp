#pragma once
// The git commands' pipelines.
//   history: every blob in the object database (or, with --branch, reachable from one ref),
//            each scanned once in pack order on N threads; provenance only for blobs with
//            findings (provenance.hpp); one finding per secret per path (occurrences.hpp).
//   range:   the blobs the commits in BASE..HEAD added or changed, merges included; a secret
//            counts when the commit's parents did not already have it.
//   staged:  the index against HEAD; a secret counts when HEAD does not already have it.
// docs/git.md explains the choices.
#include <cstdint>
#include <string>

#include <git2.h>

#include "pipeline/dir_scan.hpp"

namespace nhiscan {

class CompiledRules;

struct GitScanOptions {
    std::string range;   // BASE..HEAD, or "" for the whole history
    std::string branch;  // one ref's history, or "" for all refs
    unsigned threads = 0;
    std::uint64_t max_file_size = 25u << 20;
    std::string progress = "auto";
    bool quiet = false;
    bool all_occurrences = false;
    bool include_unreachable = false;  // report blobs no commit holds (git-blob:<id>); else count them
    bool fail_on_empty_range = false;
    bool archives = true;  // scan archive members in history blobs (not in staged)
    unsigned max_archive_depth = 3;  // --range with a base that leaves no commit: error, not warning
};

// `nhiscan git`: the full history, or --branch REF, or --range BASE..HEAD.
ScanOutput scan_git(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts);

// `nhiscan staged`: what committing the index would add.
ScanOutput scan_staged(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts);

}  // namespace nhiscan
