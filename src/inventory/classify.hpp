#pragma once
// Judgements made from a record's facts: the public identifier, the environment guess, the
// owner suggestion and the priority order (docs/inventory.md, "Derived fields").
#include <string>
#include <string_view>
#include <vector>

#include "inventory/record.hpp"
#include "rules/rule.hpp"

namespace nhiscan::inventory {

struct PublicId {
    std::string type, value;
};
// `companion` is the finding's companion identifier ("" if none); `text` the content the
// secret was found in ("" if unknown), for identifiers written next to it (a GCP key file's
// client_email and private_key_id).
PublicId public_identifier(const RuleSpec& rule, std::string_view secret, std::string_view companion,
                           std::string_view text = {});

// Sets environment and environment_reason from the places' paths, then the refs, then
// whether the default branch holds it. `default_ref` is HEAD's branch ("refs/heads/main").
void guess_environment(Record& r, const TestPaths& test_paths, const std::string& default_ref);

// Sets owner, owner_source and owner_reason (docs/inventory.md, `owner`): the places'
// CODEOWNERS owners (places at HEAD first), else the introducing author, else, when the
// introducer is unknown, the person who last changed the line (`line_change`). A triage
// owner overrides all of these (apply_triage).
void suggest_owner(Record& r);

// Sorts records into priority order and numbers them from 1.
void prioritise(std::vector<Record>& records);

int severity_rank(std::string_view severity);

}  // namespace nhiscan::inventory
