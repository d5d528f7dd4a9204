#include "pipeline/head_secrets.hpp"

#include <atomic>
#include <cstring>
#include <memory>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/objects.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan {
namespace {

using GitTreeEntry = GitPtr<git_tree_entry, git_tree_entry_free>;

// The secrets still looked for, shared by the reading threads. Each is marked found once; the
// reading stops when none is left.
class LiteralSearch {
public:
    explicit LiteralSearch(const std::set<std::string>& secrets)
        : secrets_(secrets.begin(), secrets.end()),
          found_(std::make_unique<std::atomic<bool>[]>(secrets_.size())),
          left_(secrets_.size()) {
        for (std::size_t i = 0; i < secrets_.size(); ++i) found_[i] = false;
    }

    bool done() const { return all_found_.load(std::memory_order_relaxed); }
    const std::atomic<bool>* stop_flag() const { return &all_found_; }

    // One blob's content, read as `id`.
    void search(const git_oid& id, std::string_view data) {
        bool verified = false;
        for (std::size_t i = 0; i < secrets_.size(); ++i) {
            if (found_[i].load(std::memory_order_relaxed)) continue;
            const std::string& s = secrets_[i];
            if (!::memmem(data.data(), data.size(), s.data(), s.size())) continue;
            // The verdict "not new" rests on this blob, and bulk reads skip libgit2's hash
            // check: make sure the content is the blob HEAD names.
            if (!verified) {
                git_oid actual;
                if (!blob_content_matches(id, data, actual)) {  // a blob that can't be checked can't vouch
                    ++corrupt_;
                    return;
                }
                verified = true;
            }
            if (!found_[i].exchange(true) && left_.fetch_sub(1) == 1) all_found_ = true;
        }
    }

    std::set<std::string> found() const {
        std::set<std::string> out;
        for (std::size_t i = 0; i < secrets_.size(); ++i)
            if (found_[i]) out.insert(secrets_[i]);
        return out;
    }
    std::size_t corrupt() const { return corrupt_; }

private:
    std::vector<std::string> secrets_;
    std::unique_ptr<std::atomic<bool>[]> found_;
    std::atomic<std::size_t> left_;
    std::atomic<bool> all_found_{false};
    std::atomic<std::size_t> corrupt_{0};
};

// With `packed`, the blobs are read in pack order by PackReaders (ids scattered over a big
// pack cost libgit2 several inflations each: delta bases far apart, its base cache small).
void search_blobs(LiteralSearch& search, const std::vector<git_oid>& ids, const ReadOptions& ro, ScanStats& stats,
                  const PackedObjects* packed = nullptr) {
    if (ids.empty() || search.done()) return;
    std::vector<ObjectRef> refs;
    refs.reserve(ids.size());
    for (const auto& id : ids) refs.push_back(packed ? packed->locate(id, kUnknownSize) : ObjectRef{id, kUnknownSize, 0, 0});
    if (packed) sort_for_reading(refs);
    ReadOptions opts = ro;
    if (packed) opts.packs = packed->packs();
    opts.stop = search.stop_flag();
    opts.progress = nullptr;
    opts.paths = nullptr;
    opts.on_too_large = nullptr;  // HEAD's blobs over the limit are not read (they cannot vouch)
    ScanStats read;
    read_objects(refs, opts, [&](unsigned, std::size_t i, std::string_view data) { search.search(refs[i].id, data); },
                 read);
    stats.errors += read.errors;
}

}  // namespace

std::set<std::string> secrets_in_head(git_repository* repo, git_tree* head_tree, const std::vector<SecretAt>& wanted,
                                      const std::vector<git_oid>& replaced, const std::vector<git_oid>* unchanged,
                                      const ReadOptions& ro, ScanStats& stats) {
    std::set<std::string> secrets;
    for (const auto& w : wanted) secrets.insert(w.secret);
    if (secrets.empty()) return {};
    LiteralSearch search(secrets);

    // 1 and 2: usually a handful of blobs, read on this thread.
    OidSet searched;
    std::vector<git_oid> likely;
    auto add = [&](const git_oid& id) {
        if (searched.insert(id).second) likely.push_back(id);
    };
    std::set<std::string_view> paths;
    for (const auto& w : wanted) {
        if (!paths.insert(w.path).second) continue;  // several findings in one file
        git_tree_entry* raw = nullptr;
        if (git_tree_entry_bypath(&raw, head_tree, w.path.c_str()) != 0) {  // a new path
            git_error_clear();
            continue;
        }
        GitTreeEntry entry(raw);
        if (git_tree_entry_type(raw) == GIT_OBJECT_BLOB) add(*git_tree_entry_id(raw));
    }
    for (const auto& id : replaced) add(id);
    search_blobs(search, likely, ro, stats);

    // 3: the rest of HEAD. A bulk read: libgit2's per-object SHA-1 check is turned off
    // (process-wide, as for history scans); search() checks the blobs a verdict rests on.
    if (!search.done()) {
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        OidSet blobs;
        if (unchanged) {
            blobs.insert(unchanged->begin(), unchanged->end());
        } else {
            git_odb* raw = nullptr;
            git_check(git_repository_odb(&raw, repo), "cannot open the object database");
            GitOdb odb(raw);
            OidSet trees;
            std::size_t gitlinks = 0;
            collect_blobs(odb.get(), *git_tree_id(head_tree), trees, blobs, gitlinks);
        }
        std::vector<git_oid> rest;
        rest.reserve(blobs.size());
        for (const auto& id : blobs)
            if (!searched.count(id)) rest.push_back(id);
        PackedObjects packed(repo);
        search_blobs(search, rest, ro, stats, &packed);
    }
    stats.errors += search.corrupt();
    return search.found();
}

}  // namespace nhiscan
