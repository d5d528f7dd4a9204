#include "sources/git/staged.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/core.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "sources/git/index.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan {
namespace {

bool is_blob(std::uint32_t mode) { return entry_kind(mode) == EntryKind::Blob; }

// Merge-walks index entries and HEAD's trees one directory at a time.
class StagedDiff {
public:
    StagedDiff(git_odb* odb, const IndexFile& index, TreeChanges& out) : odb_(odb), index_(index), out_(out) {}

    void run(const std::optional<git_oid>& head_tree) {
        compare("", head_tree, 0, index_.entries.size(), index_.tree ? &*index_.tree : nullptr);
    }

private:
    void compare(const std::string& dir, const std::optional<git_oid>& head, std::size_t lo, std::size_t hi,
                 const CacheTree* cache) {
        // The cache-tree says this directory is exactly HEAD's: nothing below it changed.
        if (cache && cache->valid && head && git_oid_equal(&cache->id, &*head)) {
            for (std::size_t i = lo; i < hi; ++i) {
                const IndexEntry& e = index_.entries[i];
                if (is_blob(e.mode) && e.stage == 0 && !e.intent_to_add) unchanged(e);
            }
            return;
        }
        GitOdbObject tree_obj;
        std::unordered_map<std::string_view, TreeEntryRef> in_head;
        if (head) {
            tree_obj = read_tree(odb_, *head);
            parse_tree(*head, tree_obj.get(), [&](const TreeEntryRef& e) { in_head.emplace(e.name, e); });
        }
        const auto& entries = index_.entries;
        for (std::size_t i = lo; i < hi;) {
            std::string_view rel = std::string_view(entries[i].path).substr(dir.size());
            auto slash = rel.find('/');
            if (slash != std::string_view::npos) {
                std::string name(rel.substr(0, slash)), prefix = dir + name + "/";
                std::size_t j = i;
                while (j < hi && std::string_view(entries[j].path).substr(0, prefix.size()) == prefix) ++j;
                std::optional<git_oid> sub;
                if (auto it = in_head.find(name); it != in_head.end()) {
                    if (it->second.kind() == EntryKind::Tree) sub = it->second.id;
                    else if (is_blob(it->second.mode)) out_.old_blobs.push_back(it->second.id);  // file became a directory
                    in_head.erase(it);
                }
                compare(prefix, sub, i, j, cache ? cache->child(name) : nullptr);
                i = j;
                continue;
            }
            // One path, maybe in several stages: any stage but 0 is an unresolved conflict.
            std::size_t j = i;
            bool conflicted = false;
            while (j < hi && entries[j].path == entries[i].path) conflicted |= entries[j++].stage != 0;
            const IndexEntry& e = entries[i];
            auto it = in_head.find(rel);
            std::optional<TreeEntryRef> old;
            if (it != in_head.end()) {
                old = it->second;
                in_head.erase(it);
            }
            i = j;
            // HEAD's side of every path lands in `unchanged` or, through removed(), old_blobs.
            if (conflicted || e.intent_to_add) {
                if (old && conflicted && is_blob(old->mode)) out_.unchanged.push_back(old->id);
                else if (old) removed(*old);
                continue;
            }
            if (entry_kind(e.mode) == EntryKind::Submodule) {
                if (!old || !git_oid_equal(&old->id, &e.id)) out_.submodules.push_back(e.path);
                if (old) removed(*old);  // a file or directory the gitlink replaces
                continue;
            }
            if (old && is_blob(old->mode) && git_oid_equal(&old->id, &e.id)) {  // same content
                unchanged(e);
                continue;
            }
            if (is_blob(e.mode)) out_.added.push_back({e.path, e.id});
            if (old) removed(*old);
        }
        for (const auto& [name, entry] : in_head) removed(entry);  // deleted from the index
    }

