#include "pipeline/provenance.hpp"

#include <ctime>

#include <fmt/core.h>

#include "sources/git_handle.hpp"
#include "sources/git_trees.hpp"

namespace nhiscan {

PlacementSearch::PlacementSearch(git_odb* odb, OidSet targets) : odb_(odb), targets_(std::move(targets)) {}

std::int32_t PlacementSearch::hits_of(const git_oid& tree) {
    if (auto it = memo_.find(tree); it != memo_.end()) return it->second;
    std::vector<Hit> local;
    std::vector<std::pair<std::string, git_oid>> subtrees;
    {
        auto obj = read_tree(odb_, tree);
        ++trees_read_;
        parse_tree(tree, obj.get(), [&](const TreeEntryRef& e) {
            if (e.kind() == EntryKind::Tree) subtrees.emplace_back(std::string(e.name), e.id);
            else if (e.kind() == EntryKind::Blob && targets_.count(e.id)) local.push_back({std::string(e.name), e.id});
        });
    }  // the tree's bytes are released before descending
    for (const auto& [name, id] : subtrees) {
        std::int32_t h = hits_of(id);
        if (h < 0) continue;
        for (const auto& sub : hits_[static_cast<std::size_t>(h)]) local.push_back({name + "/" + sub.path, sub.blob});
    }
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
