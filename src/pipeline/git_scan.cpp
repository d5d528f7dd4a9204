#include "pipeline/git_scan.hpp"

#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pipeline/git_common.hpp"
#include "pipeline/occurrences.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/provenance.hpp"
#include "pipeline/scoped_blobs.hpp"
#include "sources/git/commits.hpp"
#include "sources/git/objects.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan {
namespace {

// The blobs to scan, in read order: everything in the odb, or what one ref's trees reach.
std::vector<ObjectRef> blobs_to_scan(git_odb* odb, ObjectListing& listing, const CommitGraph& graph, bool all,
                                     Progress& progress) {
    if (all) return std::move(listing.blobs);
    progress.phase("walking trees", 0);
    std::size_t gitlinks = 0;
    OidSet wanted = collect_blobs(odb, graph, gitlinks);
    progress.done();
    std::vector<ObjectRef> out;
    for (const auto& b : listing.blobs)
        if (wanted.erase(b.id)) out.push_back(b);
    for (const auto& id : wanted) out.push_back({id, kUnknownSize, UINT32_MAX, 0});  // not in the odb: reading will say so
    return out;
}

// Where the tip's tree holds each secret: secret -> the paths there (read from the targets
// the provenance walk placed in the tip's commit).
using HeadPaths = std::map<std::string, std::vector<std::string>>;

HeadPlace head_of(const Finding& f, const HeadPaths& at_head, bool in_a_commit) {
    auto it = at_head.find(f.secret);
    return head_place_of(f.path, it == at_head.end() ? std::vector<std::string>{} : it->second, in_a_commit);
}

// Findings from a blob no commit holds (staged once and reset, an aborted rebase's leftovers).
// `kept`: a ref points at the blob itself or the index stages it, so it is not unreachable,
// though no commit holds it.
void add_unplaced(const git_oid& blob, const std::vector<Finding>& found, bool all, bool kept, const HeadPaths& at_head,
                  std::vector<Finding>& out) {
    std::set<std::string> seen;
    for (const auto& f : found) {
        if (!all && !seen.insert(f.fingerprint).second) continue;
        Finding g = f;
        g.path = placed_path("git-blob:" + oid_hex(blob), g.source);
        g.location_fingerprint = location_fingerprint_of(g.rule->id, g.secret, g.path);
        g.unreachable = !kept;
        g.head = head_of(g, at_head, kept);
        g.in_head = g.head->status == HeadStatus::Elsewhere;
        out.push_back(std::move(g));
    }
}

// Objects that trees name but the repository lacks: their content is not scanned, so the
// scan must not look clean. A partial clone lacks blobs by design; say how to fetch them.
void report_missing(git_repository* repo, const std::vector<MissingObject>& missing, ScanStats& stats) {
    diag::scan_errors_capped(
        missing.size(),
        [&](std::size_t i) {
            return fmt::format("{} {} is missing from the repository (named by tree {}); it was not scanned",
                               missing[i].is_tree ? "tree" : "blob", oid_hex(missing[i].id), oid_hex(missing[i].tree));
        },
        [](std::size_t more) { return fmt::format("{} more objects are missing from the repository", more); });
    if (!missing.empty() && is_partial_clone(repo))
        diag::notice("this is a partial clone: fetch the missing objects (for example `git fetch --refetch`) to scan them");
    stats.errors += missing.size();
}

// Scans again, with the path-scoped rules too, the blobs the tree pass marked for them
// (`scoped`), replacing their findings (one scan with both databases, as for a file with a
// path), and makes the blobs that now have findings targets of `search`.
void rescan_scoped(const CompiledRules& rules, const std::vector<ObjectRef>& blobs,
                   const std::vector<std::pair<std::size_t, ObjectRef>>& as_listed, const ScopedMarks& scoped,
                   const ReadOptions& ro, const GitScanOptions& opts, BlobFindings& found, PlacementSearch& search,
                   Progress& progress) {
    const std::vector<char> marked = scoped.result();
    std::vector<std::size_t> index;  // into blobs
    std::vector<ObjectRef> again;
    auto listed = as_listed.begin();
    for (std::size_t i = 0; i < blobs.size(); ++i) {
        if (!marked[i]) continue;
        while (listed != as_listed.end() && listed->first < i) ++listed;
        index.push_back(i);
        again.push_back(listed != as_listed.end() && listed->first == i ? listed->second : blobs[i]);
    }
    if (again.empty()) return;
    ReadOptions sro = ro;
    sro.quiet = true;  // the first scan reported what it could not read
    progress.phase("scanning blobs for path-scoped rules", again.size(), bytes_to_read(again, opts.max_file_size));
    BlobFindings more = scan_blobs(rules, again, sro, SourceKind::Git, archive_limits(opts));
    progress.done();

    OidSet before;  // pass 1 knew these targets already
    std::map<std::size_t, std::vector<Finding>> by_index;
    for (auto& [i, fs] : found.found) {
        before.insert(blobs[i].id);
        by_index[i] = std::move(fs);
    }
    for (auto i : index) by_index.erase(i);
    std::vector<std::uint32_t> added;  // positions of blobs with findings only from this scan
    std::vector<git_oid> ids;
    for (auto& [j, fs] : more.found) {
        const std::size_t i = index[j];
        if (!before.count(blobs[i].id)) added.push_back(static_cast<std::uint32_t>(i));
        ids.push_back(blobs[i].id);
        by_index[i] = std::move(fs);
    }
    found.found.assign(std::make_move_iterator(by_index.begin()), std::make_move_iterator(by_index.end()));
    std::vector<std::uint32_t> trees;
    search.add_targets(ids, scoped.trees_listing(added, trees) ? &trees : nullptr);
}

ScanOutput scan_history(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts, Progress& progress) {
    ScanOutput out;
    GitOdb odb = odb_of(repo);
    auto shallow = shallow_boundary(repo);
    for (const auto& p : submodule_paths(repo)) notice_submodule(p);

    const bool all = opts.branch.empty();
    std::vector<git_oid> roots;
    std::optional<git_oid> tip;  // "HEAD" for in_head: the branch's tip with --branch
    if (all) {
        roots = all_ref_commits(repo);
        tip = head_commit(repo);
    } else {
        tip = resolve_commit(repo, opts.branch);
        if (!tip) throw Error(fmt::format("--branch: '{}' is not a ref or commit in this repository", diag::printable(opts.branch)));
        roots.push_back(*tip);
    }

    progress.phase("listing objects", 0);
    ObjectListing listing = list_objects(repo);
    CommitGraph graph = load_commits(odb.get(), CommitWalk{roots, {}, shallow});
    progress.done();
    out.stats.errors += listing.errors;
    notice_truncated(repo, graph);
    report_missing_commits(graph);

    std::vector<ObjectRef> blobs = blobs_to_scan(odb.get(), listing, graph, all, progress);
    ReadOptions ro = read_options(repo, opts, &progress);
    ro.packs = listing.packs.get();
    // The path-scoped rules run only on blobs some tree lists under a name they may match, and
    // which those are is learnt in provenance's tree pass below: so the scan runs without them
    // and the few blobs marked there are scanned again with them (scoped_blobs.hpp).
    ScopedMarks scoped(rules, blobs.size(), ro.threads ? ro.threads : default_thread_count());
    const std::vector<char> unscoped(scoped.active() ? blobs.size() : 0, 0);
    if (scoped.active()) ro.scoped = &unscoped;
    progress.phase("scanning blobs", blobs.size(), bytes_to_read(blobs, opts.max_file_size));
    BlobFindings found = scan_blobs(rules, blobs, ro, SourceKind::Git, archive_limits(opts));
    ro.scoped = nullptr;
    progress.done();
    add_stats(out.stats, found.stats);
    std::vector<std::pair<std::size_t, ObjectRef>> as_listed;  // renamed blobs, as the listing had them
    for (const auto& [i, id] : found.renamed) {
        as_listed.emplace_back(i, blobs[i]);
        blobs[i].id = id;  // place the content where trees name it
    }
    // The full audit scans the odb's own list of blobs, so a blob that a tree names but the
    // odb lacks would go unnoticed: the tree pass that provenance needs checks for them too.
    if (found.found.empty() && !all && !scoped.active()) return out;

    // Provenance, for the blobs with findings only: first the reachable commits, then (full
    // audit) the commits in the odb that no ref reaches (amended, rebased, dropped).
    OidSet targets;
    for (const auto& [i, fs] : found.found) targets.insert(blobs[i].id);
    PlacementSearch search(odb.get(), targets);
    search.index_trees(listing.trees, ro, &blobs, all, &scoped);
    if (scoped.active()) rescan_scoped(rules, blobs, as_listed, scoped, ro, opts, found, search, progress);
    auto missing = search.finish_index();
    progress.done();
    report_missing(repo, missing, out.stats);
    if (found.found.empty()) return out;
    search.search(graph, 0, &progress);
    CommitGraph lost;
    if (all) {
        std::vector<git_oid> dangling;
        for (const auto& c : listing.commits)
            if (!graph.find(c)) dangling.push_back(c);
        auto in_graph = [&](const git_oid& id) { return graph.find(id).has_value(); };
        if (!dangling.empty()) {
            lost = load_commits(odb.get(), CommitWalk{dangling, in_graph, shallow});
            search.search(lost, static_cast<std::uint32_t>(graph.commits.size()), &progress);
        }
    }
    const auto reachable = static_cast<std::uint32_t>(graph.commits.size());
    auto commit_at = [&](std::uint32_t pos) -> const git_oid& {
        return pos < reachable ? graph.commits[pos].id : lost.commits[pos - reachable].id;
    };

    // One occurrence per (blob, path) standing for all the commits that hold it there; with
    // --all-occurrences, one per (commit, path).
    PathFilter filter(rules);
    std::vector<Occurrence> occ;
    std::unordered_map<git_oid, const std::vector<Finding>*, OidHash, OidEq> by_blob;
    for (const auto& [i, fs] : found.found) by_blob[blobs[i].id] = &fs;
    HeadPaths at_head;
    if (tip)
        if (auto k = graph.find(*tip))
            for (const auto& [path, blob] : search.files_at(*k)) {
                auto fs = by_blob.find(blob);  // a target whose findings the scoped rescan replaced by none
                if (fs == by_blob.end()) continue;
                for (const auto& f : *fs->second)
                    at_head[f.secret].push_back(placed_path(search.paths()[path], f.source));
            }

    OidSet kept;
    if (all)
        for (const auto& id : kept_blobs_outside_commits(repo)) kept.insert(id);
    for (const auto& [i, fs] : found.found) {
        auto places = search.placements(blobs[i].id);
        if (places.empty()) {
            // In no commit: what a commit the pre-commit hook blocked leaves behind once it is
            // unstaged. Reported only on request, counted otherwise (docs/git.md).
            bool is_kept = kept.count(blobs[i].id) > 0;
            if (is_kept || opts.include_unreachable)
                add_unplaced(blobs[i].id, fs, opts.all_occurrences, is_kept, at_head, out.findings);
            else ++out.stats.unreachable_blobs;
        }
        if (opts.all_occurrences) continue;
        for (const auto& p : places)
            for (const auto& f : fs)
                if (!filter.dropped(f, search.paths()[p.path])) occ.push_back({p.first, p.path, &f, p.commits});
    }
    if (opts.all_occurrences)
        search.for_each_placement([&](std::uint32_t commit, std::uint32_t path, const git_oid& blob) {
            auto fs = by_blob.find(blob);
            if (fs == by_blob.end()) return;
            for (const auto& f : *fs->second)
                if (!filter.dropped(f, search.paths()[path])) occ.push_back({commit, path, &f, 1});
        });
    std::vector<std::uint32_t> positions;
    OccurrenceOptions oo{opts.all_occurrences, [&](std::uint32_t pos) { return commit_info(repo, commit_at(pos)); }};
    auto placed = group_occurrences(std::move(occ), search.paths(), oo, &positions);

    for (std::size_t k = 0; k < placed.size(); ++k) {
        if (!filter.keep_at_path(placed[k])) continue;
        placed[k].head = head_of(placed[k], at_head, true);
        placed[k].in_head = placed[k].head->status != HeadStatus::HistoryOnly;
        placed[k].unreachable = positions[k] >= reachable;
        out.findings.push_back(std::move(placed[k]));
    }
    return out;
}

}  // namespace

ScanOutput scan_git(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts) {
    ScanClock clock;
    configure_bulk_reads();
    Progress progress(progress_wanted(opts.progress, opts.quiet));
    ScanOutput out = opts.range.empty() ? scan_history(rules, repo, opts, progress) : scan_range(rules, repo, opts, progress);
    return clock.finish(std::move(out));
}

}  // namespace nhiscan
