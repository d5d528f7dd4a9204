#pragma once
// One inventory record per distinct credential (docs/inventory.md explains every field).
// A record never holds the secret: its identity is `key`, a keyed hash of the value.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nhiscan::inventory {

struct Who {
    std::string commit;  // full sha
    std::string date;    // author date, ISO 8601
    std::string author_name, author_email;
    std::string committer_name, committer_email;
    std::string commit_date;  // committer date, ISO 8601
    std::int64_t commit_time = 0;  // committer time, epoch seconds (exposure arithmetic)
};

// One (repository, path) holding the credential.
struct Place {
    std::string repo;  // the repository's name (its root directory, without .git)
    std::string path;
    std::string slot;  // the assignment name or credential-file field, "" when none is found
    std::size_t first_line = 0, last_line = 0;
    std::string first_commit, last_commit;
    // "at HEAD in this file", "at HEAD elsewhere (PATH)", "history only", "unreachable object"
    std::string status;
    std::uint32_t first_pos = 0, last_pos = 0;  // walk positions (ordering only, not output)
    // HEAD's CODEOWNERS lines deciding this path in its repository (`codeowners_rule` "" when
    // none matches); `owners` empty with a rule: the rule names nobody.
    std::vector<std::string> owners;
    std::string codeowners_rule;
};

struct Rotation {
    std::string role;       // "replaced" (this value was replaced) or "replacement"
    std::string other_key;  // the other value's key
    std::string repo, path, slot;
    Who when;                  // the commit that brought the replacement
    std::string removed_in;    // the commit that took the replaced value out of the slot
    std::string renamed_from;  // the replaced value's path when git saw its file renamed, else ""
};

// Who last changed the line holding a value (owner fallback 3), when the introducer is unknown.
struct LineChange {
    Who who;
    std::string repo, path;
    std::size_t line = 0;
    bool truncated = false;  // the change is the shallow boundary itself: really unknown
};

struct Triage {
    std::string status, owner, note, reviewer, date;
};

struct Record {
    std::string key;  // HMAC-SHA256(inventory key, secret), hex
    std::vector<std::string> rules;
    std::string provider, kind, severity;
    std::string public_id_type, public_id;  // "" when the format has none
    std::vector<Place> places;
    std::vector<std::string> refs;  // refs whose history holds it
    std::optional<Who> first_seen, last_seen, removed;
    std::string state;         // "at HEAD", "removed", "not on the default branch", "unreachable"
    std::string state_reason;  // why, for the last three
    std::int64_t exposure_days = 0;
    std::string exposure_end;  // what ended the window: "now (still present)", "removal", "last seen"
    std::vector<Rotation> rotations;
    bool never_rotated_over_90_days = false;
    std::string owner, owner_source, owner_reason;
    // Why first_seen's author cannot be taken as the introducer ("" when it can), and the
    // line's last change for that case. Inputs of suggest_owner, not output.
    std::string introducer_unknown;
    std::optional<LineChange> line_change;
    std::string environment, environment_reason;
    std::optional<Triage> triage;
    std::size_t priority = 0;
    // Filled by a store (--db): when nhiscan itself first and last saw it.
    std::string first_detected, last_detected;

    bool at_head() const { return state == "at HEAD"; }
    std::size_t repo_count() const;
};

nlohmann::json to_json(const Record& r);
nlohmann::json to_json(const Who& w);

}  // namespace nhiscan::inventory
