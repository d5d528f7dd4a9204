#include "inventory/lifecycle.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>

#include <fmt/core.h>
#include <re2/re2.h>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "sources/git/commits.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/objects.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/pack_reader.hpp"
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

// Reads the walk's trees and blobs straight from the packs (sources/git/pack_reader.hpp, with
// its own delta-base cache and libdeflate): through libgit2, whose object cache the scan turns
// off, the walk's 128k trees and 3,670 blobs on gitshape 0.3x cost 2.9 s CPU; here 2.4 s.
// Anything the pack reader does not take (loose objects, REF_DELTA, damage) goes to libgit2.
class ObjectReader {
public:
    ObjectReader(git_repository* repo, git_odb* odb) : odb_(odb), packed_(repo), reader_(*packed_.packs(), 32u << 20) {}

    // The raw content of object `id` of `type` (any type for GIT_OBJECT_ANY), valid until the
    // next read; nullopt when libgit2 cannot read it as that either (its error cleared).
    std::optional<std::string_view> read(const git_oid& id, git_object_t type) {
        ObjectRef at = packed_.locate(id, 0);
        std::string_view data;
        int got = 0;
        if (reader_.read(at.pack, at.offset, data, got) == PackRead::Ok) {
            if (type == GIT_OBJECT_ANY || got == type) return data;
            return std::nullopt;
        }
        held_.reset();
        git_odb_object* raw = nullptr;
        if (git_odb_read(&raw, odb_, &id) != 0) {
            git_error_clear();
            return std::nullopt;
        }
        held_ = GitOdbObject(raw);
        if (type != GIT_OBJECT_ANY && git_odb_object_type(raw) != type) return std::nullopt;
        return std::string_view(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
    }

private:
    git_odb* odb_;
    PackedObjects packed_;
    PackReader reader_;
    GitOdbObject held_;
};

// Keeps, for the commit being visited, the blob at every tracked path. The tracked paths form
// a trie of directories; each trie node remembers the tree it last resolved, so a commit only
// reads the trees that differ from the previous commit's (parsed in place, sources/git/trees.hpp).
class PathResolver {
public:
    PathResolver(ObjectReader& objects, const std::vector<std::string>& paths)
        : objects_(objects), blobs_(paths.size()), modes_(paths.size(), 0) {
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
    // Its tree entry's mode (0: none).
    std::uint32_t mode(std::uint32_t i) const { return modes_[i]; }

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
        for (const auto& [name, path] : node.files) {
            blobs_[path] = git_oid{};
            modes_[path] = 0;
        }
        std::optional<std::string_view> data;
        if (tree && (data = objects_.read(*tree, GIT_OBJECT_ANY))) {
            for_each_tree_entry(*data, [&](const TreeEntryRef& e) {
                if (e.kind() == EntryKind::Tree) {
                    if (auto* d = find(node.dirs, e.name)) {
                        auto k = static_cast<std::size_t>(d - node.dirs.data());
                        dir_store[k] = e.id;
                        dir_ids[k] = &dir_store[k];
                    }
                } else if (e.kind() == EntryKind::Blob) {
                    if (auto* f = find(node.files, e.name)) {
                        blobs_[f->second] = e.id;
                        modes_[f->second] = e.mode;
                    }
                }
            });
        }  // else unreadable: the scan reports it; here it holds nothing
        for (std::size_t k = 0; k < node.dirs.size(); ++k) resolve(nodes_[n].dirs[k].second, dir_ids[k]);
    }

