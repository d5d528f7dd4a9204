#include "cli/install_hook.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan::cli {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_bin_line = "nhiscan_installed_bin=''";

std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

struct GitBuf {
    git_buf buf = GIT_BUF_INIT;
    ~GitBuf() { git_buf_dispose(&buf); }
};

}  // namespace

std::string hook_marker(std::string_view name) { return "# nhiscan-managed-hook: " + std::string(name) + "\n"; }

bool is_nhiscan_hook(std::string_view content, std::string_view name) {
    // The marker is the second line of the script; look only at the head of the file.
    return content.substr(0, 512).find(hook_marker(name)) != std::string_view::npos;
}

std::string render_hook(std::string_view script, const std::string& binary_path) {
    std::string out(script);
    if (binary_path.empty()) return out;
    auto pos = out.find(k_bin_line);
    if (pos == std::string::npos) return out;
    out.replace(pos, k_bin_line.size(), "nhiscan_installed_bin=" + shell_quote(binary_path));
    return out;
}

std::string hooks_dir(git_repository* repo) {
    git_config* raw = nullptr;
    git_check(git_repository_config_snapshot(&raw, repo), "reading the repository's git config");
    GitPtr<git_config, git_config_free> cfg(raw);

    GitBuf value;
    int rc = git_config_get_path(&value.buf, cfg.get(), "core.hooksPath");
    if (rc == 0 && value.buf.size > 0) {
        fs::path p(std::string(value.buf.ptr, value.buf.size));
        if (p.is_relative()) {
            // git runs hooks from the root of the working tree (the git dir when bare) and
            // resolves a relative core.hooksPath from there.
            const char* base = git_repository_workdir(repo);
            if (!base) base = git_repository_path(repo);
            p = fs::path(base) / p;
        }
        return p.lexically_normal().string();
    }
    if (rc < 0 && rc != GIT_ENOTFOUND) git_check(rc, "reading core.hooksPath");
    git_error_clear();

    GitBuf item;
    git_check(git_repository_item_path(&item.buf, repo, GIT_REPOSITORY_ITEM_HOOKS), "locating the hooks directory");
    return fs::path(std::string(item.buf.ptr, item.buf.size)).lexically_normal().string();
}

}  // namespace nhiscan::cli
