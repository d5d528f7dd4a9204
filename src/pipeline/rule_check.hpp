#pragma once
// `nhiscan rules check`: every rule's examples must be reported by that rule and its negative
// examples must not, through the real engine (Hyperscan finds, RE2 confirms, filters apply).
// Every filter's examples must be dropped by it and its negative examples kept.
#include <string>
#include <vector>

#include "compile/compiled_rules.hpp"

namespace nhiscan {

struct RuleCheckFailure {
    std::string where;    // file:line
    std::string subject;  // rule or filter id
    std::string problem;  // never contains the example text
};

struct RuleCheckOptions {
    bool strict = false;  // built-in pack: >= 2 examples, >= 1 negative, remediation, references
    std::vector<std::string> only_rules;  // check only these ids (empty: all)
    unsigned threads = 0;                 // 0: one per core
};

std::vector<RuleCheckFailure> check_rules(const CompiledRules& rules, const RuleCheckOptions& opts);

}  // namespace nhiscan
