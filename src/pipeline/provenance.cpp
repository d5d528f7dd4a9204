#include "pipeline/provenance.hpp"

#include <ctime>

#include <fmt/core.h>

#include "sources/git_handle.hpp"
#include "sources/git_oid.hpp"
#include "sources/git_trees.hpp"

namespace nhiscan {

PlacementSearch::PlacementSearch(git_odb* odb, OidSet targets)
    : odb_(odb), targets_(std::move(targets)), prefix_(1024, 0) {
    for (const auto& t : targets_) {
        unsigned k = (unsigned(t.id[0]) << 8 | t.id[1]) & 0xFFFF;
        prefix_[k >> 6] |= std::uint64_t(1) << (k & 63);
    }
}

void PlacementSearch::prepare(const std::vector<ObjectRef>& trees, const ReadOptions& ro) {
    tree_index_ = std::make_unique<OidIndex>(trees, [](const ObjectRef& r) { return r.id; });
    const std::size_t n = trees.size();
    // Pass 1, on the workers in pack order: each tree's subtrees (as positions), and whether
    // it lists a target itself. A batch of kReadBatch trees is one worker's, so each batch
    // gets its own list of children, in order.
    constexpr std::uint8_t kRead = 1, kDirect = 2, kVisiting = 4, kDone = 8, kHolds = 16;
    std::vector<std::uint8_t> state(n, 0);
    std::vector<std::vector<std::uint32_t>> kids((n + kReadBatch - 1) / kReadBatch);
    std::vector<std::uint32_t> kid_begin(n, 0), kid_end(n, 0);
    ReadOptions opts = ro;
    opts.max_size = UINT64_MAX;
    opts.noun = "tree";
    opts.paths = nullptr;
    ScanStats stats;
    read_objects(trees, opts, [&](unsigned, std::size_t i, std::string_view data) {
        auto& list = kids[i / kReadBatch];
        kid_begin[i] = static_cast<std::uint32_t>(list.size());
        bool ok = for_each_tree_entry(data, [&](const TreeEntryRef& e) {
            if (e.kind() == EntryKind::Tree) {
                list.push_back(tree_index_->find(e.id));  // npos: not in the odb, so "maybe"
            } else if (e.kind() == EntryKind::Blob && maybe_target(e.id) && targets_.count(e.id)) {
                state[i] |= kDirect;
            }
        });
        kid_end[i] = static_cast<std::uint32_t>(list.size());
        if (ok) state[i] |= kRead;
    }, stats);
    // Pass 2, in memory: a tree holds a target if it lists one or any subtree holds one.
    // Unread trees count as holding one, so the walk reads them itself.
    std::vector<std::uint32_t> stack;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (state[root] & kDone) continue;
        stack.push_back(root);
        while (!stack.empty()) {
            std::uint32_t t = stack.back();
            auto& st = state[t];
            if (st & kDone) {
                stack.pop_back();
                continue;
            }
            const auto& list = kids[t / kReadBatch];
            if (!(st & kVisiting)) {
                st |= kVisiting;
                if (!(st & kRead) || (st & kDirect)) st |= kHolds;
                for (auto k = kid_begin[t]; k < kid_end[t]; ++k)
                    if (list[k] != OidIndex::npos && !(state[list[k]] & kDone)) stack.push_back(list[k]);
                continue;
            }
            for (auto k = kid_begin[t]; k < kid_end[t] && !(st & kHolds); ++k)
                if (list[k] == OidIndex::npos || (state[list[k]] & kHolds)) st |= kHolds;
            st |= kDone;
            stack.pop_back();
        }
    }
    holds_.resize(n);
    for (std::size_t i = 0; i < n; ++i) holds_[i] = (state[i] & kHolds) ? 1 : 0;
}

std::int32_t PlacementSearch::hits_of(const git_oid& tree) {
    if (auto it = memo_.find(tree); it != memo_.end()) return it->second;
    if (tree_index_) {
        std::uint32_t k = tree_index_->find(tree);
        if (k != OidIndex::npos && !holds_[k]) return -1;  // known to hold no target: never read
    }
    // The tree's bytes stay alive while its subtrees are searched (depth x tree size), so
    // entry names are views: only the rare path that leads to a target is ever copied.
    auto obj = read_tree(odb_, tree);
    ++trees_read_;
    std::vector<Hit> local;
    parse_tree(tree, obj.get(), [&](const TreeEntryRef& e) {
        if (e.kind() == EntryKind::Tree) {
            std::int32_t h = hits_of(e.id);
            if (h < 0) return;
            for (const auto& sub : hits_[static_cast<std::size_t>(h)]) {
                std::string path;
                path.reserve(e.name.size() + 1 + sub.path.size());
                path.append(e.name).append("/").append(sub.path);
                local.push_back({std::move(path), sub.blob});
            }
        } else if (e.kind() == EntryKind::Blob && maybe_target(e.id) && targets_.count(e.id)) {
            local.push_back({std::string(e.name), e.id});
        }
    });
    std::int32_t result = -1;
    if (!local.empty()) {
        result = static_cast<std::int32_t>(hits_.size());
        hits_.push_back(std::move(local));
    }
    memo_.emplace(tree, result);
    return result;
}

std::uint32_t PlacementSearch::intern(const std::string& path) {
    auto [it, inserted] = path_ids_.emplace(path, static_cast<std::uint32_t>(paths_.size()));
    if (inserted) paths_.push_back(path);
    return it->second;
}

void PlacementSearch::search(const CommitGraph& graph, std::uint32_t first, Progress* progress) {
    if (progress) progress->phase("finding introducing commits", graph.commits.size());
    for (std::uint32_t i = 0; i < graph.commits.size(); ++i) {
        std::int32_t h = hits_of(graph.commits[i].tree);
        if (progress) progress->add(1);
        if (h < 0) continue;
        std::uint32_t pos = first + i;
        for (const auto& hit : hits_[static_cast<std::size_t>(h)]) {
            placements_[hit.blob].push_back({pos, intern(hit.path)});
            by_commit_[pos].push_back(hit.blob);
        }
    }
    if (progress) progress->done();
}

const std::vector<Placement>& PlacementSearch::placements(const git_oid& blob) const {
    static const std::vector<Placement> none;
    auto it = placements_.find(blob);
    return it == placements_.end() ? none : it->second;
}

std::vector<git_oid> PlacementSearch::blobs_at(std::uint32_t position) const {
    auto it = by_commit_.find(position);
    return it == by_commit_.end() ? std::vector<git_oid>{} : it->second;
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
