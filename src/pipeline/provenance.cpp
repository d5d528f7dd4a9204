#include "pipeline/provenance.hpp"

#include <malloc.h>

#include <algorithm>
#include <ctime>
#include <tuple>

#include <fmt/core.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pipeline/scoped_blobs.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan {

namespace {
constexpr unsigned kMaxTreeDepth = 4096;  // git's own core.maxTreeDepth default; bounds the recursion
}  // namespace


PlacementSearch::PlacementSearch(git_odb* odb, OidSet targets)
    : odb_(odb), targets_(std::move(targets)), prefix_(1024, 0) {
    for (const auto& t : targets_) {
        unsigned k = (unsigned(t.id[0]) << 8 | t.id[1]) & 0xFFFF;
        prefix_[k >> 6] |= std::uint64_t(1) << (k & 63);
    }
    paths_.emplace_back();  // the root
}

PlacementSearch::~PlacementSearch() = default;

// What pass 1 learns about every listed tree, for pass 2.
struct PlacementSearch::TreeGraph {
    enum Flag : std::uint8_t { Read = 1, Direct = 2, Visiting = 4, Done = 8, Holds = 16 };
    std::vector<std::uint8_t> state;                  // Flags per tree position
    std::vector<std::vector<std::uint32_t>> kids;     // per read batch: subtree positions (npos: unlisted)
    std::vector<std::uint32_t> kid_begin, kid_end;    // per tree: its range in kids[batch]
    std::vector<std::vector<MissingObject>> absent;   // per read batch: named, not listed
};

std::vector<MissingObject> PlacementSearch::prepare(const std::vector<ObjectRef>& trees, const ReadOptions& ro,
                                                    const std::vector<ObjectRef>* blobs) {
    index_trees(trees, ro, blobs, blobs != nullptr);
    return finish_index();
}

void PlacementSearch::index_trees(const std::vector<ObjectRef>& trees, const ReadOptions& ro,
                                  const std::vector<ObjectRef>* blobs, bool check_connectivity, ScopedMarks* scoped) {
    tree_index_ = std::make_unique<OidIndex>(trees, [](const ObjectRef& r) { return r.id; });
    trees_ = &trees;
    opts_ = ro;
    opts_.max_size = UINT64_MAX;
    opts_.noun = "tree";
    opts_.type = GIT_OBJECT_TREE;
    opts_.paths = nullptr;
    opts_.scoped = nullptr;
    opts_.threads = ro.threads ? ro.threads : default_thread_count();
    recent_trees_.assign(opts_.threads, RecentIds{});
    read_tree_graph(trees, blobs, check_connectivity && blobs, scoped && scoped->active() ? scoped : nullptr);
}

void PlacementSearch::add_targets(const std::vector<git_oid>& more, const std::vector<std::uint32_t>* listed_by) {
    OidSet added;
    for (const auto& t : more) {
        if (!targets_.insert(t).second) continue;
        added.insert(t);
        unsigned k = (unsigned(t.id[0]) << 8 | t.id[1]) & 0xFFFF;
        prefix_[k >> 6] |= std::uint64_t(1) << (k & 63);
    }
    if (added.empty() || !graph_) return;
    if (listed_by)
        for (auto i : *listed_by) graph_->state[i] |= TreeGraph::Direct;
    else mark_listing(*trees_, added);
}

std::vector<MissingObject> PlacementSearch::finish_index() {
    std::vector<std::vector<MissingObject>> absent;
    std::vector<std::uint32_t> holding;
    {  // the edges (tens of millions on a big history) are freed before pass 2 allocates
        std::unique_ptr<TreeGraph> g = std::move(graph_);
        holding = mark_holders(*g);
        absent = std::move(g->absent);
    }
    ::malloc_trim(0);  // hand the freed edge lists back: glibc keeps them otherwise
    keep_entries(*trees_, holding);
    trees_ = nullptr;
    return confirm_missing(absent);
}

