#include "inventory/output.hpp"

#include <algorithm>
#include <map>
#include <ostream>

#include <fmt/core.h>

namespace nhiscan::inventory {
namespace {

// RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula
// (paths and author names come from the repository, which an attacker may write).
std::string csv_cell(std::string v) {
    std::string out;
    if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos) out.push_back('\'');
    out.append(v);
    if (out.find_first_of(",\"\r\n") == std::string::npos) return out;
    std::string quoted(1, '"');
    for (char c : out) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

}  // namespace

std::string exposure_bucket(std::int64_t days) {
    if (days < 7) return "< 7 days";
    if (days < 30) return "7-29 days";
    if (days < 90) return "30-89 days";
    if (days <= 365) return "90-365 days";
    return "> 1 year";
}

nlohmann::json summary_of(const std::vector<Record>& records) {
    std::map<std::string, std::map<std::string, int>> counts;
    for (const auto& r : records) {
        counts["provider"][r.provider]++;
        counts["severity"][r.severity]++;
        counts["owner"][r.owner.empty() ? "(none)" : r.owner]++;
        counts["environment"][r.environment]++;
        counts["state"][r.state]++;
        counts["exposure"][exposure_bucket(r.exposure_days)]++;
    }
    nlohmann::json j = {{"total", records.size()}};
    for (const char* k : {"provider", "severity", "owner", "environment", "state", "exposure"}) j[k] = counts[k];
    return j;
}

nlohmann::json report_json(const Report& r) {
    nlohmann::json records = nlohmann::json::array();
    for (const auto& rec : r.records) records.push_back(to_json(rec));
    nlohmann::json stale = nlohmann::json::array();
    for (const auto& e : r.stale_triage) stale.push_back({{"key", e.key}, {"where", e.where}, {"status", e.triage.status}});
    return {{"inventory_version", 1},
            {"generated_at", r.generated_at},
            {"repos", r.repos},
            {"summary", summary_of(r.records)},
            {"records", records},
            {"stale_triage", stale},
            {"disappeared", r.disappeared}};
}

void write_json(const Report& r, std::ostream& out) { out << report_json(r).dump(2) << '\n'; }

void write_jsonl(const Report& r, std::ostream& out) {
    for (const auto& rec : r.records) out << to_json(rec).dump() << '\n';
}

void write_csv(const Report& r, std::ostream& out) {
    const std::vector<std::string> header = {
        "priority", "key", "provider", "kind", "severity", "rules", "public_id", "state", "first_seen_date",
        "first_seen_commit", "first_seen_author", "last_seen_date", "removed_date", "removed_commit", "removed_author",
        "exposure_days", "rotation_count", "last_rotated_in_code", "never_rotated_over_90_days", "owner",
        "owner_source", "environment", "triage_status", "places", "refs"};
    out << joined(header, ",") << "\r\n";
    for (const auto& rec : r.records) {
        auto j = to_json(rec);
        std::vector<std::string> places;
        for (const auto& p : rec.places) places.push_back(fmt::format("{}:{}:{}", p.repo, p.path, p.first_line));
        auto who = [](const std::optional<Who>& w, std::string Who::*f) { return w ? (*w).*f : std::string(); };
        std::vector<std::string> row = {
            std::to_string(rec.priority), rec.key, rec.provider, rec.kind, rec.severity, joined(rec.rules, ";"),
            rec.public_id, rec.state, who(rec.first_seen, &Who::date), who(rec.first_seen, &Who::commit),
            who(rec.first_seen, &Who::author_email), who(rec.last_seen, &Who::date), who(rec.removed, &Who::date),
            who(rec.removed, &Who::commit), who(rec.removed, &Who::author_email), std::to_string(rec.exposure_days),
            std::to_string(rec.rotations.size()), j["last_rotated_in_code"].is_null() ? "" : j["last_rotated_in_code"].get<std::string>(),
            rec.never_rotated_over_90_days ? "true" : "false", rec.owner, rec.owner_source, rec.environment,
            rec.triage ? rec.triage->status : "", joined(places, ";"), joined(rec.refs, ";")};
        for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_cell(row[i]);
        out << "\r\n";
    }
}

void write_text(const Report& r, std::ostream& out) {
    // Owner groups, the group holding the highest-priority record first.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Record*>> groups;
    for (const auto& rec : r.records) {
        std::string owner = rec.owner.empty() ? "(no owner)" : rec.owner;
        if (!groups.count(owner)) order.push_back(owner);
        groups[owner].push_back(&rec);
    }
    auto bold = [&](const std::string& s) { return r.color ? "\x1b[1m" + s + "\x1b[0m" : s; };
    if (r.records.empty()) {
        out << "No credentials found.\n";
    }
    for (const auto& owner : order) {
        const auto& recs = groups[owner];
        out << bold(fmt::format("{}  ({}, {} credential{})", owner, recs.front()->owner_source, recs.size(),
                                recs.size() == 1 ? "" : "s"))
            << '\n';
        out << fmt::format("  {:>3}  {:<8}  {:<14}  {:<26}  {:>6}  {:<8}  {:<11}  {:<24}  {}\n", "#", "SEVERITY",
                           "PROVIDER", "STATE", "DAYS", "ROTATED", "ENV", "ID", "WHERE (first place)");
        for (const Record* rec : recs) {
            const Place* p = rec->places.empty() ? nullptr : &rec->places.front();
            std::string where = p ? fmt::format("{}:{}:{}", p->repo, p->path, p->first_line) : "";
            if (rec->places.size() > 1) where += fmt::format(" (+{} more)", rec->places.size() - 1);
            std::string rotated = rec->rotations.empty() ? (rec->never_rotated_over_90_days ? "never!" : "never")
                                                         : fmt::format("{}x", rec->rotations.size());
            out << fmt::format("  {:>3}  {:<8}  {:<14}  {:<26}  {:>6}  {:<8}  {:<11}  {:<24}  {}\n", rec->priority,
                               rec->severity, rec->provider.substr(0, 14), rec->state, rec->exposure_days, rotated,
                               rec->environment, rec->public_id.empty() ? rec->key.substr(0, 16) : rec->public_id, where);
        }
        out << '\n';
    }
    for (const auto& e : r.stale_triage)
        out << fmt::format("stale triage entry {} ({}): no such credential any more\n", e.key.substr(0, 16), e.where);
    if (!r.disappeared.empty())
        out << fmt::format("{} credential{} disappeared since the previous run (see -f json)\n", r.disappeared.size(),
                           r.disappeared.size() == 1 ? "" : "s");
    std::size_t at_head = std::count_if(r.records.begin(), r.records.end(), [](const Record& x) { return x.at_head(); });
    out << fmt::format("{} credential{}, {} still at HEAD\n", r.records.size(), r.records.size() == 1 ? "" : "s", at_head);
}

bool write_report(const std::string& format, const Report& r, std::ostream& out) {
    if (format == "text") write_text(r, out);
    else if (format == "json") write_json(r, out);
    else if (format == "jsonl") write_jsonl(r, out);
    else if (format == "csv") write_csv(r, out);
    else if (format == "html") write_html(r, out);
    else return false;
    return true;
}

}  // namespace nhiscan::inventory
