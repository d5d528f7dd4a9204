#pragma once
// The printer: findings -> text | json | jsonl | sarif | gitlab. Every format takes the secret
// through redact() unless the user passed --no-redact.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "findings/finding.hpp"
#include "pipeline/stats.hpp"
#include "rules/rule.hpp"

namespace nhiscan {

enum class Format { Text, Json, Jsonl, Sarif, Gitlab };
std::optional<Format> parse_format(std::string_view s);

struct ReportInput {
    const RulePack* pack = nullptr;
    const std::vector<Finding>* findings = nullptr;
    ScanStats stats;
    std::string command;       // dir | git | staged
    bool redact = true;
    bool color = false;
    std::string head_commit;   // for GitLab's location.commit.sha on non-git scans ("" if none)
    std::string start_time;    // ISO 8601 UTC, seconds
    std::string end_time;
    std::size_t scan_errors = 0;
};

// Keeps a short prefix of the secret and masks the rest with a fixed-width mask (the length
// is not revealed).
std::string redact(std::string_view secret);
// The secret as the report shows it: redacted unless the user asked otherwise.
std::string shown_secret(const Finding& f, const ReportInput& in);
// The companion identifier as the report shows it: redacted like the secret.
std::string shown_companion(const Finding& f, const ReportInput& in);

// A live check in one line (text and GitLab reports): "valid (HTTP 200; user: x), checked T".
std::string live_summary(const LiveCheck& c);

// The tool as reports name it (SARIF tool.driver, GitLab scan.scanner).
constexpr const char* kToolName = "nhiscan";
const char* tool_version();
const char* tool_homepage();

void write_report(Format format, const ReportInput& in, std::ostream& out);

// Individual writers (report/<format>.cpp).
void write_text(const ReportInput& in, std::ostream& out);
void write_json(const ReportInput& in, std::ostream& out, bool lines);
void write_sarif(const ReportInput& in, std::ostream& out);
void write_gitlab(const ReportInput& in, std::ostream& out);

}  // namespace nhiscan
