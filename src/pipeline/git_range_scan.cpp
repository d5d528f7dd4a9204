// `nhiscan git --range BASE..HEAD`: the blobs the range's commits added or changed.
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "pipeline/git_common.hpp"
#include "pipeline/occurrences.hpp"
#include "pipeline/provenance.hpp"
#include "sources/git/changes.hpp"
#include "sources/git/range.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan {
namespace {

struct RangeEvent {
    std::uint32_t commit;
    std::uint32_t path;
    std::size_t blob;  // index into the blobs to scan
};

// Fingerprints in the old-side blobs, scanned on demand and remembered.
class OldSide {
public:
    OldSide(const CompiledRules& rules, ReadOptions ro, ArchiveLimits archives)
        : rules_(rules), ro_(std::move(ro)), archives_(archives) {}
    void want(const git_oid& id) {
        if (!known_.count(id)) pending_.insert(id);
    }
    void prime(const git_oid& id, const std::vector<Finding>* fs) {
        auto& set = known_[id];
        if (fs)
            for (const auto& f : *fs) set.insert(f.fingerprint);
        pending_.erase(id);
    }
    void scan(ScanStats& stats) {
        std::vector<ObjectRef> refs;
        for (const auto& id : pending_) refs.push_back({id, kUnknownSize, 0, 0});
        pending_.clear();
        auto found = scan_blobs(rules_, refs, ro_, SourceKind::Git, archives_);
        stats.errors += found.stats.errors;
        for (const auto& r : refs) known_[r.id];
        for (const auto& [i, fs] : found.found) prime(refs[i].id, &fs);
    }
    bool has(const git_oid& id, const std::string& fingerprint) const {
        auto it = known_.find(id);
        return it != known_.end() && it->second.count(fingerprint);
    }

private:
    const CompiledRules& rules_;
    ReadOptions ro_;
    ArchiveLimits archives_;
    OidSet pending_;
    std::unordered_map<git_oid, std::set<std::string>, OidHash, OidEq> known_;
};

// Does HEAD's tree hold `secret` in the file at `path`? (Blob contents cached per path.)
class HeadContent {
public:
    HeadContent(git_repository* repo, const git_oid& head) : repo_(repo), tree_(commit_tree(repo, head)) {}
    bool holds(const std::string& path, const std::string& secret) {
        auto it = cache_.find(path);
        if (it == cache_.end()) it = cache_.emplace(path, load(path)).first;
        return it->second.find(secret) != std::string::npos;
    }

private:
    std::string load(const std::string& path) {
        git_tree_entry* e = nullptr;
        if (git_tree_entry_bypath(&e, tree_.get(), path.c_str()) != 0) {
            git_error_clear();
            return {};
        }
        std::unique_ptr<git_tree_entry, decltype(&git_tree_entry_free)> entry(e, git_tree_entry_free);
        if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return {};
        git_blob* b = nullptr;
        git_check(git_blob_lookup(&b, repo_, git_tree_entry_id(e)), fmt::format("cannot read '{}' at HEAD", path));
        GitBlob blob(b);
        return std::string(static_cast<const char*>(git_blob_rawcontent(b)), static_cast<std::size_t>(git_blob_rawsize(b)));
    }
    git_repository* repo_;
    GitTree tree_;
    std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

ScanOutput scan_range(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts, Progress& progress) {
    ScanOutput out;
    GitOdb odb = odb_of(repo);
    RangeSpec spec = resolve_range(repo, opts.range);
    auto shallow = shallow_boundary(repo);
    OidSet hidden = reachable_commits(odb.get(), spec.hide, shallow);
    CommitGraph graph = load_commits(odb.get(), CommitWalk{{spec.head}, [&](const git_oid& id) { return hidden.count(id) > 0; }, shallow});
    // A range that reaches a shallow clone's boundary: the boundary commit's parents were not
    // fetched, so everything it holds would look added by it. Never report old secrets as new.
    for (const auto& s : shallow)
        if (graph.find(s))
            throw Error(fmt::format("--range '{}' reaches the boundary of this shallow clone at commit {}: its parents "
                                    "were not fetched, so old content would look new; fetch the history the range "
                                    "needs (git fetch --deepen=N or --unshallow; actions/checkout: fetch-depth: 0)",
                                    diag::printable(opts.range), oid_hex(s)));
    if (spec.fallback) notice_truncated(repo, graph);
    report_missing_commits(graph);
    if (graph.commits.empty()) {
        bool reversed = !spec.fallback && !spec.hide.empty() && git_oid_equal(&spec.hide.front(), &spec.head) == 0 &&
                        git_graph_descendant_of(repo, &spec.hide.front(), &spec.head) == 1;
        git_error_clear();
        std::string msg = fmt::format("--range '{}' is empty: no commit is reachable from '{}' that is not already in "
                                      "'{}'{}",
                                      diag::printable(opts.range), diag::printable(spec.head_text),
                                      diag::printable(spec.base_text),
                                      reversed ? " (the range is reversed: write OLDER..NEWER)" : "");
        // A new branch (zero base) that adds no commit is not a mistake; a given base is.
        if (opts.fail_on_empty_range && !spec.fallback) throw Error(msg + " (--fail-on-empty-range)");
        diag::warning(msg);
    }

    // What each commit in the range added, and what it replaced.
    std::vector<std::string> paths;
    std::unordered_map<std::string, std::uint32_t> path_ids;
    std::vector<ObjectRef> blobs;
    std::unordered_map<git_oid, std::size_t, OidHash, OidEq> blob_ids;
    std::vector<RangeEvent> events;
    std::vector<std::vector<git_oid>> old_side(graph.commits.size());
    progress.phase("diffing commits", graph.commits.size());
    for (std::uint32_t c = 0; c < graph.commits.size(); ++c) {
        TreeChanges ch = commit_changes(repo, graph.commits[c]);
        for (auto& a : ch.added) {
            auto [pit, pnew] = path_ids.emplace(a.path, static_cast<std::uint32_t>(paths.size()));
            if (pnew) paths.push_back(a.path);
            auto [bit, bnew] = blob_ids.emplace(a.blob, blobs.size());
            if (bnew) blobs.push_back({a.blob, kUnknownSize, 0, 0});
            events.push_back({c, pit->second, bit->second});
        }
        for (const auto& s : ch.submodules) notice_submodule(s);
        old_side[c] = std::move(ch.old_blobs);
        progress.add(1);
    }
    progress.done();

    progress.phase("scanning blobs", blobs.size());
    ReadOptions ro = read_options(repo, opts, &progress);
    BlobFindings found = scan_blobs(rules, blobs, ro, SourceKind::Git, archive_limits(opts));
    progress.done();
    add_stats(out.stats, found.stats);
    if (found.found.empty()) return out;

    std::vector<const std::vector<Finding>*> findings_of(blobs.size(), nullptr);
    for (const auto& [i, fs] : found.found) findings_of[i] = &fs;

    // A secret is new in a commit unless a blob the commit replaced or deleted already had it
    // (an edit elsewhere in the file, a rename, a move between files, a merge of old content).
    ro.progress = nullptr;
    OldSide old(rules, ro, archive_limits(opts));
    for (std::size_t i = 0; i < blobs.size(); ++i) old.prime(blobs[i].id, findings_of[i]);
    for (const auto& e : events)
        if (findings_of[e.blob])
            for (const auto& id : old_side[e.commit]) old.want(id);
    old.scan(out.stats);

    PathFilter filter(rules);
    std::vector<Occurrence> occ;
    std::map<std::string, std::set<std::uint32_t>> secret_paths;  // fingerprint -> paths where found
    for (const auto& e : events) {
        const auto* fs = findings_of[e.blob];
        if (!fs) continue;
        for (const auto& f : *fs) {
            secret_paths[f.fingerprint].insert(e.path);
            bool seen_before = false;
            for (const auto& id : old_side[e.commit]) seen_before = seen_before || old.has(id, f.fingerprint);
            if (!seen_before && !filter.dropped(f, paths[e.path])) occ.push_back({e.commit, e.path, &f});
        }
    }
    OccurrenceOptions oo{opts.all_occurrences, [&](std::uint32_t pos) { return commit_info(repo, graph.commits[pos].id); }};
    auto placed = group_occurrences(std::move(occ), paths, oo);
    HeadContent head(repo, spec.head);
    for (auto& f : placed) {
        if (!filter.keep_at_path(f)) continue;
        // Where HEAD holds it, among the paths the range found it at.
        std::vector<std::string> held;
        for (auto p : secret_paths[f.fingerprint])
            if (head.holds(paths[p], f.secret)) held.push_back(placed_path(paths[p], f.source));
        f.head = head_place_of(f.path, std::move(held));
        f.in_head = f.head->status != HeadStatus::HistoryOnly;
        out.findings.push_back(std::move(f));
    }
    return out;
}

}  // namespace nhiscan
