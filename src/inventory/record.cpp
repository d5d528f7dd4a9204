#include "inventory/record.hpp"

#include <set>

namespace nhiscan::inventory {
namespace {

nlohmann::json str_or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

nlohmann::json who_or_null(const std::optional<Who>& w) { return w ? to_json(*w) : nlohmann::json(); }

// Facts git cannot know: present and null, with the reason, so a consumer never mistakes
// "unknown" for "no".
nlohmann::json unknown(const char* reason) { return {{"value", nullptr}, {"reason", reason}}; }

// `live`: the provider's answer with --validate (valid, invalid, unknown, error), else null.
nlohmann::json live_json(const Record& r) {
    if (!r.live) return unknown("not validated: run with --validate to ask the provider (docs/validation.md)");
    nlohmann::json meta = nlohmann::json::object();
    for (const auto& [k, v] : r.live->metadata) meta[k] = v;
    return {{"value", r.live->status}, {"reason", r.live->reason}, {"metadata", meta}};
}

}  // namespace

std::size_t Record::repo_count() const {
    std::set<std::string> repos;
    for (const auto& p : places) repos.insert(p.repo);
    return repos.size();
}

nlohmann::json to_json(const Who& w) {
    return {{"commit", w.commit},
            {"date", w.date},
            {"author_name", w.author_name},
            {"author_email", w.author_email},
            {"committer_name", w.committer_name},
            {"committer_email", w.committer_email},
            {"commit_date", w.commit_date}};
}

nlohmann::json to_json(const Record& r) {
    nlohmann::json places = nlohmann::json::array();
    for (const auto& p : r.places)
        places.push_back({{"repo", p.repo},
                          {"path", p.path},
                          {"slot", str_or_null(p.slot)},
                          {"first_line", p.first_line},
                          {"last_line", p.last_line},
                          {"first_commit", str_or_null(p.first_commit)},
                          {"last_commit", str_or_null(p.last_commit)},
                          {"status", p.status},
                          {"codeowners", p.codeowners_rule.empty()
                                             ? nlohmann::json()
                                             : nlohmann::json{{"owners", p.owners}, {"rule", p.codeowners_rule}}}});
    nlohmann::json rotations = nlohmann::json::array();
    std::string last_rotated;
    for (const auto& e : r.rotations) {
        rotations.push_back({{"role", e.role},
                             {"other_key", e.other_key},
                             {"repo", e.repo},
                             {"path", e.path},
                             {"slot", e.slot},
                             {"commit", e.when.commit},
                             {"date", e.when.date},
                             {"author_name", e.when.author_name},
                             {"author_email", e.when.author_email},
                             {"removed_in", e.removed_in},
                             {"renamed_from", str_or_null(e.renamed_from)}});
        last_rotated = std::max(last_rotated, e.when.commit_date);
    }
    nlohmann::json j = {
        {"key", r.key},
        {"rules", r.rules},
        {"provider", r.provider},
        {"kind", r.kind},
        {"severity", r.severity},
        {"public_id",
         r.public_id.empty() ? nlohmann::json() : nlohmann::json{{"type", r.public_id_type}, {"value", r.public_id}}},
        {"places", places},
        {"refs", r.refs},
        {"reused", r.places.size() > 1},
        {"repo_count", r.repo_count()},
        {"first_seen", who_or_null(r.first_seen)},
        {"last_seen", who_or_null(r.last_seen)},
        {"removed", who_or_null(r.removed)},
        {"state", r.state},
        {"state_reason", str_or_null(r.state_reason)},
        {"exposure_days", r.exposure_days},
        {"exposure_end", r.exposure_end},
        {"rotations", rotations},
        {"rotation_count", r.rotations.size()},
        {"last_rotated_in_code", str_or_null(last_rotated)},
        {"never_rotated_over_90_days", r.never_rotated_over_90_days},
        {"owner", {{"value", str_or_null(r.owner)}, {"source", r.owner_source}, {"reason", r.owner_reason}}},
        {"environment", {{"value", r.environment}, {"reason", r.environment_reason}}},
        {"triage", r.triage ? nlohmann::json{{"status", r.triage->status},
                                             {"owner", str_or_null(r.triage->owner)},
                                             {"note", str_or_null(r.triage->note)},
                                             {"reviewer", str_or_null(r.triage->reviewer)},
                                             {"date", str_or_null(r.triage->date)}}
                            : nlohmann::json()},
        {"priority", r.priority},
        {"last_used", unknown("git history does not record use at the provider; only the provider's audit log does")},
        {"live", live_json(r)},
        {"checked_at", r.live ? nlohmann::json(r.live->checked_at) : nlohmann::json()},
    };
    if (!r.first_detected.empty()) {
        j["first_detected"] = r.first_detected;
        j["last_detected"] = r.last_detected;
    }
    return j;
}

}  // namespace nhiscan::inventory
