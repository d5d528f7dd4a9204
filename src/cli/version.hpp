#pragma once
// The `nhiscan --version` text: the release (CMake's PROJECT_VERSION), the built-in rule
// pack it carries (a hash of the pack) and the Hyperscan library it runs on, so a bug report
// or a packaged binary says exactly what it scans with.
#include <string>

namespace nhiscan::cli {

std::string version_text();

}  // namespace nhiscan::cli
