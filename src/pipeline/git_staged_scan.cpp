// `nhiscan staged`: the blobs the index would commit, minus secrets HEAD already has.
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/git_scan.hpp"
#include "sources/git_changes.hpp"
#include "sources/git_repo.hpp"
#include "sources/git_staged.hpp"
#include "sources/git_trees.hpp"

namespace nhiscan {
namespace {

// The secrets (raw bytes) still unaccounted for that some blob of HEAD's tree contains.
// Runs only when the index adds a secret its own old side does not explain, so the usual
// clean commit never pays for reading HEAD.
std::set<std::string> secrets_in_tree(git_odb* odb, const git_oid& tree, const std::set<std::string>& secrets,
                                      const ReadOptions& ro) {
    OidSet seen, blob_set;
    std::size_t gitlinks = 0;
    collect_blobs(odb, tree, seen, blob_set, gitlinks);
    std::vector<ObjectRef> blobs;
    for (const auto& id : blob_set) blobs.push_back({id, kUnknownSize, 0, 0});
    std::mutex mu;
    std::set<std::string> found;
    std::atomic<bool> all_found{false};
    ReadOptions opts = ro;
    opts.stop = &all_found;
    opts.progress = nullptr;
    ScanStats ignored;
    read_objects(blobs, opts, [&](unsigned, std::size_t, std::string_view data) {
        for (const auto& s : secrets) {
            if (data.find(s) == std::string_view::npos) continue;
            std::lock_guard lock(mu);
            found.insert(s);
            if (found.size() == secrets.size()) all_found = true;
        }
    }, ignored);
    return found;
}

}  // namespace

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
        // New relative to HEAD, by content: first against the blobs the index replaces or
        // deletes (an edit elsewhere in the file, a rename, a move), then anywhere in HEAD.
        std::set<std::string> old_fps;
        if (!ch.old_blobs.empty()) {
            std::vector<ObjectRef> old;
            for (const auto& id : ch.old_blobs) old.push_back({id, kUnknownSize, 0, 0});
            ReadOptions oro = ro;
            oro.paths = nullptr;
            auto of = scan_blobs(rules, old, oro, "staged");
            out.stats.errors += of.stats.errors;
            for (const auto& [i, fs] : of.found)
                for (const auto& f : fs) old_fps.insert(f.fingerprint);
        }
        std::erase_if(candidates, [&](const Finding& f) { return old_fps.count(f.fingerprint) > 0; });
        std::set<std::string> secrets;
        for (const auto& f : candidates) secrets.insert(f.secret);
        if (!secrets.empty()) {
            GitOdb odb;
            git_odb* raw = nullptr;
            git_check(git_repository_odb(&raw, repo), "cannot open the object database");
            odb.reset(raw);
            GitTree head_tree = commit_tree(repo, *head);
            auto in_head = secrets_in_tree(odb.get(), *git_tree_id(head_tree.get()), secrets, ro);
            std::erase_if(candidates, [&](const Finding& f) { return in_head.count(f.secret) > 0; });
        }
    }
    out.findings = std::move(candidates);
    sort_findings(out.findings);
    out.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace nhiscan
