#pragma once
// The printer: findings -> one of the formats in report/formats.cpp. Every format takes the
// secret through redact() unless the user passed --no-redact.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "findings/finding.hpp"
#include "pipeline/stats.hpp"
#include "report/formats.hpp"
#include "rules/rule.hpp"

namespace nhiscan {

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
    // The text report on stdout shows paths relative to the current directory, as git does,
    // when that is inside the repository: this is the cwd's repository-relative path ("" = as is).
    std::string cwd_in_repo;
};

// Why a scan did not cover everything it was asked to: inputs that could not be read, and
// files skipped for --max-file-size. Binary, non-regular and .gitignore'd files are left out by
// design (the text summary counts them) and do not make a scan incomplete. Empty: complete.
struct Incompleteness {
    std::string reason;  // unreadable | too-large
    std::size_t count = 0;
    std::string message;
};
std::vector<Incompleteness> incomplete_reasons(const ReportInput& in);

// "1 file", "2 files": counts in notices and summaries.
std::string count_of(std::size_t n, std::string_view one, std::string_view many);

// A finding's path as the text report shows it (see ReportInput::cwd_in_repo).
std::string display_path(const Finding& f, const ReportInput& in);

// Keeps a short prefix of the secret and masks the rest with a fixed-width mask (the length
// is not revealed).
std::string redact(std::string_view secret);
// The secret as the report shows it: redacted unless the user asked otherwise.
std::string shown_secret(const Finding& f, const ReportInput& in);
// The companion identifier as the report shows it: redacted like the secret.
std::string shown_companion(const Finding& f, const ReportInput& in);

// A history finding from a blob no commit holds (path `git-blob:<id>`, no commit fields):
// what a commit the pre-commit hook blocked leaves once it is unstaged (docs/git.md).
bool in_no_commit(const Finding& f);
// What an unreachable finding is and how it goes away (text, SARIF and GitLab say the same);
// "" for a reachable one.
std::string unreachable_note(const Finding& f);
// "1 unreachable blob with findings not reported (--include-unreachable reports it)", or ""
// when the scan left none out.
std::string unreachable_left_out(const ScanStats& stats);

// A live check in one line (text and GitLab reports): "valid (HTTP 200; user: x), checked T".
std::string live_summary(const LiveCheck& c);

// The tool as reports name it (SARIF tool.driver, GitLab scan.scanner).
constexpr const char* kToolName = "nhiscan";
const char* tool_version();
const char* tool_homepage();

void write_report(const ReportFormat& format, const ReportInput& in, std::ostream& out);

// Individual writers (report/<format>.cpp), listed in report/formats.cpp.
void write_text(const ReportInput& in, std::ostream& out);
void write_json(const ReportInput& in, std::ostream& out, bool lines);
void write_sarif(const ReportInput& in, std::ostream& out);
void write_gitlab(const ReportInput& in, std::ostream& out);

}  // namespace nhiscan
