#pragma once
// `nhiscan install-hook`: installs hooks/pre-commit or hooks/pre-push (embedded at build time)
// into a repository's hooks directory, chaining a hook that is already there.
#include <string>
#include <string_view>

#include <git2.h>

namespace nhiscan::cli {

// The script embedded from hooks/<name> ("pre-commit", "pre-merge-commit" or "pre-push");
// empty if unknown.
std::string_view embedded_hook_script(std::string_view name);

// The line in every nhiscan hook script that identifies it as ours.
std::string hook_marker(std::string_view name);

// True when `content` is a hook script written by nhiscan for hook `name`.
bool is_nhiscan_hook(std::string_view content, std::string_view name);

// The script with the path of the installing binary filled in (a fallback for when nhiscan is
// not on the PATH that git gives hooks, as in some GUI clients).
std::string render_hook(std::string_view script, const std::string& binary_path);

// Where git runs this repository's hooks from: core.hooksPath when set (relative to the
// working tree root, or to the git dir of a bare repository, as git resolves it), else the
// hooks/ directory of the common git dir.
std::string hooks_dir(git_repository* repo);

}  // namespace nhiscan::cli
