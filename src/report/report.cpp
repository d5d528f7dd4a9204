#include "report/report.hpp"

#include <filesystem>
#include <ostream>

#include <fmt/core.h>

namespace nhiscan {

const char* tool_version() { return NHISCAN_VERSION; }
const char* tool_homepage() { return NHISCAN_HOMEPAGE; }

std::string redact(std::string_view secret) {
    std::size_t keep = secret.size() >= 16 ? 4 : secret.size() >= 8 ? 2 : 0;
    // Block secrets (PEM) start with a marker line; show just the marker, never the body.
    if (secret.substr(0, 5) == "-----") keep = std::min<std::size_t>(secret.find('\n') == std::string_view::npos ? 5 : secret.find('\n'), 40);
    std::string out(secret.substr(0, keep));
    out += "*****";
    return out;
}

std::string shown_secret(const Finding& f, const ReportInput& in) {
    return in.redact ? redact(f.secret) : f.secret;
}

std::string shown_companion(const Finding& f, const ReportInput& in) {
    return in.redact ? redact(f.companion) : f.companion;
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string live_summary(const LiveCheck& c) {
    std::string meta;
    for (const auto& [k, v] : c.metadata) meta += fmt::format("; {}: {}", k, v);
    return fmt::format("{} ({}{}), checked {}", c.status, c.reason, meta, c.checked_at);
}

bool in_no_commit(const Finding& f) { return f.source.history() && f.unreachable && !f.commit; }

std::string unreachable_note(const Finding& f) {
    if (!f.unreachable) return {};
    if (in_no_commit(f)) return "not in any branch or tag; `git gc --prune=now` removes it";
    return "only in commits no branch or tag reaches (amended, rebased or dropped); they expire from the reflog";
}

std::string unreachable_left_out(const ScanStats& stats) {
    if (!stats.unreachable_blobs) return {};
    return fmt::format("{} with findings not reported (--include-unreachable reports {})",
                       count_of(stats.unreachable_blobs, "unreachable blob", "unreachable blobs"),
                       stats.unreachable_blobs == 1 ? "it" : "them");
}

std::vector<Incompleteness> incomplete_reasons(const ReportInput& in) {
    std::vector<Incompleteness> out;
    if (in.scan_errors)
        out.push_back({"unreadable", in.scan_errors,
                       fmt::format("{} could not be read", count_of(in.scan_errors, "input", "inputs"))});
    if (in.stats.skipped_large)
        out.push_back({"too-large", in.stats.skipped_large,
                       fmt::format("{} larger than --max-file-size {} skipped",
                                   count_of(in.stats.skipped_large, "input", "inputs"),
                                   in.stats.skipped_large == 1 ? "was" : "were")});
    return out;
}

std::string display_path(const Finding& f, const ReportInput& in) {
    if (in.cwd_in_repo.empty() || f.path.empty() || f.path.front() == '/' || f.source.kind == SourceKind::Stdin) return f.path;
    return std::filesystem::path(f.path).lexically_relative(in.cwd_in_repo).generic_string();
}

void write_report(const ReportFormat& format, const ReportInput& in, std::ostream& out) { format.write(in, out); }

}  // namespace nhiscan
