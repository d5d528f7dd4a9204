#include "cli/commands.hpp"
#include "core/error.hpp"

namespace nhiscan::cli {
int cmd_git(const Options&) { throw Error("git: not built yet"); }
int cmd_staged(const Options&) { throw Error("staged: not built yet"); }
}  // namespace nhiscan::cli
