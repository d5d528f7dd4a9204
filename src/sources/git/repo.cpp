#include "sources/git/repo.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <sys/stat.h>

#include "core/diag.hpp"
#include "core/error.hpp"

namespace nhiscan {
namespace fs = std::filesystem;

// The directory at or above `start` holding a repository (a `.git` entry, or a bare
// repository's HEAD and objects/) when that repository belongs to another user, else "".
// libgit2, like git ("dubious ownership"), refuses such a repository unless safe.directory
// lists it, and then reports it as no repository at all.
std::string foreign_repository(const std::string& start) {
    std::error_code ec;
    fs::path d = fs::absolute(start, ec);
    if (ec) return "";
    d = d.lexically_normal();
    if (!d.has_filename() && d.has_parent_path()) d = d.parent_path();
    const uid_t me = ::geteuid();
    for (int depth = 0; depth < 256; ++depth) {
        struct stat st;
        fs::path gitdir;
        if (::lstat((d / ".git").c_str(), &st) == 0) gitdir = d / ".git";
        else if (fs::is_regular_file(d / "HEAD", ec) && fs::is_directory(d / "objects", ec)) gitdir = d;
        if (!gitdir.empty()) {
            struct stat top;
            struct stat git;
            bool foreign = (::stat(d.c_str(), &top) == 0 && top.st_uid != me) ||
                           (::stat(gitdir.c_str(), &git) == 0 && git.st_uid != me);
            return foreign ? d.string() : "";
        }
        if (!d.has_parent_path() || d.parent_path() == d) break;
        d = d.parent_path();
    }
    return "";
}

std::string foreign_owner_message(const std::string& repo) {
    return fmt::format(
        "'{}' is a git repository owned by another user, which git and nhiscan do not open unless safe.directory "
        "lists it; if you trust it: git config --global --add safe.directory '{}'",
        diag::printable(repo), diag::printable(repo));
}

GitRepo open_repository(const std::string& path) {
    std::string where = path;
    unsigned flags = 0;
    if (const char* env = std::getenv("GIT_DIR"); env && *env && (path.empty() || path == ".")) {
        where = env;
        flags = GIT_REPOSITORY_OPEN_NO_SEARCH;
    }
    std::error_code ec;
    if (!fs::exists(where, ec)) throw Error(fmt::format("'{}': no such file or directory", diag::printable(where)));
    git_repository* raw = nullptr;
    if (int rc = git_repository_open_ext(&raw, where.c_str(), flags, nullptr); rc != 0) {
        const git_error* e = git_error_last();
        std::string why = e && e->message ? e->message : "libgit2 error";
        git_error_clear();
        if (std::string other = foreign_repository(where); !other.empty()) throw Error(foreign_owner_message(other));
        if (rc == GIT_ENOTFOUND) throw Error(fmt::format("'{}' is not a git repository", diag::printable(where)));
        throw Error(fmt::format("cannot open repository '{}': {}", diag::printable(where), why));
    }
    GitRepo repo(raw);
    // GIT_WORK_TREE goes with GIT_DIR (`git --git-dir=D --work-tree=W`, as git passes both to
    // hooks: the "dotfiles" setup of a bare repository and a home directory). libgit2 ignores
    // the variable; without it the repository looks bare, and the root where the baseline and
    // .nhiscan.toml live is lost.
    if (flags == GIT_REPOSITORY_OPEN_NO_SEARCH) {
        if (const char* wt = std::getenv("GIT_WORK_TREE"); wt && *wt) {
            fs::path abs = fs::absolute(wt, ec);
            if (ec || git_repository_set_workdir(repo.get(), abs.c_str(), 0) != 0) {
                const git_error* e = git_error_last();
                std::string why = e && e->message ? e->message : ec ? ec.message() : "libgit2 error";
                git_error_clear();
                throw Error(fmt::format("GIT_WORK_TREE '{}': {}", diag::printable(wt), why));
            }
        }
    }
    return repo;
}

std::string repository_root(git_repository* repo) {
    const char* wd = git_repository_workdir(repo);
    std::string root = wd ? wd : git_repository_path(repo);
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    return root;
}

void configure_bulk_reads() {
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // libgit2 maps pack windows of 1 GiB up to 8 GiB by default; those pages count as resident.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<std::size_t>(32u << 20));
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<std::size_t>(96u << 20));
    // Every object is read once (trees are memoised by id above libgit2), so its object
    // cache only costs lookups, copies and memory.
    git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
}

