// SARIF 2.1.0 as GitHub code scanning reads it: one run, one rule per rule that fired (with
// remediation as help and a numeric security-severity), one physical location per result,
// and partial fingerprints that survive line moves. Validated by the SARIF Multitool in
// tests/e2e/test_reports.py.
#include <map>
#include <ostream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace nhiscan {
namespace {

using ojson = nlohmann::ordered_json;

// GitHub ranks alerts by this CVSS-like score: >= 9.0 critical, >= 7.0 high, >= 4.0 medium.
const char* security_severity(Severity s) {
    switch (s) {
        case Severity::Critical: return "9.5";
        case Severity::High: return "8.0";
        case Severity::Medium: return "5.5";
        case Severity::Low: return "3.0";
        case Severity::Info: return "1.0";
    }
    return "5.5";
}

const char* level(Severity s) {
    switch (s) {
        case Severity::Critical:
        case Severity::High: return "error";
        case Severity::Medium: return "warning";
        default: return "note";
    }
}

// GitHub's precision scale; our confidence has no "very-high".
const char* precision(Confidence c) { return to_string(c); }

// SARIF wants rule names as Pascal-case identifiers; the human name is the short description.
std::string pascal_case(std::string_view id) {
    std::string out;
    bool up = true;
    for (char c : id) {
        if (c == '-' || c == '_' || c == '.') {
            up = true;
            continue;
        }
        out.push_back(up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
        up = false;
    }
    return out;
}

bool is_http_url(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

// A path as a URI reference: relative stays relative (GitHub resolves it against the
// repository root), absolute becomes file:///. Every byte outside RFC 3986's unreserved set
// and '/' is percent-encoded, so spaces, '%', '#', '?' and non-ASCII names survive.
std::string path_uri(std::string_view path) {
    std::string out = path.starts_with("/") ? "file://" : "";
    for (unsigned char c : path) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '/';
        if (keep) out.push_back(static_cast<char>(c));
        else out += fmt::format("%{:02X}", c);
    }
    return out;
}

ojson rule_json(const RuleSpec& r) {
    ojson j;
    j["id"] = r.id;
    j["name"] = pascal_case(r.id);
    j["shortDescription"] = {{"text", r.name}};
    std::string full = fmt::format(
        "{} ({}{}). Anyone who reads a leaked credential can act as its owner until it is revoked.", r.name, r.kind,
        r.provider.empty() ? "" : ", issued by " + r.provider);
    j["fullDescription"] = {{"text", full}};
    std::string fix = r.remediation.empty() ? "Revoke the credential at its issuer, issue a new one, and move it to "
                                              "a secret store; then remove it from the repository."
                                            : r.remediation;
    std::string md = fmt::format("**{}**\n\n{}\n\n**Remediation:** {}\n", r.name, full, fix);
    std::string text = fmt::format("{}\n\nRemediation: {}", full, fix);
    std::string first_url;
    for (const auto& ref : r.references) {
        if (!is_http_url(ref)) continue;
        if (first_url.empty()) {
            first_url = ref;
            md += "\n**References:**\n";
            text += "\n\nReferences:";
        }
        md += fmt::format("- <{}>\n", ref);
        text += "\n- " + ref;
    }
    if (!first_url.empty()) j["helpUri"] = first_url;
    j["help"] = {{"text", text}, {"markdown", md}};
    j["defaultConfiguration"] = {{"level", level(r.severity)}};
    ojson tags = ojson::array();
    for (const char* t : {"security", "secret", "external/cwe/cwe-798"}) tags.push_back(t);
    if (!r.kind.empty() && r.kind != "secret") tags.push_back(r.kind);
    j["properties"] = {{"tags", tags},
                       {"security-severity", security_severity(r.severity)},
                       {"precision", precision(r.confidence)},
                       {"problem.severity", level(r.severity) == std::string_view("note") ? "recommendation"
                                                                                            : level(r.severity)},
                       {"provider", r.provider},
                       {"kind", r.kind}};
    return j;
}

std::string message_text(const Finding& f, const ReportInput& in) {
    std::string msg = fmt::format("{} found: {} (confidence {}", f.rule->name, shown_secret(f, in),
                                  to_string(f.confidence));
    if (f.checksum != Checksum::None) msg += fmt::format(", checksum {}", to_string(f.checksum));
    msg += ")";
    if (f.commit) msg += fmt::format(", introduced in commit {}", f.commit->commit.substr(0, 12));
    if (f.head && f.head->status != HeadStatus::Unreachable) msg += ", " + head_status_text(*f.head);
    msg += ".";
    if (f.unreachable) msg += " Unreachable: " + unreachable_note(f) + ".";
    return msg;
}

ojson result_json(const Finding& f, std::size_t rule_index, const ReportInput& in) {
    ojson j;
    j["ruleId"] = f.rule->id;
    j["ruleIndex"] = rule_index;
    j["level"] = level(f.rule->severity);
    j["message"] = {{"text", message_text(f, in)}};

    // SARIF regions are 1-based with an exclusive end column, counted in UTF-16 code units
    // (run.columnKind); JSON's columns count bytes and its end is inclusive.
    bool utf16 = f.utf16_column != 0;
    std::size_t start_line = std::max<std::size_t>(f.line, 1);
    std::size_t start_col = std::max<std::size_t>(utf16 ? f.utf16_column : f.column, 1);
    std::size_t end_line = std::max(f.end_line, start_line);
    std::size_t end_col = std::max<std::size_t>(utf16 ? f.utf16_end_column : f.end_column + 1, 1);
    if (end_line == start_line) end_col = std::max(end_col, start_col + 1);
    ojson artifact{{"uri", path_uri(f.path)}};
    if (!f.path.starts_with("/")) artifact["uriBaseId"] = "%SRCROOT%";
    ojson loc;
    loc["physicalLocation"]["artifactLocation"] = artifact;
    loc["physicalLocation"]["region"] = {
        {"startLine", start_line}, {"startColumn", start_col}, {"endLine", end_line}, {"endColumn", end_col}};
    j["locations"] = ojson::array();
    j["locations"].push_back(loc);

    // "nhiscan/v1" is the content fingerprint (rule + secret), the one baselines use; the
    // location variant adds the path so the same secret in two files is two alerts.
    j["partialFingerprints"] = {{"nhiscan/v1", f.fingerprint}, {"nhiscanLocation/v1", f.location_fingerprint}};

    ojson props;
    props["confidence"] = to_string(f.confidence);
    if (f.checksum != Checksum::None) props["checksum"] = to_string(f.checksum);
    props["source"] = f.source.name();
    if (!f.decoded.empty()) props["decoded"] = f.decoded;
    if (!f.companion.empty()) {
        props["companionName"] = f.rule->companion.name;
        props["companion"] = shown_companion(f, in);
    }
    if (f.commit) {
        props["commit"] = f.commit->commit;
        props["author"] = fmt::format("{} <{}>", f.commit->author_name, f.commit->author_email);
        props["date"] = f.commit->date;
    }
    if (f.source.history()) props["occurrences"] = f.occurrences;
    if (f.in_head) props["inHead"] = *f.in_head;
    if (f.head) {
        props["headStatus"] = head_status_name(f.head->status);
        if (f.head->status == HeadStatus::Elsewhere) props["headPath"] = f.head->path;
    }
    if (f.unreachable) props["unreachable"] = true;
    if (!f.blob_id.empty()) props["blob"] = f.blob_id;
    if (f.live) {
        props["live"] = f.live->status;
        props["liveReason"] = f.live->reason;
        props["checkedAt"] = f.live->checked_at;
        props["liveMetadata"] = ojson::object();
        for (const auto& [k, v] : f.live->metadata) props["liveMetadata"][k] = v;
    }
    j["properties"] = props;
    return j;
}

}  // namespace

void write_sarif(const ReportInput& in, std::ostream& out) {
    const auto& findings = *in.findings;
    std::map<std::string, const RuleSpec*> fired;  // sorted by id: a stable rules array
    for (const auto& f : findings) fired.emplace(f.rule->id, f.rule);
    std::map<std::string, std::size_t> index;
    ojson rules = ojson::array();
    for (const auto& [id, r] : fired) {
        index[id] = rules.size();
        rules.push_back(rule_json(*r));
    }

    ojson driver;
    driver["name"] = kToolName;
    driver["version"] = tool_version();
    driver["semanticVersion"] = tool_version();
    driver["informationUri"] = tool_homepage();
    driver["rules"] = rules;

    ojson results = ojson::array();
    for (const auto& f : findings) results.push_back(result_json(f, index.at(f.rule->id), in));

    ojson invocation;
    invocation["executionSuccessful"] = in.scan_errors == 0;
    if (!in.start_time.empty()) invocation["startTimeUtc"] = in.start_time + "Z";
    if (!in.end_time.empty()) invocation["endTimeUtc"] = in.end_time + "Z";
    // Unreadable inputs are an error (executionSuccessful false); files skipped for
    // --max-file-size a warning: the tool did what it was told, but the scan is incomplete.
    ojson notes = ojson::array();
    if (in.scan_errors) {
        ojson note;
        note["level"] = "error";
        note["message"]["text"] = fmt::format("{} item{} could not be read; the scan is incomplete.", in.scan_errors,
                                              in.scan_errors == 1 ? "" : "s");
        notes.push_back(note);
    }
    for (const auto& why : incomplete_reasons(in)) {
        if (why.reason == "unreadable") continue;
        ojson note;
        note["level"] = "warning";
        note["message"]["text"] = why.message + "; the scan is incomplete.";
        notes.push_back(note);
    }
    if (!notes.empty()) invocation["toolExecutionNotifications"] = notes;

    ojson run;
    run["tool"] = {{"driver", driver}};
    run["invocations"] = ojson::array();
    run["invocations"].push_back(invocation);
    run["columnKind"] = "utf16CodeUnits";
    run["results"] = results;

    ojson log;
    log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    log["version"] = "2.1.0";
    log["runs"] = ojson::array();
    log["runs"].push_back(run);
    out << log.dump(2, ' ', false, ojson::error_handler_t::replace) << '\n';
}

}  // namespace nhiscan
