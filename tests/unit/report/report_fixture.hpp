#pragma once
// Hand-built rules and findings for the report writers' tests.
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace nhiscan::testing {

inline RuleSpec make_rule(std::string id, Severity sev, std::string remediation = "Revoke it.") {
    RuleSpec r;
    r.id = std::move(id);
    r.name = "Name of " + r.id;
    r.provider = "Acme";
    r.kind = "token";
    r.severity = sev;
    r.remediation = std::move(remediation);
    r.references = {"https://example.com/" + r.id, "not a url"};
    return r;
}

inline Finding make_finding(const RuleSpec& r, std::string path, std::string secret, std::size_t line = 3,
                            std::size_t col = 5) {
    Finding f;
    f.rule = &r;
    f.path = std::move(path);
    f.line = f.end_line = line;
    f.column = col;
    f.end_column = col + secret.size() - 1;
    f.secret = std::move(secret);
    f.source.kind = SourceKind::File;
    f.confidence = Confidence::High;
    f.fingerprint = fingerprint_of(r.id, f.secret);
    f.location_fingerprint = location_fingerprint_of(r.id, f.secret, f.path);
    return f;
}

struct Rendered {
    std::string text;
    nlohmann::json json;
};

inline Rendered render(std::string_view fmt, const std::vector<Finding>& findings, bool redact = true,
                       std::string head = {}, std::size_t scan_errors = 0, ScanStats stats = {}) {
    ReportInput in;
    in.findings = &findings;
    in.command = "dir";
    in.redact = redact;
    in.head_commit = std::move(head);
    in.start_time = "2024-01-02T03:04:05";
    in.end_time = "2024-01-02T03:04:06";
    in.scan_errors = scan_errors;
    in.stats = stats;
    std::ostringstream out;
    write_report(*find_format(fmt), in, out);
    return {out.str(), nlohmann::json::parse(out.str())};
}

}  // namespace nhiscan::testing
