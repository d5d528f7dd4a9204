#pragma once
// Files to scan under the paths the user named. Inside a git work tree it honours .gitignore
// (through libgit2; counted in `ignored`, off with WalkOptions::no_ignore) and reports
// repository-relative paths; it never enters .git, never follows symlinks met while walking
// (a path the user names is followed, file or directory), and never opens FIFOs, sockets or
// devices.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace nhiscan {

struct FileItem {
    std::string fs_path;       // what to open
    std::string display_path;  // repository-relative (or as named), '/' separators
    std::uint64_t size = 0;
};

struct WalkOptions {
    std::uint64_t max_file_size = 25u << 20;
    bool no_ignore = false;  // scan what .gitignore excludes too
    // When set, each file is handed to it as the walk finds it (so scanning can start before
    // the walk ends) instead of being collected in WalkResult::files.
    std::function<void(FileItem&&)> on_file;
};

struct WalkResult {
    std::vector<FileItem> files;
    std::size_t skipped_large = 0;
    std::size_t skipped_special = 0;
    std::size_t ignored_files = 0;  // left out by .gitignore (a directory counts once, unread)
    std::size_t ignored_dirs = 0;
    std::size_t errors = 0;  // unreadable paths; each reported on stderr
};

WalkResult walk_paths(const std::vector<std::string>& roots, const WalkOptions& opts);

}  // namespace nhiscan