// Pass 1, on the workers in pack order: each tree's subtrees (as positions), and whether it
// lists a target itself. A batch of kReadBatch trees is one worker's, so each batch gets its
// own list of children, in order. With `check_connectivity`, also what trees name that is not
// listed; with `scoped`, every entry is handed to it too (the path-scoped rules' marks).
void PlacementSearch::read_tree_graph(const std::vector<ObjectRef>& trees, const std::vector<ObjectRef>* blobs,
                                      bool check_connectivity, ScopedMarks* scoped) {
    const ReadOptions& opts = opts_;
    std::unique_ptr<OidIndex> blob_index;
    if (blobs && (check_connectivity || scoped))
        blob_index = std::make_unique<OidIndex>(*blobs, [](const ObjectRef& r) { return r.id; });
    const std::size_t n = trees.size();
    const std::size_t batches = (n + kReadBatch - 1) / kReadBatch;
    graph_ = std::make_unique<TreeGraph>();
    TreeGraph& g = *graph_;
    g.state.assign(n, 0);
    g.kids.resize(batches);
    g.kid_begin.assign(n, 0);
    g.kid_end.assign(n, 0);
    g.absent.resize(check_connectivity ? batches : 0);
    std::vector<RecentIds> recent_blobs(blob_index ? opts.threads : 0);
    // With no targets the pass only checks presence, unless the scoped rules may add some.
    const bool edges = !targets_.empty() || scoped;
    if (opts.progress) opts.progress->phase("indexing trees", n);  // tree sizes are not known up front (deltas)
    ScanStats stats;
    auto& recent_trees = recent_trees_;
    read_objects(trees, opts, [&](unsigned w, std::size_t i, std::string_view data) {
        const std::size_t batch = i / kReadBatch;
        auto& list = g.kids[batch];
        g.kid_begin[i] = static_cast<std::uint32_t>(list.size());
        const git_oid& self = trees[i].id;
        bool ok = for_each_tree_entry(data, [&](const TreeEntryRef& e) {
            if (e.kind() == EntryKind::Tree) {
                std::uint32_t k = recent_trees[w].find(*tree_index_, e.id);
                if (edges) list.push_back(k);  // npos: not in the odb, so "maybe"
                if (k == OidIndex::npos && check_connectivity) g.absent[batch].push_back({e.id, self, true});
                if (scoped) scoped->subtree(w, e.name, k != OidIndex::npos);
            } else if (e.kind() == EntryKind::Blob) {
                if (maybe_target(e.id) && targets_.count(e.id)) g.state[i] |= TreeGraph::Direct;
                if (!blob_index) return;
                std::uint32_t k = recent_blobs[w].find(*blob_index, e.id);
                if (k == OidIndex::npos) {
                    if (check_connectivity) g.absent[batch].push_back({e.id, self, false});
                } else if (scoped) {
                    scoped->blob(w, static_cast<std::uint32_t>(i), k, e.name);
                }
            }
        });
        g.kid_end[i] = static_cast<std::uint32_t>(list.size());
        if (ok) g.state[i] |= TreeGraph::Read;
        else if (scoped) scoped->unsure();
        if ((i + 1) % kReadBatch == 0 || i + 1 == n) list.shrink_to_fit();  // tens of millions of edges in all
    }, stats);
    if (scoped && (stats.errors || stats.items != n)) scoped->unsure();
}

// After pass 1, when targets were added whose trees it could not tell: read every tree again
// and mark those that list one of `blobs`. Only when the path-scoped rules found a blob that
// is also listed under a name they cannot match (rare: the same content under two names).
void PlacementSearch::mark_listing(const std::vector<ObjectRef>& trees, const OidSet& blobs) {
    ReadOptions opts = opts_;
    opts.quiet = true;  // pass 1 reported what it could not read
    opts.progress = nullptr;
    ScanStats stats;
    read_objects(
        trees, opts,
        [&](unsigned, std::size_t i, std::string_view data) {
            for_each_tree_entry(data, [&](const TreeEntryRef& e) {
                if (e.kind() == EntryKind::Blob && blobs.count(e.id)) graph_->state[i] |= TreeGraph::Direct;
            });
        },
        stats);
}

