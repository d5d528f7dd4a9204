#include "cli/version.hpp"

#include <fmt/core.h>
#include <hs/hs.h>

#include "compile/builtin_db.hpp"

namespace nhiscan::cli {

std::string version_text() {
    const auto& db = builtin_databases();
    // 12 hex digits of the pack's content hash tell two packs apart.
    return fmt::format("nhiscan {}\nrules {}\nhyperscan {}", NHISCAN_VERSION, db.pack_hash.substr(0, 12),
                       hs_version());
}

}  // namespace nhiscan::cli
