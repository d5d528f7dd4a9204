#pragma once
// Assembling the effective pack: built-in rules, repository config, user rule files.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rules/loader.hpp"
#include "rules/rule.hpp"

namespace nhiscan {

// The rule pack embedded at build time from rules/*.toml.
RulePack builtin_pack();

// Appends `extra` to `base` (rules, filters, global allowlist).
void merge_pack(RulePack& base, RulePack extra);

// Applies a repository config to the built-in pack: replace or extend, disable, override.
RulePack apply_config(RulePack builtin, const RepoConfig& cfg);

// The `validator` and filter `checks` names validate_structure() accepts.
std::span<const std::string_view> validator_names();
std::span<const std::string_view> check_names();

// Structural checks that need no regex engine: unique kebab-case ids, required fields,
// known filters and validators. Throws Error naming file:line and the rule id.
void validate_structure(const RulePack& pack);

}  // namespace nhiscan