    // An index entry equal to HEAD's. Its work-tree file can stand in for the blob when the
    // stat data is trustworthy: a regular file (not a symlink), not assume-unchanged, and
    // modified before the index was written (else "racy": it may have changed since, within
    // the timestamp's granularity, as git's own racy-git check says).
    void unchanged(const IndexEntry& e) {
        out_.unchanged.push_back(e.id);
        const bool regular = (e.mode & 0170000) == 0100000;
        const bool racy = std::int64_t(e.mtime_s) > index_.mtime_s ||
                          (std::int64_t(e.mtime_s) == index_.mtime_s && std::int64_t(e.mtime_ns) >= index_.mtime_ns);
        if (regular && !e.assume_valid && !racy && e.mtime_s != 0)
            out_.work_files.push_back({e.path, e.id, e.mtime_s, e.mtime_ns, e.ino, e.size});
    }

    void removed(const TreeEntryRef& e) {
        if (is_blob(e.mode)) {
            out_.old_blobs.push_back(e.id);
        } else if (e.kind() == EntryKind::Tree) {
            OidSet seen, blobs;
            std::size_t gitlinks = 0;
            collect_blobs(odb_, e.id, seen, blobs, gitlinks);
            out_.old_blobs.insert(out_.old_blobs.end(), blobs.begin(), blobs.end());
        }
    }

    git_odb* odb_;
    const IndexFile& index_;
    TreeChanges& out_;
};

// Whether a work-tree file that matches its index entry holds the blob's bytes verbatim: no
// end-of-line conversion (core.autocrlf) and no attributes that could filter or re-encode it
// (.gitattributes anywhere in the index, info/attributes, core.attributesFile or the user's
// default attributes file). Otherwise head_secrets reads the blobs themselves.
bool work_tree_verbatim(git_repository* repo, const IndexFile& index) {
    if (!git_repository_workdir(repo)) return false;
    for (const auto& e : index.entries) {
        std::string_view p = e.path;
        if (p == ".gitattributes" || (p.size() > 15 && p.substr(p.size() - 15) == "/.gitattributes")) return false;
    }
    struct stat st {};
    if (::stat((std::string(git_repository_commondir(repo)) + "info/attributes").c_str(), &st) == 0) return false;
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo) != 0) {
        git_error_clear();
        return false;
    }
    GitConfig cfg(raw);
    const char* value = nullptr;
    if (git_config_get_string(&value, raw, "core.autocrlf") == 0 && std::string_view(value) != "false") return false;
    if (git_config_get_string(&value, raw, "core.attributesfile") == 0) return false;
    git_error_clear();
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::string user = xdg && *xdg ? std::string(xdg) + "/git/attributes"
                                   : (home ? std::string(home) + "/.config/git/attributes" : std::string());
    return user.empty() || ::stat(user.c_str(), &st) != 0;
}

}  // namespace

std::string commit_index_path(git_repository* repo) {
    if (const char* env = std::getenv("GIT_INDEX_FILE"); env && *env) return env;
    if (git_repository_is_bare(repo)) throw Error("a bare repository has no index: nothing is staged");
    return std::string(git_repository_path(repo)) + "index";
}

