#include "pipeline/git_scan.hpp"

#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/occurrences.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/provenance.hpp"
#include "scan/scanner.hpp"
#include "sources/git_changes.hpp"
#include "sources/git_commits.hpp"
#include "sources/git_objects.hpp"
#include "sources/git_range.hpp"
#include "sources/git_repo.hpp"
#include "sources/git_trees.hpp"

namespace nhiscan {
namespace {

// Path allowlists need a path, and a history blob has one only once provenance places it.
class PathFilter {
public:
    explicit PathFilter(const CompiledRules& rules) : rules_(rules) {
        for (std::size_t i = 0; i < rules.size(); ++i) index_.emplace(rules.rule(i).spec, i);
    }
    bool dropped(const Finding& f, std::string_view path) const {
        if (allowlisted_path(rules_.global_allowlist(), path)) return true;
        auto it = index_.find(f.rule);
        return it != index_.end() && allowlisted_path(rules_.rule(it->second).allowlist, path);
    }

private:
    const CompiledRules& rules_;
    std::unordered_map<const RuleSpec*, std::size_t> index_;
};

void add_stats(ScanStats& to, const ScanStats& from) {
    to.items += from.items;
    to.bytes += from.bytes;
    to.skipped_binary += from.skipped_binary;
    to.skipped_large += from.skipped_large;
    to.skipped_other += from.skipped_other;
    to.errors += from.errors;
}

std::uint64_t bytes_to_read(const std::vector<ObjectRef>& blobs, std::uint64_t max) {
    std::uint64_t n = 0;
    for (const auto& b : blobs)
        if (b.size != kUnknownSize && b.size <= max) n += b.size;
    return n;
}

GitOdb odb_of(git_repository* repo) {
    git_odb* raw = nullptr;
    git_check(git_repository_odb(&raw, repo), "cannot open the object database");
    return GitOdb(raw);
}

BlobReadOptions read_options(git_repository* repo, const GitScanOptions& opts, Progress* progress) {
    BlobReadOptions r;
    r.repo_path = git_repository_path(repo);
    r.threads = opts.threads;
    r.max_size = opts.max_file_size;
    r.progress = progress;
    return r;
}

void notice_truncated(git_repository* repo, const CommitGraph& graph) {
    if (git_repository_is_shallow(repo))
        diag::notice(fmt::format("shallow clone: history is truncated ({} commits present); older commits were "
                                 "not fetched and are not scanned",
                                 graph.commits.size()));
    else if (graph.missing_parents)
        diag::notice(fmt::format("history is truncated: {} parent commit{} missing from the repository", graph.missing_parents,
                                 graph.missing_parents == 1 ? " is" : "s are"));
}

void notice_submodule(std::string_view path) {
    diag::notice_once(fmt::format("submodule:{}", path),
                      fmt::format("skipping submodule '{}': scan its repository separately", diag::printable(path)));
}

std::string unplaced_path(const git_oid& blob) { return "git-blob:" + oid_hex(blob); }

// --- nhiscan git [--branch REF] ---------------------------------------------------------

ScanOutput scan_history(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts, Progress& progress) {
    ScanOutput out;
    GitOdb odb = odb_of(repo);
    auto shallow = shallow_boundary(repo);
    for (const auto& p : submodule_paths(repo)) notice_submodule(p);

    std::vector<git_oid> roots;
    std::optional<git_oid> tip;  // "HEAD" for in_head: the branch's tip with --branch
    if (!opts.branch.empty()) {
        tip = resolve_commit(repo, opts.branch);
        if (!tip) throw Error(fmt::format("--branch: '{}' is not a ref or commit in this repository", diag::printable(opts.branch)));
        roots.push_back(*tip);
    } else {
        roots = all_ref_commits(repo);
        tip = head_commit(repo);
    }

    progress.phase("listing objects", 0);
    ObjectListing listing = list_objects(repo);
    CommitGraph graph = load_commits(odb.get(), CommitWalk{roots, {}, shallow});
    progress.done();
    out.stats.errors += listing.errors;
    notice_truncated(repo, graph);

    std::vector<ObjectRef> blobs;
    if (opts.branch.empty()) {
        blobs = std::move(listing.blobs);
    } else {
        // One ref's history: the blobs its trees reach, still read in pack order.
        progress.phase("walking trees", 0);
        std::size_t gitlinks = 0;
        OidSet wanted = collect_blobs(odb.get(), graph, gitlinks);
        progress.done();
        for (const auto& b : listing.blobs)
            if (wanted.erase(b.id)) blobs.push_back(b);
        for (const auto& id : wanted) blobs.push_back({id, kUnknownSize, UINT32_MAX, 0});  // e.g. partial clones
    }

    progress.phase("scanning blobs", blobs.size(), bytes_to_read(blobs, opts.max_file_size));
    BlobFindings found = scan_blobs(rules, blobs, read_options(repo, opts, &progress), "git");
    progress.done();
    add_stats(out.stats, found.stats);
    if (found.found.empty()) return out;

    // Provenance, for the few blobs with findings only.
    OidSet targets;
    for (const auto& [i, fs] : found.found) targets.insert(blobs[i].id);
    PlacementSearch search(odb.get(), targets);
    {
        auto ro = read_options(repo, opts, &progress);
        progress.phase("indexing trees", listing.trees.size(), bytes_to_read(listing.trees, UINT64_MAX));
        search.prepare(listing.trees, ro);
        progress.done();
    }
    search.search(graph, 0, &progress);
    CommitGraph lost;  // commits in the odb that no ref reaches (amended, rebased, dropped)
    if (opts.branch.empty()) {
        std::vector<git_oid> dangling;
        for (const auto& c : listing.commits)
            if (!graph.find(c)) dangling.push_back(c);
        if (!dangling.empty()) {
            lost = load_commits(odb.get(), CommitWalk{dangling, [&](const git_oid& id) { return graph.find(id).has_value(); }, shallow});
            search.search(lost, static_cast<std::uint32_t>(graph.commits.size()), &progress);
        }
    }
    const auto reachable = static_cast<std::uint32_t>(graph.commits.size());
    auto commit_at = [&](std::uint32_t pos) -> const git_oid& {
        return pos < reachable ? graph.commits[pos].id : lost.commits[pos - reachable].id;
    };

    PathFilter filter(rules);
    std::vector<Occurrence> occ;
    std::unordered_map<git_oid, const std::vector<Finding>*, OidHash, OidEq> by_blob;
    for (const auto& [i, fs] : found.found) {
        const git_oid& id = blobs[i].id;
        by_blob[id] = &fs;
        const auto& places = search.placements(id);
        if (places.empty()) {
            // In no commit at all: staged once and reset, or left by an aborted rebase.
            std::set<std::string> seen;
            for (const auto& f : fs) {
                if (!opts.all_occurrences && !seen.insert(f.fingerprint).second) continue;
                Finding g = f;
                g.path = unplaced_path(id);
                g.location_fingerprint = location_fingerprint_of(g.rule->id, g.secret, g.path);
                g.unreachable = true;
                g.in_head = false;
                out.findings.push_back(std::move(g));
            }
            continue;
        }
        for (const auto& p : places)
            for (const auto& f : fs)
                if (!filter.dropped(f, search.paths()[p.path])) occ.push_back({p.commit, p.path, &f});
    }
    std::vector<std::uint32_t> positions;
    OccurrenceOptions oo{opts.all_occurrences, [&](std::uint32_t pos) { return commit_info(repo, commit_at(pos)); }};
    auto placed = group_occurrences(std::move(occ), search.paths(), oo, &positions);

    std::set<std::string> in_head;  // fingerprints present anywhere in the tip's tree
    if (tip)
        if (auto k = graph.find(*tip))
            for (const auto& blob : search.blobs_at(*k))
                for (const auto& f : *by_blob[blob]) in_head.insert(f.fingerprint);
    for (std::size_t k = 0; k < placed.size(); ++k) {
        placed[k].in_head = in_head.count(placed[k].fingerprint) > 0;
        placed[k].unreachable = positions[k] >= reachable;
        out.findings.push_back(std::move(placed[k]));
    }
    return out;
}

// --- nhiscan git --range BASE..HEAD ------------------------------------------------------

struct RangeEvent {
    std::uint32_t commit;
    std::uint32_t path;
    std::size_t blob;  // index into the blobs to scan
};

// Fingerprints in the old-side blobs, scanned on demand and remembered.
class OldSide {
public:
    OldSide(const CompiledRules& rules, BlobReadOptions ro) : rules_(rules), ro_(std::move(ro)) {}
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
        auto found = scan_blobs(rules_, refs, ro_, "git");
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
    BlobReadOptions ro_;
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

ScanOutput scan_range(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts, Progress& progress) {
    ScanOutput out;
    GitOdb odb = odb_of(repo);
    RangeSpec spec = resolve_range(repo, opts.range);
    auto shallow = shallow_boundary(repo);
    OidSet hidden = reachable_commits(odb.get(), spec.hide, shallow);
    CommitGraph graph = load_commits(odb.get(), CommitWalk{{spec.head}, [&](const git_oid& id) { return hidden.count(id) > 0; }, shallow});
    if (spec.fallback) notice_truncated(repo, graph);

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
    BlobReadOptions ro = read_options(repo, opts, &progress);
    BlobFindings found = scan_blobs(rules, blobs, ro, "git");
    progress.done();
    add_stats(out.stats, found.stats);
    if (found.found.empty()) return out;

    std::vector<const std::vector<Finding>*> findings_of(blobs.size(), nullptr);
    for (const auto& [i, fs] : found.found) findings_of[i] = &fs;

    // A secret is new in a commit unless a blob the commit replaced or deleted already had it
    // (an edit elsewhere in the file, a rename, a move between files, a merge of old content).
    ro.progress = nullptr;
    OldSide old(rules, ro);
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
        bool in_head = false;
        for (auto p : secret_paths[f.fingerprint]) in_head = in_head || head.holds(paths[p], f.secret);
        f.in_head = in_head;
        out.findings.push_back(std::move(f));
    }
    return out;
}

}  // namespace

ScanOutput scan_git(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts) {
    auto t0 = std::chrono::steady_clock::now();
    configure_bulk_reads();
    Progress progress(progress_wanted(opts.progress, opts.quiet));
    ScanOutput out = opts.range.empty() ? scan_history(rules, repo, opts, progress) : scan_range(rules, repo, opts, progress);
    sort_findings(out.findings);
    out.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace nhiscan
