// `nhiscan install-hook [--pre-push] [REPO]`: installs hooks/pre-commit and
// hooks/pre-merge-commit (or hooks/pre-push) into the repository's hooks directory
// (core.hooksPath when set).
//
// It never clobbers a hook silently:
//   - no hook there: install ours;
//   - ours already (the "nhiscan-managed-hook" marker): rewrite it with this version; a no-op
//     when identical, so re-running is safe;
//   - someone else's hook: move it to <hook>.local and install ours, which runs <hook>.local
//     first (same arguments and stdin) and stops if it fails ("chaining");
//   - someone else's hook and a <hook>.local as well, or something that is not a file: refuse
//     with exit 2 and change nothing.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include <fmt/core.h>
#include <sys/stat.h>

#include "cli/commands.hpp"
#include "cli/install_hook.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/file_io.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan::cli {
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
    int err = 0;
    auto text = read_whole_file(p.string(), err);
    if (!text) throw Error(fmt::format("cannot read '{}': {}", diag::printable(p.string()), read_error(err)));
    return std::move(*text);
}

// Writes `content` to `target` as an executable file, atomically (temp file + rename).
void write_hook(const fs::path& target, const std::string& content) {
    std::string tmpl = (target.parent_path() / ("." + target.filename().string() + ".nhiscan-XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw Error(fmt::format("cannot create a file in '{}': {}", diag::printable(target.parent_path().string()),
                                std::strerror(errno)));
    auto fail = [&](const char* what) {
        int e = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw Error(fmt::format("cannot {} '{}': {}", what, diag::printable(target.string()), std::strerror(e)));
    };
    std::size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0755) != 0) fail("make executable");
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        throw Error(fmt::format("cannot write '{}': {}", diag::printable(target.string()), std::strerror(errno)));
    }
    if (::rename(tmpl.c_str(), target.c_str()) != 0) {
        int e = errno;
        ::unlink(tmpl.c_str());
        throw Error(fmt::format("cannot install '{}': {}", diag::printable(target.string()), std::strerror(e)));
    }
}

std::string self_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

bool is_regular_or_link_to_regular(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(fs::status(p, ec));
}

}  // namespace

