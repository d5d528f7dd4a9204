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

// The baseline a scan applies: --baseline FILE, else .nhiscan-baseline.jsonl at the root of the
// repository holding `target` (found like the config), unless --no-baseline. One rule for
// every scan command (docs/reports.md#baselines).
Options with_repo_baseline(Options opt, const std::string& target);

// The directory that holds a repository's .nhiscan.toml and .nhiscan-baseline.jsonl for
// `target`: its work tree root, else `target` (or its parent for a file). "" for a bare repository.
std::string config_dir(const std::string& target);

std::shared_ptr<const CompiledRules> load_rules(const Options& opt, const std::string& target);

}  // namespace nhiscan::cli
