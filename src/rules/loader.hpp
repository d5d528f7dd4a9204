#pragma once
// TOML -> RuleSpec / FilterSpec / config. Errors name file:line and, where known, the rule id.
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace nhiscan {

// A rule-pack file: [[rules]], [[filters]] and an optional top-level [allowlist].
// Trusted: the built-in pack, whose regexes the build (builtin_db_gen) and the tests check;
// the companion regexes are then not compiled while parsing.
enum class RuleChecks { Full, Trusted };
RulePack parse_rule_file(std::string_view text, const std::string& filename, RuleChecks checks = RuleChecks::Full);

// Per-rule changes from a repository config ([[override]]).
struct RuleOverride {
    std::string id;
    std::optional<Severity> severity;
    std::optional<double> min_entropy;
    Allowlist allowlist;
    SourcePos pos;
};

// .nhiscan.toml: extends or replaces the built-in pack.
struct RepoConfig {
    bool use_builtin_rules = true;
    std::vector<std::string> disabled;  // rule ids
    std::vector<SourcePos> disabled_pos;  // where each entry of `disabled` was written
    RulePack pack;                      // custom rules, filters and the global allowlist
    std::vector<RuleOverride> overrides;
    std::string filename;
    bool live_validation_off = false;  // [live_validation] enabled = false: --validate cannot turn it on
};

RepoConfig parse_config(std::string_view text, const std::string& filename);
RepoConfig load_config_file(const std::string& path);
RulePack load_rule_file(const std::string& path);

// Reads a whole small text file (config, rules); throws Error naming the path.
std::string read_text_file(const std::string& path);

}  // namespace nhiscan