    ObjectReader& objects_;
    std::vector<Node> nodes_;
    std::vector<git_oid> blobs_;
    std::vector<std::uint32_t> modes_;
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

// The text of the blob at `path` in `tree`, or nullopt when there is none.
std::optional<std::string> blob_at(git_repository* repo, const git_oid& tree_id, const std::string& path) {
    git_tree* tree_raw = nullptr;
    if (git_tree_lookup(&tree_raw, repo, &tree_id) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    GitTree tree(tree_raw);
    git_tree_entry* e = nullptr;
    if (git_tree_entry_bypath(&e, tree.get(), path.c_str()) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    git_oid id = *git_tree_entry_id(e);
    git_tree_entry_free(e);
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repo, &id) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    GitBlob blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(raw)),
                       static_cast<std::size_t>(git_blob_rawsize(raw)));
}

// The whole line of `text` holding `needle` (with its end of line), or nullopt.
std::optional<std::string_view> line_holding(std::string_view text, std::string_view needle) {
    auto off = text.find(needle);
    if (off == std::string_view::npos) return std::nullopt;
    auto start = text.rfind('\n', off);
    start = start == std::string_view::npos ? 0 : start + 1;
    auto end = text.find('\n', off);
    end = end == std::string_view::npos ? text.size() : end + 1;
    return text.substr(start, end - start);
}

// True when `text` has `line` as one of its lines.
bool has_line(std::string_view text, std::string_view line) {
    for (std::size_t at = text.find(line); at != std::string_view::npos; at = text.find(line, at + 1))
        if (at == 0 || text[at - 1] == '\n') return true;
    return false;
}

// Whether git's rename detection (similarity >= 50%, as `git diff -M`) sees `from_path` in
// tree `from` renamed to `to_path` in tree `to`.
bool renamed(git_repository* repo, const git_oid& from, const git_oid& to, const std::string& from_path,
             const std::string& to_path) {
    git_tree *a_raw = nullptr, *b_raw = nullptr;
    if (git_tree_lookup(&a_raw, repo, &from) != 0) {
        git_error_clear();
        return false;
    }
    GitTree a(a_raw);
    if (git_tree_lookup(&b_raw, repo, &to) != 0) {
        git_error_clear();
        return false;
    }
    GitTree b(b_raw);
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;  // the paths are paths, not globs
    char* specs[] = {const_cast<char*>(from_path.c_str()), const_cast<char*>(to_path.c_str())};
    opts.pathspec = {specs, 2};
    git_diff* diff_raw = nullptr;
    if (git_diff_tree_to_tree(&diff_raw, repo, a.get(), b.get(), &opts) != 0) {
        git_error_clear();
        return false;
    }
    GitDiff diff(diff_raw);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (git_diff_find_similar(diff.get(), &find) != 0) {
        git_error_clear();
        return false;
    }
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        if (d->status == GIT_DELTA_RENAMED && from_path == d->old_file.path && to_path == d->new_file.path) return true;
    }
    return false;
}

}  // namespace

std::optional<LineBlame> line_last_changed(git_repository* repo, const RepoLife& life, std::uint32_t from,
                                           const std::string& path, std::string_view secret) {
    auto text = blob_at(repo, life.trees[from], path);
    if (!text) return std::nullopt;
    auto line = line_holding(*text, secret);
    if (!line) return std::nullopt;
    std::string wanted(*line);
    std::uint32_t c = from;
    while (life.first_parent[c] >= 0) {
        auto parent = static_cast<std::uint32_t>(life.first_parent[c]);
        auto older = blob_at(repo, life.trees[parent], path);
        if (!older || !has_line(*older, wanted)) break;
        c = parent;
    }
    return LineBlame{c, line_of(*text, static_cast<std::size_t>(line->data() - text->data()))};
}

