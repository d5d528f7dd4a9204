#include "sources/git/commits.hpp"

#include <charconv>
#include <queue>

#include <fmt/core.h>

#include "core/error.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan {
namespace {

bool parse_hex_line(std::string_view line, std::string_view key, git_oid& out) {
    if (line.size() < key.size() + GIT_OID_HEXSZ || line.substr(0, key.size()) != key) return false;
    return git_oid_fromstrn(&out, line.data() + key.size(), GIT_OID_HEXSZ) == 0;
}

enum class Read { Ok, Missing };

// Reads and parses one commit. Missing objects are reported to the caller; anything else
// (corrupt object, not a commit) is an Error.
Read read_commit(git_odb* odb, const git_oid& id, RawCommit& out) {
    git_odb_object* raw = nullptr;
    int rc = git_odb_read(&raw, odb, &id);
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return Read::Missing;
    }
    git_check(rc, fmt::format("cannot read commit {}", oid_hex(id)));
    GitOdbObject obj(raw);
    if (git_odb_object_type(raw) != GIT_OBJECT_COMMIT) throw Error(fmt::format("object {} is not a commit", oid_hex(id)));
    std::string_view data(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
    if (!parse_commit(data, out)) throw Error(fmt::format("corrupt commit {}", oid_hex(id)));
    return Read::Ok;
}

}  // namespace

bool parse_commit(std::string_view data, RawCommit& out) {
    out = RawCommit{};
    bool have_tree = false;
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string_view::npos) nl = data.size();
        std::string_view line = data.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty()) break;  // end of the header: the message follows
        git_oid oid;
        if (parse_hex_line(line, "tree ", oid)) {
            out.tree = oid;
            have_tree = true;
        } else if (parse_hex_line(line, "parent ", oid)) {
            out.parents.push_back(oid);
        } else if (line.substr(0, 10) == "committer ") {
            auto gt = line.rfind('>');
            if (gt == std::string_view::npos) continue;
            auto num = line.substr(gt + 1);
            while (!num.empty() && num.front() == ' ') num.remove_prefix(1);
            std::from_chars(num.data(), num.data() + num.size(), out.time);
        }
    }
    return have_tree;
}

CommitGraph load_commits(git_odb* odb, const CommitWalk& walk) {
    OidSet shallow(walk.shallow.begin(), walk.shallow.end());
    OidSet missing;
    std::vector<git_oid> missing_order;
    std::vector<CommitNode> nodes;
    std::unordered_map<git_oid, std::uint32_t, OidHash, OidEq> index;
    auto excluded = [&](const git_oid& id) { return walk.excluded && walk.excluded(id); };

    std::vector<std::pair<git_oid, bool>> stack;  // (commit, is a root)
    for (const auto& r : walk.roots) stack.emplace_back(r, true);
    while (!stack.empty()) {
        auto [id, root] = stack.back();
        stack.pop_back();
        if (index.count(id) || missing.count(id) || excluded(id)) continue;
        RawCommit c;
        if (read_commit(odb, id, c) == Read::Missing) {
            if (root) throw Error(fmt::format("commit {} is missing from the repository", oid_hex(id)));
            if (missing.insert(id).second) missing_order.push_back(id);
            continue;
        }
        if (shallow.count(id)) c.parents.clear();  // the boundary of a shallow clone: a root for us
        index.emplace(id, static_cast<std::uint32_t>(nodes.size()));
        for (const auto& p : c.parents) stack.emplace_back(p, false);
        nodes.push_back(CommitNode{id, c.tree, c.time, std::move(c.parents), {}});
    }

    // Kahn's algorithm: a commit is ready once all its parents are placed; the oldest ready
    // commit goes next, so unrelated branches interleave by time.
    const std::size_t n = nodes.size();
    std::vector<std::vector<std::uint32_t>> children(n);
    std::vector<std::uint32_t> pending(n, 0);
    for (std::uint32_t i = 0; i < n; ++i) {
        auto& pids = nodes[i].parent_ids;
        std::erase_if(pids, [&](const git_oid& p) { return missing.count(p) > 0; });
        for (const auto& p : pids) {
            auto it = index.find(p);
            if (it == index.end()) continue;  // excluded: outside this graph
            children[it->second].push_back(i);
            ++pending[i];
        }
    }
    using Key = std::pair<std::int64_t, std::uint32_t>;
    std::priority_queue<Key, std::vector<Key>, std::greater<>> ready;
    for (std::uint32_t i = 0; i < n; ++i)
        if (pending[i] == 0) ready.emplace(nodes[i].time, i);
    std::vector<std::uint32_t> order;
    order.reserve(n);
    while (!ready.empty()) {
        auto [t, i] = ready.top();
        ready.pop();
        order.push_back(i);
        for (auto c : children[i])
            if (--pending[c] == 0) ready.emplace(nodes[c].time, c);
    }
    if (order.size() != n) throw Error("the commit graph has a cycle (corrupt repository)");

    CommitGraph g;
    g.missing_parents = missing.size();
    g.missing = std::move(missing_order);
    g.commits.reserve(n);
    for (auto i : order) {
        g.index.emplace(nodes[i].id, static_cast<std::uint32_t>(g.commits.size()));
        g.commits.push_back(std::move(nodes[i]));
    }
    for (auto& c : g.commits)
        for (const auto& p : c.parent_ids)
            if (auto k = g.find(p)) c.parents.push_back(*k);
    return g;
}

OidSet reachable_commits(git_odb* odb, const std::vector<git_oid>& roots, const std::vector<git_oid>& shallow_list) {
    OidSet shallow(shallow_list.begin(), shallow_list.end());
    OidSet seen;
    std::vector<git_oid> stack(roots);
    while (!stack.empty()) {
        git_oid id = stack.back();
        stack.pop_back();
        if (seen.count(id)) continue;
        RawCommit c;
        if (read_commit(odb, id, c) == Read::Missing) continue;
        seen.insert(id);
        if (!shallow.count(id))
            for (const auto& p : c.parents) stack.push_back(p);
    }
    return seen;
}

}  // namespace nhiscan
