#include "sources/repo_discovery.hpp"

#include <filesystem>

namespace nhiscan {
namespace fs = std::filesystem;

std::optional<GitRepo> discover_repository(const std::string& path) {
    std::error_code ec;
    fs::path start = fs::is_directory(path, ec) ? fs::path(path) : fs::path(path).parent_path();
    if (start.empty()) start = ".";
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, start.c_str(), 0, nullptr) < 0) {
        git_error_clear();
        return std::nullopt;
    }
    return GitRepo(raw);
}

std::string work_tree_of(git_repository* repo) {
    const char* wd = git_repository_workdir(repo);
    return wd ? wd : "";
}

}  // namespace nhiscan