// Pass 2, in memory: a tree holds a target if it lists one or any subtree holds one. Unread
// trees count as holding one, so the walk reads them itself. Sets holds_ and returns the
// positions of the readable trees that hold a target.
std::vector<std::uint32_t> PlacementSearch::mark_holders(TreeGraph& g) {
    using F = TreeGraph;
    const auto n = static_cast<std::uint32_t>(g.state.size());
    std::vector<std::uint32_t> stack;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (g.state[root] & F::Done) continue;
        stack.push_back(root);
        while (!stack.empty()) {
            std::uint32_t t = stack.back();
            auto& st = g.state[t];
            if (st & F::Done) {
                stack.pop_back();
                continue;
            }
            const auto& list = g.kids[t / kReadBatch];
            if (!(st & F::Visiting)) {
                st |= F::Visiting;
                if (!(st & F::Read) || (st & F::Direct)) st |= F::Holds;
                for (auto k = g.kid_begin[t]; k < g.kid_end[t]; ++k)
                    if (list[k] != OidIndex::npos && !(g.state[list[k]] & F::Done)) stack.push_back(list[k]);
                continue;
            }
            for (auto k = g.kid_begin[t]; k < g.kid_end[t] && !(st & F::Holds); ++k)
                if (list[k] == OidIndex::npos || (g.state[list[k]] & F::Holds)) st |= F::Holds;
            st |= F::Done;
            stack.pop_back();
        }
    }
    std::vector<std::uint32_t> holding_at;
    holds_.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        holds_[i] = (g.state[i] & F::Holds) ? 1 : 0;
        if ((g.state[i] & F::Holds) && (g.state[i] & F::Read)) holding_at.push_back(i);
    }
    return holding_at;
}

// Pass 3, on the workers in pack order again: the trees that hold a target, keeping just the
// entries on the way to one. The walk then reads nothing: in commit order, the same reads
// cost several times more (delta bases far apart in the pack).
void PlacementSearch::keep_entries(const std::vector<ObjectRef>& trees, const std::vector<std::uint32_t>& position) {
    const ReadOptions& opts = opts_;
    auto& recent_trees = recent_trees_;
    std::vector<ObjectRef> holding;
    holding.reserve(position.size());
    for (auto i : position) holding.push_back(trees[i]);
    kept_.assign(trees.size(), Kept{});
    ScanStats kept_stats;
    if (opts.progress) opts.progress->phase("indexing trees (second pass)", holding.size());
    kept_batches_.assign((holding.size() + kReadBatch - 1) / kReadBatch, {});
    read_objects(holding, opts, [&](unsigned w, std::size_t j, std::string_view data) {
        auto& batch = kept_batches_[j / kReadBatch];
        Kept k{static_cast<std::uint32_t>(j / kReadBatch), static_cast<std::uint32_t>(batch.entries.size()), 0};
        for_each_tree_entry(data, [&](const TreeEntryRef& e) {
            KeptEntry ke{0, static_cast<std::uint32_t>(batch.names.size()),
                         static_cast<std::uint16_t>(std::min<std::size_t>(e.name.size(), UINT16_MAX)), KeptEntry::Target};
            if (e.kind() == EntryKind::Tree) {
                std::uint32_t child = recent_trees[w].find(*tree_index_, e.id);
                if (child == OidIndex::npos ? missing_trees_.count(e.id) : !holds_[child]) return;
                ke.kind = child == OidIndex::npos ? KeptEntry::OtherTree : KeptEntry::ListedTree;
                ke.ref = child;
            } else if (!(e.kind() == EntryKind::Blob && maybe_target(e.id) && targets_.count(e.id))) {
                return;
            }
            if (ke.kind != KeptEntry::ListedTree) {
                ke.ref = static_cast<std::uint32_t>(batch.ids.size());
                batch.ids.push_back(e.id);
            }
            batch.entries.push_back(ke);
            batch.names.append(e.name.substr(0, ke.name_size));
        });
        k.end = static_cast<std::uint32_t>(batch.entries.size());
        if ((j + 1) % kReadBatch == 0 || j + 1 == holding.size()) {  // the batch is complete
            batch.entries.shrink_to_fit();
            batch.ids.shrink_to_fit();
            batch.names.shrink_to_fit();
        }
        kept_[position[j]] = k;
    }, kept_stats);
    trees_read_ += kept_stats.items;
}

// Not in the listing is not yet missing: an alternate object store may have it.
std::vector<MissingObject> PlacementSearch::confirm_missing(const std::vector<std::vector<MissingObject>>& absent) {
    std::vector<MissingObject> missing;
    OidSet seen;
    for (const auto& list : absent)
        for (const auto& m : list)
            if (seen.insert(m.id).second && !git_odb_exists(odb_, &m.id)) {
                missing.push_back(m);
                if (m.is_tree) missing_trees_.insert(m.id);
            }
    return missing;
}

