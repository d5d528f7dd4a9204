#include "inventory/lifecycle.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

#include <fmt/core.h>
#include <re2/re2.h>

#include "core/error.hpp"
#include "sources/git/commits.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan::inventory {
namespace {

// A fixed-width bit row per commit.
class BitRows {
public:
    BitRows(std::size_t rows, std::size_t bits) : words_((bits + 63) / 64), data_(rows * words_, 0) {}
    void set(std::size_t row, std::size_t bit) { data_[row * words_ + bit / 64] |= 1ull << (bit % 64); }
    bool get(std::size_t row, std::size_t bit) const { return (data_[row * words_ + bit / 64] >> (bit % 64)) & 1; }
    void or_into(std::size_t to, std::size_t from) {
        for (std::size_t w = 0; w < words_; ++w) data_[to * words_ + w] |= data_[from * words_ + w];
    }

private:
    std::size_t words_;
    std::vector<std::uint64_t> data_;
};

struct MemoKey {
    git_oid tree;
    std::uint32_t path, depth;
    bool operator==(const MemoKey& o) const { return path == o.path && depth == o.depth && OidEq{}(tree, o.tree); }
};
struct MemoHash {
    std::size_t operator()(const MemoKey& k) const noexcept {
        return OidHash{}(k.tree) ^ (std::size_t(k.path) * 0x9E3779B97F4A7C15ull) ^ k.depth;
    }
};

std::vector<std::string> split_path(const std::string& p) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= p.size()) {
        auto slash = p.find('/', start);
        if (slash == std::string::npos) slash = p.size();
        out.push_back(p.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

// Keeps, for the commit being visited, the blob at every tracked path. The tracked paths form
// a trie of directories; each trie node remembers the tree it last resolved, so a commit only
// reads the trees that differ from the previous commit's (parsed in place, sources/git/trees.hpp).
class PathResolver {
public:
    PathResolver(git_odb* odb, const std::vector<std::string>& paths) : odb_(odb), blobs_(paths.size()) {
        nodes_.emplace_back();
        for (std::uint32_t i = 0; i < paths.size(); ++i) {
            auto parts = split_path(paths[i]);
            std::uint32_t n = 0;
            for (std::size_t d = 0; d + 1 < parts.size(); ++d) n = child(n, parts[d]);
            nodes_[n].files.emplace_back(parts.back(), i);
        }
        for (auto& node : nodes_) {
            std::sort(node.dirs.begin(), node.dirs.end());
            std::sort(node.files.begin(), node.files.end());
        }
    }

    // Moves to the commit whose root tree is `root`.
    void visit(const git_oid& root) { resolve(0, &root); }
    // The blob at path i in the visited commit (zero id: none).
    const git_oid& blob(std::uint32_t i) const { return blobs_[i]; }

private:
    struct Node {
        std::vector<std::pair<std::string, std::uint32_t>> dirs;   // name -> child node
        std::vector<std::pair<std::string, std::uint32_t>> files;  // name -> path index
        git_oid last{};
        bool present = false;  // `last` is the tree resolved now; false: absent
    };

    std::uint32_t child(std::uint32_t n, const std::string& name) {
        for (const auto& [dname, id] : nodes_[n].dirs)
            if (dname == name) return id;
        auto id = static_cast<std::uint32_t>(nodes_.size());
        nodes_[n].dirs.emplace_back(name, id);
        nodes_.emplace_back();
        return id;
    }

    template <typename V>
    static const typename V::value_type* find(const V& sorted, std::string_view name) {
        auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                                   [](const auto& e, std::string_view n) { return std::string_view(e.first) < n; });
        return it != sorted.end() && it->first == name ? &*it : nullptr;
    }

    void resolve(std::uint32_t n, const git_oid* tree) {
        Node& node = nodes_[n];
        if (tree ? node.present && git_oid_equal(&node.last, tree) : !node.present) return;
        node.present = tree != nullptr;
        if (tree) node.last = *tree;
        std::vector<const git_oid*> dir_ids(node.dirs.size(), nullptr);
        std::vector<git_oid> dir_store(node.dirs.size());
        for (const auto& [name, path] : node.files) blobs_[path] = git_oid{};
        git_odb_object* raw = nullptr;
        if (tree && git_odb_read(&raw, odb_, tree) == 0) {
            GitOdbObject obj(raw);
            std::string_view data(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
            for_each_tree_entry(data, [&](const TreeEntryRef& e) {
                if (e.kind() == EntryKind::Tree) {
                    if (auto* d = find(node.dirs, e.name)) {
                        auto k = static_cast<std::size_t>(d - node.dirs.data());
                        dir_store[k] = e.id;
                        dir_ids[k] = &dir_store[k];
                    }
                } else if (e.kind() == EntryKind::Blob) {
                    if (auto* f = find(node.files, e.name)) blobs_[f->second] = e.id;
                }
            });
        } else if (tree) {
            git_error_clear();  // unreadable: the scan reports it; here it holds nothing
        }
        for (std::size_t k = 0; k < node.dirs.size(); ++k) resolve(nodes_[n].dirs[k].second, dir_ids[k]);
    }

    git_odb* odb_;
    std::vector<Node> nodes_;
    std::vector<git_oid> blobs_;
};

// 1-based line of byte offset `off`.
std::size_t line_of(std::string_view text, std::size_t off) {
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(off), '\n'));
}

