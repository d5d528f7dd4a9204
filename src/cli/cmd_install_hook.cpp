#include "cli/commands.hpp"
#include "core/error.hpp"

namespace nhiscan::cli {
int cmd_install_hook(const Options&) { throw Error("install-hook: not built yet"); }
}  // namespace nhiscan::cli
