// `nhiscan staged`: the blobs the index would commit, minus secrets HEAD already has
// (head_secrets.hpp).
#include <chrono>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/git_scan.hpp"
#include "pipeline/head_secrets.hpp"
#include "sources/git_changes.hpp"
#include "sources/git_repo.hpp"
#include "sources/git_staged.hpp"

namespace nhiscan {

ScanOutput scan_staged(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts) {
    auto t0 = std::chrono::steady_clock::now();
    ScanOutput out;
    auto head = head_commit(repo);
    TreeChanges ch = staged_changes(repo, head);
    for (const auto& s : ch.submodules)
        diag::notice(fmt::format("skipping submodule '{}': scan its repository separately", diag::printable(s)));

    std::vector<ObjectRef> blobs;
    std::vector<std::string> paths;
    for (const auto& a : ch.added) {
        blobs.push_back({a.blob, kUnknownSize, 0, 0});
        paths.push_back(a.path);
    }
    ReadOptions ro;
    ro.repo_path = git_repository_path(repo);
    ro.threads = opts.threads;
    ro.max_size = opts.max_file_size;
    ro.paths = &paths;
    ro.reuse = repo;
    BlobFindings found = scan_blobs(rules, blobs, ro, "staged");
    out.stats = found.stats;

    std::vector<Finding> candidates;
    for (auto& [i, fs] : found.found) std::move(fs.begin(), fs.end(), std::back_inserter(candidates));
    if (!candidates.empty() && head) {
        // New relative to HEAD, by content: a secret some blob of HEAD already holds (an edit
        // elsewhere in its file, a rename, a copy into another file) is not reported.
        GitTree head_tree = commit_tree(repo, *head);
        std::vector<SecretAt> wanted;
        for (const auto& f : candidates) wanted.push_back({f.path, f.secret});
        auto in_head = secrets_in_head(repo, head_tree.get(), wanted, ch.old_blobs,
                                       ch.unchanged_known ? &ch.unchanged : nullptr, ro, out.stats);
        std::erase_if(candidates, [&](const Finding& f) { return in_head.count(f.secret) > 0; });
    }
    out.findings = std::move(candidates);
    sort_findings(out.findings);
    out.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace nhiscan