struct Sighting {
    std::size_t line = 0;  // 0: absent
    std::string slot;
};

// The refs whose tips peel to a commit, with that commit.
std::vector<std::pair<std::string, git_oid>> ref_tips(git_repository* repo) {
    std::vector<std::pair<std::string, git_oid>> out;
    git_reference_iterator* it_raw = nullptr;
    git_check(git_reference_iterator_new(&it_raw, repo), "cannot list references");
    GitRefIterator it(it_raw);
    git_reference* ref_raw = nullptr;
    while (git_reference_next(&ref_raw, it.get()) == 0) {
        GitReference ref(ref_raw);
        git_object* obj = nullptr;
        if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT) != 0) {
            git_error_clear();
            continue;
        }
        GitObject owned(obj);
        out.emplace_back(git_reference_name(ref.get()), *git_object_id(obj));
    }
    git_error_clear();
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

}  // namespace

std::string slot_before(std::string_view prefix) {
    // name, an optional closing quote or bracket, an assignment operator, an optional opening
    // quote, and optionally a URI's scheme and user (the secret being a DSN's password).
    static const RE2 re(R"(([A-Za-z_][A-Za-z0-9_.\-]*)["'\]]?\s*(?::=|=>|=|:)\s*["'`]?(?:[A-Za-z][A-Za-z0-9+.\-]*://\S*)?$)");
    std::string name;
    if (RE2::PartialMatch(prefix, re, &name)) return name;
    return {};
}

RepoLife walk_history(git_repository* repo, const std::vector<Target>& targets, std::size_t credentials) {
    RepoLife life;
    life.targets.resize(targets.size());
    life.refs.resize(credentials);
    life.branch.resize(credentials);

    // Distinct paths, and the targets at each.
    std::vector<std::string> paths;
    std::map<std::string, std::uint32_t> path_ids;
    std::vector<std::vector<std::size_t>> at_path;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        auto [it, fresh] = path_ids.emplace(targets[t].path, static_cast<std::uint32_t>(paths.size()));
        if (fresh) {
            paths.push_back(targets[t].path);
            at_path.emplace_back();
        }
        at_path[it->second].push_back(t);
    }

    git_odb* odb_raw = nullptr;
    git_check(git_repository_odb(&odb_raw, repo), "cannot open the object database");
    GitOdb odb(odb_raw);
    CommitGraph graph = load_commits(odb.get(), CommitWalk{all_ref_commits(repo), {}, shallow_boundary(repo)});
    const std::size_t n = graph.commits.size();
    for (const auto& c : graph.commits) {
        life.commits.push_back(c.id);
        life.commit_times.push_back(c.time);
    }

    PathResolver resolver(odb.get(), paths);
    // (blob, path) -> per target at that path: where it is, if at all.
    std::unordered_map<MemoKey, std::vector<Sighting>, MemoHash> seen_in;
    auto sightings = [&](const git_oid& blob, std::uint32_t p) -> const std::vector<Sighting>* {
        MemoKey key{blob, p, 0};
        if (auto it = seen_in.find(key); it != seen_in.end()) return &it->second;
        std::vector<Sighting> out(at_path[p].size());
        git_blob* raw = nullptr;
        if (git_blob_lookup(&raw, repo, &blob) == 0) {
            GitBlob b(raw);
            std::string_view text(static_cast<const char*>(git_blob_rawcontent(b.get())),
                                  static_cast<std::size_t>(git_blob_rawsize(b.get())));
            for (std::size_t k = 0; k < at_path[p].size(); ++k) {
                const std::string& s = targets[at_path[p][k]].secret;
                auto off = text.find(s);
                if (off == std::string_view::npos) continue;
                out[k].line = line_of(text, off);
                auto line_start = text.rfind('\n', off);
                line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
                out[k].slot = slot_before(text.substr(line_start, off - line_start));
            }
        } else {
            git_error_clear();
        }
        return &seen_in.emplace(key, std::move(out)).first->second;
    };

    BitRows present(n, targets.size());     // target present in commit
    BitRows contains(n, credentials);       // credential present in commit or an ancestor
    // Per path: the blob last looked up and what it holds (most commits change no tracked path).
    std::vector<git_oid> last_blob(paths.size());
    std::vector<const std::vector<Sighting>*> last_found(paths.size(), nullptr);
    const git_oid zero{};
    for (std::uint32_t c = 0; c < n; ++c) {
        const CommitNode& node = graph.commits[c];
        resolver.visit(node.tree);
        for (std::uint32_t p = 0; p < paths.size(); ++p) {
            const git_oid& blob = resolver.blob(p);
            if (git_oid_equal(&blob, &zero)) continue;
            if (!last_found[p] || !git_oid_equal(&blob, &last_blob[p])) {
                last_blob[p] = blob;
                last_found[p] = sightings(blob, p);
            }
            const auto& found = *last_found[p];
            for (std::size_t k = 0; k < found.size(); ++k) {
                if (!found[k].line) continue;
                std::size_t t = at_path[p][k];
                present.set(c, t);
                contains.set(c, targets[t].credential);
                TargetLife& tl = life.targets[t];
                if (!tl.seen) {
                    tl.seen = true;
                    tl.first = c;
                    tl.first_line = found[k].line;
                    tl.slot = found[k].slot;
                }
                tl.last = c;
                tl.last_line = found[k].line;
            }
        }
        for (auto parent : node.parents) contains.or_into(c, parent);
    }

    // Refs: a ref contains a credential when its tip's history does.
    for (const auto& [name, tip] : ref_tips(repo)) {
        auto pos = graph.find(tip);
        if (!pos) continue;
        for (std::size_t cred = 0; cred < credentials; ++cred)
            if (contains.get(*pos, cred)) life.refs[cred].push_back(name);
        for (std::size_t t = 0; t < targets.size(); ++t)
            if (present.get(*pos, t) && life.branch[targets[t].credential].at_ref_tip.empty())
                life.branch[targets[t].credential].at_ref_tip = name;
    }

    // The default branch: HEAD's first-parent line, oldest first.
    auto head = head_commit(repo);
    std::optional<std::uint32_t> head_pos = head ? graph.find(*head) : std::nullopt;
    if (head_pos) {
        life.has_head = true;
        git_reference* href = nullptr;
        if (git_repository_head(&href, repo) == 0) {
            GitReference owned(href);
            if (git_reference_is_branch(href)) life.head_ref = git_reference_name(href);
        }
        git_error_clear();
        std::vector<std::uint32_t> line;
        for (std::optional<std::uint32_t> c = head_pos; c;) {
            line.push_back(*c);
            const auto& ps = graph.commits[*c].parents;
            c = ps.empty() ? std::nullopt : std::optional<std::uint32_t>(ps[0]);
        }
        std::reverse(line.begin(), line.end());
        std::vector<bool> was(credentials, false);
        for (auto c : line) {
            std::vector<bool> now(credentials, false);
            for (std::size_t t = 0; t < targets.size(); ++t)
                if (present.get(c, t)) now[targets[t].credential] = true;
            for (std::size_t cred = 0; cred < credentials; ++cred) {
                if (was[cred] && !now[cred]) life.branch[cred].removed = c;
                if (now[cred]) life.branch[cred].removed.reset();
            }
            was = std::move(now);
        }
        for (std::size_t t = 0; t < targets.size(); ++t)
            if (present.get(*head_pos, t)) {
                life.targets[t].at_head = true;
                life.branch[targets[t].credential].at_head = true;
            }
        for (std::size_t cred = 0; cred < credentials; ++cred)
            life.branch[cred].in_head_history = contains.get(*head_pos, cred);
    }

    // Rotations: where target B first appears at a path in commit C, a target A of the same
    // path, slot and rule that C's first parent held and C does not is replaced by B.
    for (std::size_t b = 0; b < targets.size(); ++b) {
        const TargetLife& lb = life.targets[b];
        if (!lb.seen || lb.slot.empty()) continue;
        const auto& parents = graph.commits[lb.first].parents;
        if (parents.empty()) continue;
        std::uint32_t parent = parents[0];
        for (std::size_t a : at_path[path_ids.at(targets[b].path)]) {
            if (a == b || targets[a].credential == targets[b].credential) continue;
            if (life.targets[a].slot != lb.slot) continue;
            bool same_rule = std::any_of(targets[a].rules.begin(), targets[a].rules.end(), [&](const std::string& r) {
                return std::find(targets[b].rules.begin(), targets[b].rules.end(), r) != targets[b].rules.end();
            });
            if (same_rule && present.get(parent, a) && !present.get(lb.first, a))
                life.rotations.push_back({a, b, lb.first});
        }
    }
    return life;
}

}  // namespace nhiscan::inventory
