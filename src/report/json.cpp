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
    if (!f.checksum.empty()) j["checksum"] = f.checksum;
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
    if (f.source.history() || f.occurrences > 1) j["occurrences"] = f.occurrences;
    if (f.unreachable) j["unreachable"] = true;
    j["remediation"] = f.rule->remediation;
    return j;
}

void write_json(const ReportInput& in, std::ostream& out, bool lines) {
    // Invalid UTF-8 in paths or secrets is replaced, never a reason to abort the report.
    constexpr auto kHandler = nlohmann::ordered_json::error_handler_t::replace;
    if (lines) {
        for (const auto& f : *in.findings) out << finding_json(f, in).dump(-1, ' ', false, kHandler) << '\n';
        return;
    }
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& f : *in.findings) arr.push_back(finding_json(f, in));
    out << arr.dump(2, ' ', false, kHandler) << '\n';
}

}  // namespace nhiscan