bool PlacementSearch::may_hold(const git_oid& tree) const {
    if (!tree_index_) return true;
    std::uint32_t k = tree_index_->find(tree);
    if (k == OidIndex::npos) return !missing_trees_.count(tree);  // unlisted: read it to know; missing: reported
    return holds_[k];
}

std::uint32_t PlacementSearch::intern_path(std::uint32_t parent, std::string_view name) {
    std::string key(reinterpret_cast<const char*>(&parent), sizeof parent);
    key.append(name);
    auto [it, inserted] = path_ids_.emplace(std::move(key), static_cast<std::uint32_t>(paths_.size()));
    if (inserted) paths_.push_back(parent == 0 ? std::string(name) : paths_[parent] + "/" + std::string(name));
    return it->second;
}

std::int32_t PlacementSearch::intern_node(Node&& node) {
    std::string key;
    key.reserve(node.dirs.size() * 8 + 1 + node.files.size() * (4 + GIT_OID_RAWSZ));
    for (const auto& [p, c] : node.dirs) {
        key.append(reinterpret_cast<const char*>(&p), sizeof p);
        key.append(reinterpret_cast<const char*>(&c), sizeof c);
    }
    key.push_back('|');
    for (const auto& [p, b] : node.files) {
        key.append(reinterpret_cast<const char*>(&p), sizeof p);
        key.append(reinterpret_cast<const char*>(b.id), GIT_OID_RAWSZ);
    }
    auto [it, inserted] = node_ids_.emplace(std::move(key), static_cast<std::int32_t>(nodes_.size()));
    if (inserted) nodes_.push_back(std::move(node));
    return it->second;
}

std::int32_t PlacementSearch::node_of(const git_oid& tree, std::uint32_t path, unsigned depth) {
    MemoKey key{tree, path};
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (!may_hold(tree)) return -1;  // known to hold no target: never read
    if (depth > kMaxTreeDepth)
        throw Error(fmt::format("tree {} is nested more than {} directories deep", oid_hex(tree), kMaxTreeDepth));
    Node node;
    auto visit = [&](const git_oid& id, bool is_tree, std::string_view name) {
        if (is_tree) {
            if (!may_hold(id)) return;
            std::uint32_t sub = intern_path(path, name);
            std::int32_t h = node_of(id, sub, depth + 1);
            if (h >= 0) node.dirs.emplace_back(sub, static_cast<std::uint32_t>(h));
        } else if (maybe_target(id) && targets_.count(id)) {
            node.files.emplace_back(intern_path(path, name), id);
        }
    };
    std::uint32_t k = tree_index_ ? tree_index_->find(tree) : OidIndex::npos;
    if (k != OidIndex::npos && kept_[k].end) {  // kept by prepare()
        const auto& batch = kept_batches_[kept_[k].batch];
        for (auto e = kept_[k].begin; e < kept_[k].end; ++e) {
            const KeptEntry& ke = batch.entries[e];
            const git_oid& id = ke.kind == KeptEntry::ListedTree ? tree_index_->id(ke.ref) : batch.ids[ke.ref];
            visit(id, ke.kind != KeptEntry::Target, std::string_view(batch.names).substr(ke.name, ke.name_size));
        }
    } else {
        // The tree's bytes stay alive while its subtrees are searched (depth x tree size), so
        // entry names are views: only the names on the way to a target are interned.
        auto obj = read_tree(odb_, tree);
        ++trees_read_;
        parse_tree(tree, obj.get(), [&](const TreeEntryRef& e) {
            if (e.kind() == EntryKind::Tree || e.kind() == EntryKind::Blob) visit(e.id, e.kind() == EntryKind::Tree, e.name);
        });
    }
    std::int32_t result = node.dirs.empty() && node.files.empty() ? -1 : intern_node(std::move(node));
    memo_.emplace(key, result);
    return result;
}

void PlacementSearch::search(const CommitGraph& graph, std::uint32_t first, Progress* progress) {
    if (root_of_.empty()) base_ = first;
    if (first != base_ + root_of_.size()) throw Error("provenance: commits must be searched in order");
    if (progress) progress->phase("finding introducing commits", graph.commits.size());
    for (const auto& c : graph.commits) {
        root_of_.push_back(node_of(c.tree, 0, 0));
        if (progress) progress->add(1);
    }
    counted_ = false;
    if (progress) progress->done();
}