std::string slot_before(std::string_view prefix) {
    // name, an optional closing quote or bracket, an assignment operator, an optional opening
    // quote, and optionally a URI's scheme and user (the secret being a DSN's password).
    static const RE2 re(R"(([A-Za-z_][A-Za-z0-9_.\-]*)["'\]]?\s*(?::=|=>|=|:)\s*["'`]?(?:[A-Za-z][A-Za-z0-9+.\-]*://\S*)?$)");
    std::string name;
    if (RE2::PartialMatch(prefix, re, &name)) return name;
    return {};
}

RepoLife walk_history(git_repository* repo, const std::vector<Target>& targets, std::size_t credentials,
                      unsigned threads) {
    RepoLife life;
    life.targets.resize(targets.size());
    life.refs.resize(credentials);
    life.branch.resize(credentials);

    // Distinct paths, and the targets at each.
    std::vector<std::string> paths;
    std::map<std::string, std::uint32_t> path_ids;
    std::vector<std::vector<std::size_t>> at_path;
    std::vector<std::uint32_t> path_of(targets.size());
    for (std::size_t t = 0; t < targets.size(); ++t) {
        auto [it, fresh] = path_ids.emplace(targets[t].path, static_cast<std::uint32_t>(paths.size()));
        if (fresh) {
            paths.push_back(targets[t].path);
            at_path.emplace_back();
        }
        at_path[it->second].push_back(t);
        path_of[t] = it->second;
    }

    git_odb* odb_raw = nullptr;
    git_check(git_repository_odb(&odb_raw, repo), "cannot open the object database");
    GitOdb odb(odb_raw);
    auto shallow = shallow_boundary(repo);
    CommitGraph graph = load_commits(odb.get(), CommitWalk{all_ref_commits(repo), {}, shallow});
    OidSet boundary(shallow.begin(), shallow.end());
    const std::size_t n = graph.commits.size();
    for (const auto& c : graph.commits) {
        life.commits.push_back(c.id);
        life.commit_times.push_back(c.time);
        life.trees.push_back(c.tree);
        life.first_parent.push_back(c.parents.empty() ? -1 : static_cast<std::int64_t>(c.parents[0]));
        life.truncated.push_back(boundary.count(c.id) > 0);
    }

    BitRows present(n, targets.size());     // target present in commit
    BitRows contains(n, credentials);       // credential present in commit or an ancestor
    // What each tracked path is in each commit: a regular file, a symlink, or neither (absent,
    // a directory, a submodule). Lets the rotation search skip rename checks git would refuse.
    BitRows file_at(n, paths.size()), link_at(n, paths.size());

    // The commits are cut into one contiguous range per worker, each with its own pack reader,
    // path resolver and memo; rows of the bit tables are whole words, so workers never share
    // one. A range starts cold (its first commit reads every tracked directory), so a worker
    // gets at least 2,048 commits. Ranges merge in order: the first sighting comes from the
    // earliest range holding the target, the last from the latest, as one walk would give.
    const unsigned workers =
        std::max(1u, std::min(threads ? threads : default_thread_count(), static_cast<unsigned>(n / 2048)));
    std::vector<std::vector<TargetLife>> partial(workers, std::vector<TargetLife>(targets.size()));
    // Opened here, not in the workers: opening reads the repository's object directories
    // through libgit2, which is only safe for concurrent object reads.
    std::vector<std::unique_ptr<ObjectReader>> readers;
    for (unsigned w = 0; w < workers; ++w) readers.push_back(std::make_unique<ObjectReader>(repo, odb.get()));
    parallel_for(workers, workers, [&](unsigned, std::size_t w) {
        const auto begin = static_cast<std::uint32_t>(n * w / workers);
        const auto end = static_cast<std::uint32_t>(n * (w + 1) / workers);
        ObjectReader& objects = *readers[w];
        PathResolver resolver(objects, paths);
        std::vector<TargetLife>& lives = partial[w];
        // (blob, path) -> per target at that path: where it is, if at all.
        std::unordered_map<MemoKey, std::vector<Sighting>, MemoHash> seen_in;
        auto sightings = [&](const git_oid& blob, std::uint32_t p) -> const std::vector<Sighting>* {
            MemoKey key{blob, p, 0};
            if (auto it = seen_in.find(key); it != seen_in.end()) return &it->second;
            std::vector<Sighting> out(at_path[p].size());
            if (auto read = objects.read(blob, GIT_OBJECT_BLOB)) {
                std::string_view text = *read;
                for (std::size_t k = 0; k < at_path[p].size(); ++k) {
                    const std::string& s = targets[at_path[p][k]].secret;
                    auto off = text.find(s);
                    if (off == std::string_view::npos) continue;
                    out[k].line = line_of(text, off);
                    auto line_start = text.rfind('\n', off);
                    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
                    out[k].slot = slot_before(text.substr(line_start, off - line_start));
                }
            }
            return &seen_in.emplace(key, std::move(out)).first->second;
        };
        // Per path: the blob last looked up and what it holds (most commits change no tracked path).
        std::vector<git_oid> last_blob(paths.size());
        std::vector<const std::vector<Sighting>*> last_found(paths.size(), nullptr);
        const git_oid zero{};
        for (std::uint32_t c = begin; c < end; ++c) {
            resolver.visit(graph.commits[c].tree);
            for (std::uint32_t p = 0; p < paths.size(); ++p) {
                const git_oid& blob = resolver.blob(p);
                if (git_oid_equal(&blob, &zero)) continue;
                ((resolver.mode(p) & 0170000) == 0120000 ? link_at : file_at).set(c, p);
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
                    TargetLife& tl = lives[t];
                    if (!tl.seen) {
                        tl.seen = true;
                        tl.first = c;
                        tl.first_line = found[k].line;
                        tl.slot = found[k].slot;
                        tl.first_truncated = life.truncated[c];
                    }
                    tl.last = c;
                    tl.last_line = found[k].line;
                }
            }
        }
    });
    for (const auto& lives : partial)
        for (std::size_t t = 0; t < targets.size(); ++t) {
            const TargetLife& part = lives[t];
            if (!part.seen) continue;
            TargetLife& tl = life.targets[t];
            if (!tl.seen) {
                tl.seen = true;
                tl.first = part.first;
                tl.first_line = part.first_line;
                tl.slot = part.slot;
                tl.first_truncated = part.first_truncated;
            }
            tl.last = part.last;
            tl.last_line = part.last_line;
        }
    // Parents come before their children in the graph's order.
    for (std::uint32_t c = 0; c < n; ++c)
        for (auto parent : graph.commits[c].parents) contains.or_into(c, parent);

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
        life.head = *head_pos;
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

    // Rotations. Target B first appears at path P in commit C. C's first-parent line is walked
    // back to the nearest commit X holding a value A of the same slot and rule that C no longer
    // holds, at P itself or at a path git sees renamed to P between X and C: A was replaced by
    // B. X is C's parent for an in-place rotation; further back when the slot stayed empty in
    // between (removed in one commit, refilled in a later one).
    auto shares_rule = [&](std::size_t a, std::size_t b) {
        return std::any_of(targets[a].rules.begin(), targets[a].rules.end(), [&](const std::string& r) {
            return std::find(targets[b].rules.begin(), targets[b].rules.end(), r) != targets[b].rules.end();
        });
    };
    // 0: no file at path p in commit c, 1: a regular file, 2: a symlink.
    auto kind_at = [&](std::uint32_t c, std::uint32_t p) { return file_at.get(c, p) ? 1 : link_at.get(c, p) ? 2 : 0; };
    // False when git's rename detection cannot pair A in X with P in C: it pairs a deleted file
    // with an added one, and a path that is a file of the same kind on both sides is modified
    // or unchanged instead. Each rename check is a tree diff; along a first-parent line of
    // thousands of commits that holds A while P exists, these were most of the inventory's cost.
    auto may_rename = [&](std::uint32_t x, std::uint32_t c, std::uint32_t a_path, std::uint32_t p_path) {
        int p_in_c = kind_at(c, p_path), a_in_x = kind_at(x, a_path);
        if (p_in_c && kind_at(x, p_path) == p_in_c) return false;
        if (a_in_x && kind_at(c, a_path) == a_in_x) return false;
        return true;
    };
    std::map<std::string, std::vector<std::size_t>> by_slot;
    for (std::size_t t = 0; t < targets.size(); ++t)
        if (life.targets[t].seen && !life.targets[t].slot.empty()) by_slot[life.targets[t].slot].push_back(t);
    for (std::size_t b = 0; b < targets.size(); ++b) {
        const TargetLife& lb = life.targets[b];
        if (!lb.seen || lb.slot.empty()) continue;
        const std::uint32_t c = lb.first;
        // Candidates: other values of this slot name and rule, seen before C, gone from C (at
        // their own path and at P).
        std::vector<std::size_t> candidates;
        std::uint32_t oldest = c;
        for (std::size_t a : by_slot[lb.slot]) {
            const TargetLife& la = life.targets[a];
            if (a == b || targets[a].credential == targets[b].credential || !la.seen || la.first >= c ||
                la.slot != lb.slot || !shares_rule(a, b) || present.get(c, a))
                continue;
            bool at_p_in_c = false;
            for (std::size_t k : at_path[path_ids.at(targets[b].path)])
                if (targets[k].credential == targets[a].credential && present.get(c, k)) at_p_in_c = true;
            if (at_p_in_c) continue;
            candidates.push_back(a);
            oldest = std::min(oldest, la.first);
        }
        if (candidates.empty()) continue;
        // Walk back; `after` is the line's commit just after `x`, the one that emptied the slot.
        std::uint32_t after = c;
        for (std::int64_t x = life.first_parent[c]; x >= 0 && static_cast<std::uint32_t>(x) >= oldest;) {
            auto xp = static_cast<std::uint32_t>(x);
            bool found = false;
            for (std::size_t a : candidates) {
                if (!present.get(xp, a)) continue;
                bool moved = targets[a].path != targets[b].path;
                if (moved && !(may_rename(xp, c, path_of[a], path_of[b]) &&
                               renamed(repo, life.trees[xp], life.trees[c], targets[a].path, targets[b].path)))
                    continue;
                life.rotations.push_back({a, b, c, after, moved});
                found = true;
            }
            if (found) break;
            after = xp;
            x = life.first_parent[xp];
        }
    }
    return life;
}

}  // namespace nhiscan::inventory
