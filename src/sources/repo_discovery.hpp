#pragma once
// Finding the git repository that holds a path (a file or a directory), searching upwards
// as git does. Used for .gitignore, repository-relative paths and .nhiscan.toml lookup.
#include <optional>
#include <string>

#include "sources/git/handle.hpp"

namespace nhiscan {

// The repository containing `path`, or nullopt when it is not inside one.
std::optional<GitRepo> discover_repository(const std::string& path);

// Its work tree root ("" for a bare repository).
std::string work_tree_of(git_repository* repo);

}  // namespace nhiscan