namespace {

// One hook to install: what is there decides what happens (see the top of this file).
struct HookPlan {
    enum Action { Install, UpToDate, Update, Chain } action = Install;
    std::string name, git_cmd, scanned;
    fs::path target, local;
    std::string content;
    bool framework = false, executable = true;
};

// Decides what to do for hook `name`, changing nothing; throws when it must refuse.
HookPlan plan_hook(git_repository* repo, const std::string& name) {
    HookPlan p;
    p.name = name;
    p.git_cmd = name == "pre-push" ? "push" : name == "pre-merge-commit" ? "merge" : "commit";
    p.scanned = name == "pre-push"           ? "the commits being pushed (`nhiscan git --range`)"
                : name == "pre-merge-commit" ? "what the merge brings in (`nhiscan staged` on the merge result)"
                                             : "the staged changes (`nhiscan staged`)";
    const fs::path dir = hooks_dir(repo);
    p.target = dir / name;
    p.local = dir / (name + ".local");
    p.content = render_hook(embedded_hook_script(name), self_path());
    if (p.content.empty()) throw Error("install-hook: this build carries no " + name + " script");

    std::error_code ec;
    auto st = fs::symlink_status(p.target, ec);
    if (ec || !fs::exists(st)) return p;
    if (is_regular_or_link_to_regular(p.target) && is_nhiscan_hook(read_file(p.target), name)) {
        p.action = read_file(p.target) == p.content && !fs::is_symlink(st) ? HookPlan::UpToDate : HookPlan::Update;
        return p;
    }
    // Someone else's hook (or something that is not a file at all).
    if (!fs::is_symlink(st) && !fs::is_regular_file(st))
        throw Error(fmt::format(
            "install-hook: '{}' exists and is not a file; nothing was changed. Move it away and run "
            "install-hook again.",
            diag::printable(p.target.string())));
    auto lst = fs::symlink_status(p.local, ec);
    if (!ec && fs::exists(lst))
        throw Error(fmt::format(
            "install-hook: '{}' is an existing hook that nhiscan did not write, and '{}' exists too, so it "
            "cannot be moved aside to run first. Nothing was changed. Merge the two by hand (or add `nhiscan "
            "{}` to your hook yourself), then run install-hook again.",
            diag::printable(p.target.string()), diag::printable(p.local.string()),
            name == "pre-push" ? "git --range BASE..HEAD" : "staged"));
    p.action = HookPlan::Chain;
    p.framework = is_regular_or_link_to_regular(p.target) &&
                  read_file(p.target).find("File generated by pre-commit") != std::string::npos;
    p.executable = ::access(p.target.c_str(), X_OK) == 0;
    return p;
}

void apply_hook(const HookPlan& p) {
    const std::string& name = p.name;
    switch (p.action) {
        case HookPlan::Install:
            write_hook(p.target, p.content);
            fmt::print("nhiscan: installed the {} hook: {}\n", name, diag::printable(p.target.string()));
            break;
        case HookPlan::UpToDate:
            fmt::print("nhiscan: the {} hook is already installed and up to date: {}\n", name,
                       diag::printable(p.target.string()));
            return;
        case HookPlan::Update:
            write_hook(p.target, p.content);
            fmt::print("nhiscan: updated the {} hook: {}\n", name, diag::printable(p.target.string()));
            break;
        case HookPlan::Chain: {
            std::error_code ec;
            fs::rename(p.target, p.local, ec);
            if (ec)
                throw Error(fmt::format("install-hook: cannot move '{}' to '{}': {}", diag::printable(p.target.string()),
                                        diag::printable(p.local.string()), ec.message()));
            try {
                write_hook(p.target, p.content);
            } catch (...) {
                std::error_code ignore;
                fs::rename(p.local, p.target, ignore);  // put the user's hook back
                throw;
            }
            fmt::print("nhiscan: installed the {} hook: {}\n", name, diag::printable(p.target.string()));
            fmt::print("nhiscan: your existing {} hook was moved to {}\n", name, diag::printable(p.local.string()));
            fmt::print("  It still runs, first, with the same arguments and input; if it fails, the {} stops there.\n",
                       p.git_cmd);
            if (!p.executable)
                fmt::print("  Note: it is not executable, so git did not run it before and nhiscan won't either.\n");
            if (p.framework)
                fmt::print(
                    "  Note: it is the pre-commit framework's hook. You can instead add the `nhiscan` hook to "
                    ".pre-commit-config.yaml (see docs/integrations.md).\n");
            break;
        }
    }
    fmt::print("  Every {} now scans {} and stops if a credential is added.\n", p.git_cmd, p.scanned);
    fmt::print("  Skip the scan once: NHISCAN_SKIP=1 git {} ...   Uninstall: delete {}{}\n", p.git_cmd,
               diag::printable(p.target.string()),
               fs::exists(p.local) ? fmt::format(" and move {} back", diag::printable(p.local.filename().string())) : "");
}

}  // namespace

// Without --pre-push: pre-commit and pre-merge-commit (git runs only the latter for a merge
// that needs no manual resolution). Every hook is checked before any is written, so a refusal
// changes nothing.
int cmd_install_hook(const Options& opt) {
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, opt.repo.c_str(), 0, nullptr) != 0) {
        const git_error* e = git_error_last();
        if (std::string other = foreign_repository(opt.repo); !other.empty())
            throw Error("install-hook: " + foreign_owner_message(other));
        throw Error(fmt::format("install-hook: '{}' is not in a git repository ({})", diag::printable(opt.repo),
                                e && e->message ? e->message : "libgit2 error"));
    }
    GitRepo repo(raw);

    const fs::path dir = hooks_dir(repo.get());
    std::vector<HookPlan> plans;
    for (const char* name : opt.pre_push ? std::vector<const char*>{"pre-push"}
                                         : std::vector<const char*>{"pre-commit", "pre-merge-commit"})
        plans.push_back(plan_hook(repo.get(), name));

    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(fmt::format("install-hook: cannot create the hooks directory '{}': {}",
                                diag::printable(dir.string()), ec.message()));
    for (const auto& p : plans) apply_hook(p);
    return 0;
}

}  // namespace nhiscan::cli
