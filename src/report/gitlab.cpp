// GitLab secret-detection report, schema 15.0.0 (validated against the schema by ajv in
// tests/e2e/test_reports.py). GitLab drops the reports of failed jobs, so CI runs this with
// --exit-code 0; see docs/reports.md.
#include <cctype>
#include <map>
#include <ostream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "core/hash.hpp"
#include "report/report.hpp"

namespace nhiscan {
namespace {

using ojson = nlohmann::ordered_json;

// location.commit.sha is required; a scan outside any repository, or a blob in no commit, has
// no commit to name.
constexpr const char* kNoCommit = "0000000000000000000000000000000000000000";
constexpr std::size_t kMaxSolution = 7000;  // schema limits
constexpr std::size_t kMaxName = 255;

const char* gitlab_severity(Severity s) {
    switch (s) {
        case Severity::Critical: return "Critical";
        case Severity::High: return "High";
        case Severity::Medium: return "Medium";
        case Severity::Low: return "Low";
        case Severity::Info: return "Info";
    }
    return "Unknown";
}

// A UUID-shaped id (RFC 9562 version 8: custom) from a hex digest, so ids are stable across
// runs and look like the UUIDs GitLab's own analyzers emit.
std::string uuid_of(std::string_view hex) {
    std::string h = hex.size() >= 32 ? std::string(hex.substr(0, 32)) : sha256_hex(hex).substr(0, 32);
    h[12] = '8';
    char c = h[16];
    int nibble = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    h[16] = "89ab"[nibble & 3];
    return fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4), h.substr(16, 4), h.substr(20));
}

std::string truncate(std::string s, std::size_t max) {
    if (s.size() <= max) return s;
    s.resize(max);
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();  // no split UTF-8
    if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
    return s;
}

ojson tool_json() {
    ojson t;
    t["id"] = kToolName;
    t["name"] = kToolName;
    t["version"] = tool_version();
    t["url"] = tool_homepage();
    t["vendor"] = {{"name", kToolName}};
    return t;
}

std::string description(const Finding& f) {
    const RuleSpec& r = *f.rule;
    std::string d = fmt::format("{}{} found in {} at line {} (confidence {}", r.name,
                                r.provider.empty() ? "" : " (" + r.provider + ")", f.path, f.line,
                                to_string(f.confidence));
    if (f.checksum != Checksum::None) d += fmt::format(", checksum {}", to_string(f.checksum));
    d += ").";
    if (f.commit)
        d += fmt::format(" Introduced in commit {} by {} on {}.", f.commit->commit.substr(0, 12), f.commit->author_name,
                         f.commit->date);
    if (f.source.history() && f.occurrences > 1) d += fmt::format(" Seen in {} places in history.", f.occurrences);
    if (f.head && f.head->status != HeadStatus::Unreachable) {
        std::string h = head_status_text(*f.head);
        h[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(h[0])));
        d += " " + h + ".";
    }
    if (f.unreachable) d += " Unreachable: " + unreachable_note(f) + ".";
    if (f.live) d += " Live check: " + live_summary(*f.live) + ".";
    return d;
}

ojson vulnerability_json(const Finding& f, const std::string& id, const ReportInput& in) {
    const RuleSpec& r = *f.rule;
    ojson v;
    v["id"] = id;
    v["name"] = truncate(r.name, kMaxName);
    v["description"] = description(f);
    v["severity"] = gitlab_severity(r.severity);
    if (!r.remediation.empty()) v["solution"] = truncate(r.remediation, kMaxSolution);

    ojson ident;
    ident["type"] = "nhiscan_rule_id";
    ident["name"] = fmt::format("nhiscan rule ID {}", r.id);
    ident["value"] = r.id;
    v["identifiers"] = ojson::array();
    v["identifiers"].push_back(ident);

    ojson links = ojson::array();
    for (const auto& ref : r.references)
        if (ref.starts_with("https://") || ref.starts_with("http://")) links.push_back({{"url", ref}});
    if (!links.empty()) v["links"] = links;

    ojson loc;
    loc["file"] = f.path;
    loc["start_line"] = f.line;
    loc["end_line"] = std::max(f.end_line, f.line);
    ojson commit;
    if (f.commit) {
        commit["sha"] = f.commit->commit;
        commit["author"] = f.commit->author_name;
        commit["date"] = f.commit->date;
    } else if (f.source.history()) {
        commit["sha"] = kNoCommit;  // a blob no commit holds: HEAD did not bring it
    } else {
        commit["sha"] = in.head_commit.empty() ? kNoCommit : in.head_commit;
    }
    loc["commit"] = commit;
    v["location"] = loc;
    // GitLab shows this extract in the UI and its API: only ever the secret as shown elsewhere.
    v["raw_source_code_extract"] = shown_secret(f, in);
    return v;
}

}  // namespace

void write_gitlab(const ReportInput& in, std::ostream& out) {
    ojson scan;
    scan["analyzer"] = tool_json();
    scan["scanner"] = tool_json();
    scan["start_time"] = in.start_time;
    scan["end_time"] = in.end_time;
    scan["status"] = in.scan_errors ? "failure" : "success";
    scan["type"] = "secret_detection";
    ojson messages = ojson::array();
    if (in.scan_errors) {
        ojson m;
        m["level"] = "warn";
        m["value"] = fmt::format("{} item{} could not be read; the scan is incomplete.", in.scan_errors,
                                 in.scan_errors == 1 ? "" : "s");
        messages.push_back(m);
    }
    for (const auto& why : incomplete_reasons(in)) {  // skipped for size: still a successful scan
        if (why.reason == "unreadable") continue;
        messages.push_back({{"level", "warn"}, {"value", why.message + "; the scan is incomplete."}});
    }
    if (!messages.empty()) scan["messages"] = messages;

    // Ids come from the location fingerprint (rule, secret, path); the same secret twice in a
    // file gets a counter so ids stay unique in the report and stable across runs.
    std::map<std::string, std::size_t> seen;
    ojson vulns = ojson::array();
    for (const auto& f : *in.findings) {
        std::size_t n = seen[f.location_fingerprint]++;
        std::string basis = n == 0 ? f.location_fingerprint : sha256_hex(fmt::format("{}#{}", f.location_fingerprint, n));
        vulns.push_back(vulnerability_json(f, uuid_of(basis), in));
    }

    ojson report;
    report["version"] = "15.0.0";
    report["schema"] =
        "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.0.0/dist/"
        "secret-detection-report-format.json";
    report["scan"] = scan;
    report["vulnerabilities"] = vulns;
    out << report.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

}  // namespace nhiscan
