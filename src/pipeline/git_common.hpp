#pragma once
// Pieces the git pipelines (git_scan.cpp, git_range_scan.cpp) share.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/compiled_rules.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/git_scan.hpp"
#include "pipeline/scan_driver.hpp"
#include "sources/git/commits.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan {

// Path allowlists need a path, and a history blob has one only once provenance places it.
class PathFilter {
public:
    explicit PathFilter(const CompiledRules& rules);
    // `outer` is where the blob sits; an archive member's path is appended.
    bool dropped(const Finding& f, std::string_view outer) const;
    // The test-path rule (docs/rules.md) for a finding now placed at f.path: lowers its
    // confidence and notes it; false when it then falls below the threshold.
    bool keep_at_path(Finding& f) const;

private:
    const CompiledRules& rules_;
    std::unordered_map<const RuleSpec*, std::size_t> index_;
};

// Bytes of the objects that will be read (known sizes up to `max`), for progress.
std::uint64_t bytes_to_read(const std::vector<ObjectRef>& objects, std::uint64_t max);
GitOdb odb_of(git_repository* repo);
ReadOptions read_options(git_repository* repo, const GitScanOptions& opts, Progress* progress);
// Archive members in history blobs (archive_source.hpp), from the options.
ArchiveLimits archive_limits(const GitScanOptions& opts);
// "history is truncated" for shallow clones.
void notice_truncated(git_repository* repo, const CommitGraph& graph);
// An error for each parent commit missing from the repository (a hole, not a shallow boundary).
void report_missing_commits(const CommitGraph& graph);
void notice_submodule(std::string_view path);

// The range pipeline (git_range_scan.cpp).
ScanOutput scan_range(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts, Progress& progress);

}  // namespace nhiscan
