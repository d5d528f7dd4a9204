#pragma once
// Resolving what a command scans with: the effective rule pack (built-in + .nhiscan.toml or
// -c FILE), compiled through the on-disk cache.
#include <memory>
#include <string>

#include "cli/options.hpp"
#include "compile/compiled_rules.hpp"

namespace nhiscan::cli {

// The config file to use: -c FILE, else .nhiscan.toml at the root of the repository holding
// `target` (or in `target` itself when it is a directory outside any repository). "" if none.
std::string find_config(const Options& opt, const std::string& target);

std::shared_ptr<const CompiledRules> load_rules(const Options& opt, const std::string& target);

}  // namespace nhiscan::cli
