#include "sources/fs_walker.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "sources/repo_discovery.hpp"

namespace nhiscan {
namespace fs = std::filesystem;
namespace {

// The git work tree containing `path`, if any, used for .gitignore and relative paths.
struct WorkTree {
    GitRepo repo;
    fs::path root;  // canonical work tree root
};

std::optional<WorkTree> find_work_tree(const fs::path& path) {
    auto repo = discover_repository(path.string());
    if (!repo) return std::nullopt;
    std::string wd = work_tree_of(repo->get());
    if (wd.empty()) return std::nullopt;
    std::error_code ec;
    return WorkTree{std::move(*repo), fs::weakly_canonical(wd, ec)};
}

bool ignored(const WorkTree& wt, const std::string& rel, bool is_dir) {
    int ign = 0;
    std::string p = rel;
    while (!p.empty() && p.back() == '/') p.pop_back();
    if (is_dir) p += "/";
    if (git_ignore_path_is_ignored(&ign, wt.repo.get(), p.c_str()) < 0) {
        git_error_clear();
        return false;
    }
    return ign == 1;
}

std::string generic(const fs::path& p) {
    std::string s = p.generic_string();
    while (s.size() > 2 && s.compare(0, 2, "./") == 0) s.erase(0, 2);
    return s;
}

class Walker {
public:
    Walker(const WalkOptions& o, WalkResult& r) : opts_(o), res_(r) {}

    void root(const std::string& arg) {
        fs::path p(arg);
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0) {
            error(arg, std::strerror(errno));
            return;
        }
        // A path the user names is followed, even when it is a symlink (file or directory);
        // symlinks met while walking are not (walk_dir).
        const bool named_link = S_ISLNK(st.st_mode);
        if (named_link && ::stat(p.c_str(), &st) != 0) {
            error(arg, std::strerror(errno));
            return;
        }
        auto wt = find_work_tree(p);
        std::error_code ec;
        // A named symlink keeps its own name: only the directory holding it is resolved.
        fs::path canon = named_link ? fs::weakly_canonical(fs::absolute(p, ec).parent_path(), ec) / p.filename()
                                    : fs::weakly_canonical(p, ec);
        // Display paths: repository-relative inside a work tree, else as the user named them.
        auto display = [&](const fs::path& entry_rel_to_arg) -> std::string {
            if (wt) {
                fs::path full = entry_rel_to_arg.empty() ? canon : canon / entry_rel_to_arg;
                auto rel = full.lexically_normal().lexically_relative(wt->root);
                if (!rel.empty() && rel.native().compare(0, 2, "..") != 0) return generic(rel);
            }
            // p / "" would add a trailing '/': a named file must keep its name as given.
            return generic((entry_rel_to_arg.empty() ? p : p / entry_rel_to_arg).lexically_normal());
        };
        if (S_ISDIR(st.st_mode)) {
            // A directory the user names explicitly is scanned even when .gitignore excludes
            // it (as a named file is); its contents are then not filtered by .gitignore.
            std::string shown = display(fs::path());
            bool named_ignored = wt && !opts_.no_ignore && shown != "." && ignored(*wt, shown, true);
            if (named_ignored)
                diag::notice(fmt::format("{} is ignored by .gitignore; scanning it anyway because it was named",
                                         diag::printable(shown)));
            walk_dir(p, display, wt && !named_ignored && !opts_.no_ignore ? &*wt : nullptr);
        } else {
            // A named file is scanned even if ignored; a named symlink is followed: the file is
            // opened at its resolved path (the reader refuses a symlink as the last component).
            fs::path target = named_link ? fs::canonical(p, ec) : p;
            if (ec) {
                error(arg, ec.message());
                return;
            }
            consider(target, display(fs::path()), true);
        }
    }

private:
    template <typename Display>
    void walk_dir(const fs::path& top, Display& display, const WorkTree* wt) {
        std::vector<fs::path> stack{fs::path()};  // relative to top; explicit stack: no recursion depth limit
        while (!stack.empty()) {
            fs::path rel = std::move(stack.back());
            stack.pop_back();
            std::error_code ec;
            fs::directory_iterator it(top / rel, ec);
            if (ec) {
                error(generic(top / rel), ec.message());
                continue;
            }
            std::vector<fs::path> children;
            for (; it != fs::directory_iterator(); it.increment(ec)) {
                if (ec) break;
                children.push_back(it->path().filename());
            }
            if (ec) {
                error(generic(top / rel), ec.message());
                continue;
            }
            std::sort(children.begin(), children.end());
            for (auto it2 = children.rbegin(); it2 != children.rend(); ++it2) {
                fs::path child_rel = rel / *it2;
                if (*it2 == ".git") continue;
                struct stat st {};
                fs::path full = top / child_rel;
                if (::lstat(full.c_str(), &st) != 0) {
                    error(generic(full), std::strerror(errno));
                    continue;
                }
                std::string shown = display(child_rel);
                if (S_ISLNK(st.st_mode)) continue;  // never followed: avoids loops and escapes
                bool is_dir = S_ISDIR(st.st_mode);
                if (wt && ignored(*wt, shown, is_dir)) {
                    ++(is_dir ? res_.ignored_dirs : res_.ignored_files);
                    continue;
                }
                if (is_dir) {
                    stack.push_back(child_rel);
                } else {
                    consider(st, full, shown, false);  // the lstat above, not a second one
                }
            }
        }
    }

    void consider(const fs::path& full, const std::string& shown, bool follow) {
        struct stat st {};
        int rc = follow ? ::stat(full.c_str(), &st) : ::lstat(full.c_str(), &st);
        if (rc != 0) {
            error(shown, std::strerror(errno));
            return;
        }
        consider(st, full, shown, follow);
    }

    void consider(const struct stat& st, const fs::path& full, const std::string& shown, bool follow) {
        if (!S_ISREG(st.st_mode)) {
            // Never opened: reading a FIFO or a device can block forever or never end. Inside a
            // tree that is a notice; a path the user named is an error, so that a scan which
            // read nothing of what was asked never looks clean.
            if (follow) {
                error(shown, "not a regular file (FIFOs, sockets and devices are never opened; pipe the content to "
                             "'nhiscan dir -' instead)");
                return;
            }
            ++res_.skipped_special;
            diag::notice(fmt::format("skipping {}: not a regular file", diag::printable(shown)));
            return;
        }
        if (static_cast<std::uint64_t>(st.st_size) > opts_.max_file_size) {
            ++res_.skipped_large;
            diag::notice(fmt::format("skipping {}: {} bytes is over --max-file-size ({})", diag::printable(shown),
                                     st.st_size, opts_.max_file_size));
            return;
        }
        FileItem item{full.string(), shown, static_cast<std::uint64_t>(st.st_size)};
        if (opts_.on_file) opts_.on_file(std::move(item));
        else res_.files.push_back(std::move(item));
    }

    void error(const std::string& path, std::string_view why) {
        ++res_.errors;
        diag::scan_error(fmt::format("cannot read {}: {}", diag::printable(path), why));
    }

    const WalkOptions& opts_;
    WalkResult& res_;
};

}  // namespace

WalkResult walk_paths(const std::vector<std::string>& roots, const WalkOptions& opts) {
    WalkResult res;
    Walker w(opts, res);
    for (const auto& r : roots) w.root(r);
    return res;
}

}  // namespace nhiscan
