#pragma once
// Judgements made from a record's facts: the public identifier, the environment guess, the
// owner suggestion and the priority order (docs/inventory.md, "Derived fields").
#include <string>
#include <string_view>
#include <vector>

#include "inventory/record.hpp"
#include "rules/rule.hpp"

namespace nhiscan::inventory {

class CodeOwners;

struct PublicId {
    std::string type, value;
};
// `companion` is the finding's companion identifier ("" if none).
PublicId public_identifier(const RuleSpec& rule, std::string_view secret, std::string_view companion);

// Sets environment and environment_reason from the places' paths, then the refs, then
// whether the default branch holds it. `default_ref` is HEAD's branch ("refs/heads/main").
void guess_environment(Record& r, const TestPaths& test_paths, const std::string& default_ref);

// Sets owner, owner_source and owner_reason: CODEOWNERS at HEAD for the first
// place, else the introducing author (a triage owner overrides
// both: apply_triage). `owners` may be null (no CODEOWNERS file).
void suggest_owner(Record& r, const CodeOwners* owners);

// Sorts records into priority order and numbers them from 1.
void prioritise(std::vector<Record>& records);

int severity_rank(std::string_view severity);

}  // namespace nhiscan::inventory