namespace {

void add_object_dir(const fs::path& dir, std::vector<std::string>& out, std::set<std::string>& seen, int depth) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(dir, ec);
    if (ec) canon = dir;
    if (!seen.insert(canon.string()).second || !fs::is_directory(canon, ec)) return;
    out.push_back(canon.string());
    if (depth >= 5) return;  // git's own limit on alternate chains
    std::ifstream in(canon / "info" / "alternates");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        fs::path alt(line);
        add_object_dir(alt.is_absolute() ? alt : canon / alt, out, seen, depth + 1);
    }
}

}  // namespace

std::vector<std::string> object_directories(git_repository* repo) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    add_object_dir(fs::path(git_repository_commondir(repo)) / "objects", out, seen, 0);
    return out;
}

std::vector<git_oid> shallow_boundary(git_repository* repo) {
    std::vector<git_oid> out;
    std::ifstream in(fs::path(git_repository_commondir(repo)) / "shallow");
    for (std::string line; std::getline(in, line);) {
        git_oid oid;
        if (line.size() >= GIT_OID_HEXSZ && git_oid_fromstrn(&oid, line.c_str(), GIT_OID_HEXSZ) == 0) out.push_back(oid);
    }
    return out;
}

std::optional<git_oid> resolve_commit(git_repository* repo, const std::string& rev) {
    git_object* raw = nullptr;
    int rc = git_revparse_single(&raw, repo, rev.c_str());
    if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
        git_error_clear();
        return std::nullopt;
    }
    git_check(rc, fmt::format("cannot resolve '{}'", diag::printable(rev)));
    GitObject obj(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, obj.get(), GIT_OBJECT_COMMIT) != 0) {
        git_error_clear();
        throw Error(fmt::format("'{}' does not name a commit", diag::printable(rev)));
    }
    GitObject commit(peeled);
    return *git_object_id(commit.get());
}

std::optional<git_oid> head_commit(git_repository* repo) {
    git_oid oid;
    int rc = git_reference_name_to_id(&oid, repo, "HEAD");
    if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
        git_error_clear();
        return std::nullopt;
    }
    git_check(rc, "cannot resolve HEAD");
    return oid;
}

GitTree commit_tree(git_repository* repo, const git_oid& commit) {
    git_commit* c = nullptr;
    git_check(git_commit_lookup(&c, repo, &commit), fmt::format("cannot read commit {}", oid_hex(commit)));
    GitCommit owned(c);
    git_tree* t = nullptr;
    git_check(git_commit_tree(&t, c), fmt::format("cannot read the tree of commit {}", oid_hex(commit)));
    return GitTree(t);
}

std::vector<git_oid> all_ref_commits(git_repository* repo) {
    std::vector<git_oid> out;
    git_reference_iterator* it_raw = nullptr;
    git_check(git_reference_iterator_new(&it_raw, repo), "cannot list references");
    GitRefIterator it(it_raw);
    git_reference* ref_raw = nullptr;
    int rc;
    while ((rc = git_reference_next(&ref_raw, it.get())) == 0) {
        GitReference ref(ref_raw);
        git_object* obj = nullptr;
        // Refs to trees or blobs (rare tags) and dangling symbolic refs have no history to
        // walk; a ref to an object that is not there is a hole in what gets scanned.
        if (int peel = git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT); peel != 0) {
            git_error_clear();
            const git_oid* target = git_reference_target(ref.get());
            if (peel == GIT_ENOTFOUND && target)
                diag::scan_error(fmt::format("ref '{}' ({}) leads to an object missing from the repository; its history "
                                             "was not scanned",
                                             diag::printable(git_reference_name(ref.get())), oid_hex(*target)));
            continue;
        }
        GitObject owned(obj);
        out.push_back(*git_object_id(obj));
    }
    if (rc != GIT_ITEROVER) git_check(rc, "cannot list references");
    if (auto head = head_commit(repo)) out.push_back(*head);
    git_reflog* log_raw = nullptr;
    if (git_reflog_read(&log_raw, repo, "refs/stash") == 0) {
        GitReflog log(log_raw);
        for (std::size_t i = 0, n = git_reflog_entrycount(log.get()); i < n; ++i) {
            const git_oid* id = git_reflog_entry_id_new(git_reflog_entry_byindex(log.get(), i));
            if (id && !git_oid_is_zero(id)) out.push_back(*id);
        }
    } else {
        git_error_clear();
    }
    return out;
}

