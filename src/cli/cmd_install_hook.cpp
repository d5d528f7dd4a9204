// `nhiscan install-hook [--pre-push] [REPO]`: installs hooks/pre-commit (or hooks/pre-push)
// into the repository's hooks directory (core.hooksPath when set).
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
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/install_hook.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "sources/git_handle.hpp"

namespace nhiscan::cli {
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) throw Error(fmt::format("cannot read '{}': {}", diag::printable(p.string()), std::strerror(errno)));
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
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

int cmd_install_hook(const Options& opt) {
    const std::string name = opt.pre_push ? "pre-push" : "pre-commit";
    const std::string scanned = opt.pre_push ? "the commits being pushed (`nhiscan git --range`)"
                                             : "the staged changes (`nhiscan staged`)";
    const std::string git_cmd = opt.pre_push ? "push" : "commit";

    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, opt.repo.c_str(), 0, nullptr) != 0) {
        const git_error* e = git_error_last();
        throw Error(fmt::format("install-hook: '{}' is not in a git repository ({})", diag::printable(opt.repo),
                                e && e->message ? e->message : "libgit2 error"));
    }
    GitRepo repo(raw);

    const fs::path dir = hooks_dir(repo.get());
    const fs::path target = dir / name;
    const fs::path local = dir / (name + ".local");
    const std::string content = render_hook(embedded_hook_script(name), self_path());
    if (content.empty()) throw Error("install-hook: this build carries no " + name + " script");

    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error(fmt::format("install-hook: cannot create the hooks directory '{}': {}",
                                diag::printable(dir.string()), ec.message()));

    auto st = fs::symlink_status(target, ec);
    const bool exists = !ec && fs::exists(st);

    if (!exists) {
        write_hook(target, content);
        fmt::print("nhiscan: installed the {} hook: {}\n", name, diag::printable(target.string()));
    } else if (is_regular_or_link_to_regular(target) && is_nhiscan_hook(read_file(target), name)) {
        if (read_file(target) == content && !fs::is_symlink(st)) {
            fmt::print("nhiscan: the {} hook is already installed and up to date: {}\n", name,
                       diag::printable(target.string()));
            return 0;
        }
        write_hook(target, content);
        fmt::print("nhiscan: updated the {} hook: {}\n", name, diag::printable(target.string()));
    } else {
        // Someone else's hook (or something that is not a file at all).
        if (!fs::is_symlink(st) && !fs::is_regular_file(st))
            throw Error(fmt::format(
                "install-hook: '{}' exists and is not a file; nothing was changed. Move it away and run "
                "install-hook again.",
                diag::printable(target.string())));
        auto lst = fs::symlink_status(local, ec);
        if (!ec && fs::exists(lst))
            throw Error(fmt::format(
                "install-hook: '{}' is an existing hook that nhiscan did not write, and '{}' exists too, so it "
                "cannot be moved aside to run first. Nothing was changed. Merge the two by hand (or add `nhiscan "
                "{}` to your hook yourself), then run install-hook again.",
                diag::printable(target.string()), diag::printable(local.string()),
                opt.pre_push ? "git --range BASE..HEAD" : "staged"));
        const bool framework = is_regular_or_link_to_regular(target) &&
                               read_file(target).find("File generated by pre-commit") != std::string::npos;
        const bool executable = ::access(target.c_str(), X_OK) == 0;
        fs::rename(target, local, ec);
        if (ec)
            throw Error(fmt::format("install-hook: cannot move '{}' to '{}': {}", diag::printable(target.string()),
                                    diag::printable(local.string()), ec.message()));
        try {
            write_hook(target, content);
        } catch (...) {
            std::error_code ignore;
            fs::rename(local, target, ignore);  // put the user's hook back
            throw;
        }
        fmt::print("nhiscan: installed the {} hook: {}\n", name, diag::printable(target.string()));
        fmt::print("nhiscan: your existing {} hook was moved to {}\n", name, diag::printable(local.string()));
        fmt::print("  It still runs, first, with the same arguments and input; if it fails, the {} stops there.\n",
                   git_cmd);
        if (!executable)
            fmt::print("  Note: it is not executable, so git did not run it before and nhiscan won't either.\n");
        if (framework)
            fmt::print(
                "  Note: it is the pre-commit framework's hook. You can instead add the `nhiscan` hook to "
                ".pre-commit-config.yaml (see docs/integrations.md).\n");
    }
    fmt::print("  Every {} now scans {} and stops if a credential is added.\n", git_cmd, scanned);
    fmt::print("  Skip the scan once: NHISCAN_SKIP=1 git {} ...   Uninstall: delete {}{}\n", git_cmd,
               diag::printable(target.string()),
               fs::exists(local) ? fmt::format(" and move {} back", diag::printable(local.filename().string())) : "");
    return 0;
}

}  // namespace nhiscan::cli
