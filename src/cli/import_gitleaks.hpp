#pragma once
// `nhiscan import gitleaks`: .gitleaks.toml -> .nhiscan.toml (docs/migrating-from-gitleaks.md).
// Pure conversion; reading, scanning .gitleaksignore entries and writing live in cmd_import.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace nhiscan::cli {

struct GitleaksConversion {
    std::string toml;                    // the .nhiscan.toml text
    std::vector<std::string> skipped;    // what could not be converted, one line each
    std::size_t converted = 0;           // entries carried over
};

// Converts a gitleaks config. `pack` is the built-in rule pack: gitleaks rule ids are mapped
// to its ids (gitleaks_rule_ids). Throws Error "file:line: ..." on malformed input.
GitleaksConversion convert_gitleaks_config(std::string_view text, const std::string& filename, const RulePack& pack);

// The nhiscan rule ids standing for a gitleaks rule id: the same id when the pack has it, else
// the known counterparts (github-pat -> github-pat-classic, ...). Empty when there is none.
std::vector<std::string> gitleaks_rule_ids(std::string_view gitleaks_id, const RulePack& pack);

// A gitleaks path regex (Go syntax, searched in the path) as equivalent nhiscan path globs;
// empty when the regex is beyond the simple shapes that have an exact glob form.
std::vector<std::string> path_regex_to_globs(std::string_view regex);

}  // namespace nhiscan::cli