std::vector<git_oid> kept_blobs_outside_commits(git_repository* repo) {
    std::vector<git_oid> out;
    git_reference_iterator* it_raw = nullptr;
    git_check(git_reference_iterator_new(&it_raw, repo), "cannot list references");
    GitRefIterator it(it_raw);
    git_reference* ref_raw = nullptr;
    while (git_reference_next(&ref_raw, it.get()) == 0) {
        GitReference ref(ref_raw);
        git_object* obj = nullptr;
        if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_ANY) != 0) {  // missing: all_ref_commits says so
            git_error_clear();
            continue;
        }
        GitObject owned(obj);
        if (git_object_type(obj) == GIT_OBJECT_BLOB) out.push_back(*git_object_id(obj));
    }
    git_error_clear();
    git_index* index_raw = nullptr;
    if (git_repository_is_bare(repo) || git_repository_index(&index_raw, repo) != 0) {  // none, or unreadable
        git_error_clear();
        return out;
    }
    GitIndex index(index_raw);
    for (std::size_t i = 0, n = git_index_entrycount(index.get()); i < n; ++i)
        if (const git_index_entry* e = git_index_get_byindex(index.get(), i); e && (e->mode & 0170000) == 0100000)
            out.push_back(e->id);  // regular files and executables; not gitlinks or symlinks
    return out;
}

bool is_partial_clone(git_repository* repo) {
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo) != 0) {
        git_error_clear();
        return false;
    }
    GitConfig cfg(raw);
    git_buf value = GIT_BUF_INIT;
    bool partial = git_config_get_string_buf(&value, cfg.get(), "extensions.partialclone") == 0;
    git_buf_dispose(&value);
    int promisor = 0;
    // git_config_foreach_match would compile a regex, and libgit2's PCRE2 wrapper leaks
    // match data: compare the names here instead.
    git_config_foreach(cfg.get(), [](const git_config_entry* e, void* out) {
        std::string_view name = e->name ? e->name : "";
        int on = 0;
        if (name.starts_with("remote.") && name.ends_with(".promisor") && git_config_parse_bool(&on, e->value) == 0 && on)
            *static_cast<int*>(out) = 1;
        return 0;
    }, &promisor);
    git_error_clear();
    return partial || promisor;
}

std::vector<std::string> submodule_paths(git_repository* repo) {
    std::vector<std::string> out;
    auto head = head_commit(repo);
    if (!head) return out;
    GitTree tree = commit_tree(repo, *head);
    const git_tree_entry* e = git_tree_entry_byname(tree.get(), ".gitmodules");
    if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB) return out;
    git_blob* raw = nullptr;
    if (git_blob_lookup(&raw, repo, git_tree_entry_id(e)) != 0) {
        git_error_clear();
        return out;
    }
    GitBlob blob(raw);
    std::istringstream in(std::string(static_cast<const char*>(git_blob_rawcontent(raw)),
                                      static_cast<std::size_t>(git_blob_rawsize(raw))));
    for (std::string line; std::getline(in, line);) {
        auto k = line.find_first_not_of(" \t");
        if (k == std::string::npos || line.compare(k, 4, "path") != 0) continue;
        auto eq = line.find('=', k + 4);
        if (eq == std::string::npos || line.find_first_not_of(" \t", k + 4) != eq) continue;
        auto v = line.find_first_not_of(" \t", eq + 1);
        if (v == std::string::npos) continue;
        auto end = line.find_last_not_of(" \t\r");
        out.push_back(line.substr(v, end + 1 - v));
    }
    return out;
}

}  // namespace nhiscan