// Commits per node, then per (blob, path). A commit reaches each node at most once (a node's
// paths are full paths, and a commit's tree has one entry per path), so a node's count is
// the sum of its parents' counts. Parents have larger ids than their children.
void PlacementSearch::count() {
    const std::size_t n = nodes_.size();
    std::vector<std::uint64_t> commits(n, 0);
    std::vector<std::uint32_t> first(n, UINT32_MAX);
    for (std::uint32_t k = 0; k < root_of_.size(); ++k) {
        std::int32_t r = root_of_[k];
        if (r < 0) continue;
        ++commits[static_cast<std::size_t>(r)];
        first[static_cast<std::size_t>(r)] = std::min(first[static_cast<std::size_t>(r)], base_ + k);
    }
    placed_.clear();
    for (std::size_t id = n; id-- > 0;) {
        if (!commits[id]) continue;
        for (const auto& [p, c] : nodes_[id].dirs) {
            commits[c] += commits[id];
            first[c] = std::min(first[c], first[id]);
        }
        for (const auto& [p, b] : nodes_[id].files) {
            auto& list = placed_[b];
            auto it = std::find_if(list.begin(), list.end(), [&, p = p](const PlacedBlob& x) { return x.path == p; });
            if (it == list.end()) it = list.insert(list.end(), PlacedBlob{p, first[id], 0});
            it->first = std::min(it->first, first[id]);
            it->commits += commits[id];
        }
    }
    for (auto& [blob, list] : placed_)
        std::sort(list.begin(), list.end(), [](const PlacedBlob& a, const PlacedBlob& b) {
            return std::tie(a.first, a.path) < std::tie(b.first, b.path);
        });
    counted_ = true;
}

std::vector<PlacedBlob> PlacementSearch::placements(const git_oid& blob) {
    if (!counted_) count();
    auto it = placed_.find(blob);
    return it == placed_.end() ? std::vector<PlacedBlob>{} : it->second;
}

void PlacementSearch::files_under(std::int32_t node, const std::function<void(std::uint32_t, const git_oid&)>& fn) const {
    if (node < 0) return;
    std::vector<std::uint32_t> stack{static_cast<std::uint32_t>(node)};
    while (!stack.empty()) {
        const Node& nd = nodes_[stack.back()];
        stack.pop_back();
        for (const auto& [p, b] : nd.files) fn(p, b);
        for (const auto& [p, c] : nd.dirs) stack.push_back(c);
    }
}

void PlacementSearch::for_each_placement(
    const std::function<void(std::uint32_t, std::uint32_t, const git_oid&)>& fn) const {
    for (std::uint32_t k = 0; k < root_of_.size(); ++k)
        files_under(root_of_[k], [&](std::uint32_t path, const git_oid& blob) { fn(base_ + k, path, blob); });
}

std::vector<git_oid> PlacementSearch::blobs_at(std::uint32_t position) const {
    std::vector<git_oid> out;
    if (position >= base_ && position - base_ < root_of_.size())
        files_under(root_of_[position - base_], [&](std::uint32_t, const git_oid& blob) { out.push_back(blob); });
    return out;
}

std::vector<std::pair<std::uint32_t, git_oid>> PlacementSearch::files_at(std::uint32_t position) const {
    std::vector<std::pair<std::uint32_t, git_oid>> out;
    if (position >= base_ && position - base_ < root_of_.size())
        files_under(root_of_[position - base_],
                    [&](std::uint32_t path, const git_oid& blob) { out.emplace_back(path, blob); });
    return out;
}

std::string iso8601(std::int64_t seconds, int offset_minutes) {
    std::time_t t = static_cast<std::time_t>(seconds + std::int64_t(offset_minutes) * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::string s = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (offset_minutes == 0) return s + "Z";
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    return s + fmt::format("{}{:02}:{:02}", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

CommitInfo commit_info(git_repository* repo, const git_oid& commit) {
    git_commit* raw = nullptr;
    git_check(git_commit_lookup(&raw, repo, &commit), fmt::format("cannot read commit {}", oid_hex(commit)));
    GitCommit c(raw);
    const git_signature* a = git_commit_author(raw);
    CommitInfo info;
    info.commit = oid_hex(commit);
    if (a) {
        info.author_name = a->name ? a->name : "";
        info.author_email = a->email ? a->email : "";
        info.date = iso8601(a->when.time, a->when.offset);
    }
    return info;
}

}  // namespace nhiscan
