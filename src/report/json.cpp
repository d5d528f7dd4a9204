#include "report/json.hpp"

#include <ostream>

namespace nhiscan {

nlohmann::ordered_json finding_json(const Finding& f, const ReportInput& in) {
    nlohmann::ordered_json j;
    j["rule_id"] = f.rule->id;
    j["rule_name"] = f.rule->name;
    j["provider"] = f.rule->provider;
    j["kind"] = f.rule->kind;
    j["severity"] = to_string(f.rule->severity);
    j["confidence"] = to_string(f.confidence);
    j["path"] = f.path;
    j["line"] = f.line;
    j["column"] = f.column;
    j["end_line"] = f.end_line;
    j["end_column"] = f.end_column;
    j["secret"] = shown_secret(f, in);
    j["redacted"] = in.redact;
    j["fingerprint"] = f.fingerprint;
    j["location_fingerprint"] = f.location_fingerprint;
    j["source"] = f.source.name();
    if (f.checksum != Checksum::None) j["checksum"] = to_string(f.checksum);
    if (!f.note.empty()) j["note"] = f.note;
    if (!f.decoded.empty()) j["decoded"] = f.decoded;
    if (!f.companion.empty()) {
        j["companion_name"] = f.rule->companion.name;
        j["companion"] = shown_companion(f, in);
    }
    if (!f.blob_id.empty()) j["blob"] = f.blob_id;
    if (f.commit) {
        j["commit"] = f.commit->commit;
        j["author_name"] = f.commit->author_name;
        j["author_email"] = f.commit->author_email;
        j["date"] = f.commit->date;
    }
    if (f.in_head) j["in_head"] = *f.in_head;
    if (f.head) {
        j["head_status"] = head_status_name(f.head->status);
        if (f.head->status == HeadStatus::Elsewhere) j["head_path"] = f.head->path;
    }
    if (f.source.history() || f.occurrences > 1) j["occurrences"] = f.occurrences;
    if (f.unreachable) j["unreachable"] = true;
    if (f.live) {
        j["live"] = f.live->status;
        j["live_reason"] = f.live->reason;
        j["checked_at"] = f.live->checked_at;
        j["live_metadata"] = nlohmann::ordered_json::object();
        for (const auto& [k, v] : f.live->metadata) j["live_metadata"][k] = v;
    }
    j["remediation"] = f.rule->remediation;
    return j;
}

std::optional<nlohmann::ordered_json> status_json(const ReportInput& in) {
    auto reasons = incomplete_reasons(in);
    if (reasons.empty()) return std::nullopt;
    nlohmann::ordered_json j;
    j["complete"] = false;
    j["reasons"] = nlohmann::ordered_json::array();
    for (const auto& r : reasons)
        j["reasons"].push_back({{"reason", r.reason}, {"count", r.count}, {"message", r.message}});
    return j;
}

void write_json(const ReportInput& in, std::ostream& out, bool lines) {
    // Invalid UTF-8 in paths or secrets is replaced, never a reason to abort the report.
    constexpr auto kHandler = nlohmann::ordered_json::error_handler_t::replace;
    // An incomplete scan ends with one status record (no rule_id) after the findings: the
    // shape of a complete report is unchanged, and a consumer that reads only findings fails
    // loudly instead of taking a partial scan for a clean one (docs/reports.md).
    auto status = status_json(in);
    if (lines) {
        for (const auto& f : *in.findings) out << finding_json(f, in).dump(-1, ' ', false, kHandler) << '\n';
        if (status) out << status->dump(-1, ' ', false, kHandler) << '\n';
        return;
    }
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& f : *in.findings) arr.push_back(finding_json(f, in));
    if (status) arr.push_back(std::move(*status));
    out << arr.dump(2, ' ', false, kHandler) << '\n';
}

}  // namespace nhiscan
