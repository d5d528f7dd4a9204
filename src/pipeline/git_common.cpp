#include "pipeline/git_common.hpp"

#include <fmt/core.h>

#include "core/diag.hpp"
#include "scan/scanner.hpp"

namespace nhiscan {

PathFilter::PathFilter(const CompiledRules& rules) : rules_(rules) {
    for (std::size_t i = 0; i < rules.size(); ++i) index_.emplace(rules.rule(i).spec, i);
}

bool PathFilter::dropped(const Finding& f, std::string_view outer) const {
    const std::string path = placed_path(outer, f.source);
    if (allowlisted_path(rules_.global_allowlist(), path)) return true;
    if (f.rule && !rule_applies_to(*f.rule, path)) return true;
    auto it = index_.find(f.rule);
    return it != index_.end() && allowlisted_path(rules_.rule(it->second).allowlist, path);
}

bool PathFilter::keep_at_path(Finding& f) const {
    const TestPaths& tp = rules_.pack().test_paths;
    if (!is_test_path(tp, f.path)) return true;
    auto c = confidence_at(tp, f.path, f.rule ? std::string_view(f.rule->kind) : std::string_view(),
                           f.rule ? std::string_view(f.rule->id) : std::string_view(), f.confidence);
    if (!c) return false;
    f.confidence = *c;
    add_test_path_note(f.note);
    return true;
}

std::uint64_t bytes_to_read(const std::vector<ObjectRef>& objects, std::uint64_t max) {
    std::uint64_t n = 0;
    for (const auto& o : objects)
        if (o.size != kUnknownSize && o.size <= max) n += o.size;
    return n;
}

GitOdb odb_of(git_repository* repo) {
    git_odb* raw = nullptr;
    git_check(git_repository_odb(&raw, repo), "cannot open the object database");
    return GitOdb(raw);
}

ReadOptions read_options(git_repository* repo, const GitScanOptions& opts, Progress* progress) {
    ReadOptions r;
    r.repo_path = git_repository_path(repo);
    r.threads = opts.threads;
    r.max_size = opts.max_file_size;
    r.progress = progress;
    return r;
}

ArchiveLimits archive_limits(const GitScanOptions& opts) {
    ArchiveLimits a;
    a.enabled = opts.archives;
    a.max_depth = opts.max_archive_depth;
    a.max_member_size = opts.max_file_size;
    return a;
}

void notice_truncated(git_repository* repo, const CommitGraph& graph) {
    if (git_repository_is_shallow(repo))
        diag::notice(
            fmt::format("shallow clone: history is truncated ({} commit{} present); older commits were "
                        "not fetched and are not scanned",
                        graph.commits.size(), graph.commits.size() == 1 ? "" : "s"));
}

void report_missing_commits(const CommitGraph& graph) {
    // Past a shallow boundary nothing is walked, so a parent missing here is a hole in the
    // repository (a deleted object, a broken clone): what it held was not scanned.
    diag::scan_errors_capped(
        graph.missing.size(),
        [&](std::size_t i) {
            return fmt::format("commit {} is missing from the repository: history is truncated there and older "
                               "commits were not scanned",
                               oid_hex(graph.missing[i]));
        },
        [](std::size_t more) { return fmt::format("{} more parent commits are missing from the repository", more); });
}

void notice_submodule(std::string_view path) {
    diag::notice_once(fmt::format("submodule:{}", path),
                      fmt::format("skipping submodule '{}': scan its repository separately", diag::printable(path)));
}

}  // namespace nhiscan