namespace {

// An index that libgit2 1.5 cannot read: a split index (extension 'link', `core.splitIndex`) or a
// sparse index ('sdir', `git sparse-checkout init --sparse-index`). git itself expands both:
// `git ls-files --stage -z` lists every entry (a sparse directory as the files it stands for),
// and they go into an in-memory index. Conflicted entries (stage > 0) are not committed and
// are left out, as the index reader does. Git runs the hooks, so git is there; without it this
// is an error, never a clean scan.
GitIndex index_from_git(git_repository* repo, const std::string& index_path) {
    std::error_code ec;
    std::string abs_index = std::filesystem::absolute(index_path, ec).string();
    if (ec) abs_index = index_path;
    std::string git_dir = git_repository_path(repo);
    std::vector<std::string> env_store;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "GIT_INDEX_FILE=", 15) != 0) env_store.emplace_back(*e);
    env_store.push_back("GIT_INDEX_FILE=" + abs_index);
    std::vector<char*> envp;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string a0 = "git", a1 = "--git-dir", a3 = "ls-files", a4 = "--stage", a5 = "-z";
    std::vector<char*> argv{a0.data(), a1.data(), git_dir.data(), a3.data(), a4.data(), a5.data(), nullptr};

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)  // the child gets its stdout through dup2 alone
        throw Error(
            fmt::format("cannot read the index '{}': pipe: {}", diag::printable(index_path), std::strerror(errno)));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "git", &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        throw Error(
            fmt::format("cannot read the index '{}': it is a split or sparse index, which nhiscan reads through "
                        "`git ls-files`, and git could not be run ({})",
                        diag::printable(index_path), std::strerror(rc)));
    }
    std::string out;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0) out.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(fmt::format("cannot read the index '{}': `git ls-files --stage` failed (see its error above)",
                                diag::printable(index_path)));

    git_index* raw = nullptr;
    git_check(git_index_new(&raw), "cannot create an index in memory");
    GitIndex index(raw);
    // Each record: "<mode> <oid> <stage>\t<path>\0".
    for (std::size_t pos = 0; pos < out.size();) {
        std::size_t end = out.find('\0', pos);
        if (end == std::string::npos) end = out.size();
        std::string_view rec(out.data() + pos, end - pos);
        pos = end + 1;
        std::size_t tab = rec.find('\t');
        std::size_t sp1 = rec.find(' ');
        std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : rec.find(' ', sp1 + 1);
        if (tab == std::string_view::npos || sp2 == std::string_view::npos || sp2 > tab)
            throw Error(fmt::format("cannot read the index '{}': unexpected `git ls-files` output",
                                    diag::printable(index_path)));
        if (rec.substr(sp2 + 1, tab - sp2 - 1) != "0") continue;  // a conflict: not committed
        git_index_entry entry{};
        std::string path(rec.substr(tab + 1));
        std::string oid(rec.substr(sp1 + 1, sp2 - sp1 - 1));
        entry.mode = static_cast<uint32_t>(std::strtoul(std::string(rec.substr(0, sp1)).c_str(), nullptr, 8));
        entry.path = path.c_str();
        if (git_oid_fromstrn(&entry.id, oid.data(), oid.size()) != 0)
            throw Error(fmt::format("cannot read the index '{}': unexpected `git ls-files` output",
                                    diag::printable(index_path)));
        git_check(git_index_add(index.get(), &entry), "cannot build the index in memory");
    }
    return index;
}

}  // namespace

GitIndex open_commit_index(git_repository* repo) {
    std::string path = commit_index_path(repo);
    git_index* raw = nullptr;
    if (int rc = git_index_open(&raw, path.c_str()); rc != 0) {
        const git_error* e = git_error_last();
        std::string why = e && e->message ? e->message : "";
        if (why.find("unsupported mandatory extension") != std::string::npos &&
            (why.find("'link'") != std::string::npos || why.find("'sdir'") != std::string::npos)) {
            git_error_clear();
            return index_from_git(repo, path);
        }
        git_check(rc, fmt::format("cannot read the index '{}'", diag::printable(path)));
    }
    return GitIndex(raw);
}

TreeChanges staged_changes(git_repository* repo, const std::optional<git_oid>& head) {
    GitTree head_tree;
    if (head) head_tree = commit_tree(repo, *head);
    auto file = read_index_file(commit_index_path(repo));
    if (!file) {
        GitIndex index = open_commit_index(repo);
        return index_changes(repo, head_tree.get(), index.get());
    }
    git_odb* raw = nullptr;
    git_check(git_repository_odb(&raw, repo), "cannot open the object database");
    GitOdb odb(raw);
    TreeChanges out;
    std::optional<git_oid> root;
    if (head_tree) root = *git_tree_id(head_tree.get());
    StagedDiff(odb.get(), *file, out).run(root);
    out.unchanged_known = true;
    if (!out.work_files.empty() && !work_tree_verbatim(repo, *file)) out.work_files.clear();
    return out;
}

}  // namespace nhiscan
