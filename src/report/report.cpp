#include "report/report.hpp"

#include <fmt/core.h>

#include <ostream>

namespace nhiscan {

std::optional<Format> parse_format(std::string_view s) {
    if (s == "text") return Format::Text;
    if (s == "json") return Format::Json;
    if (s == "jsonl") return Format::Jsonl;
    if (s == "sarif") return Format::Sarif;
    if (s == "gitlab") return Format::Gitlab;
    return std::nullopt;
}

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

void write_report(Format format, const ReportInput& in, std::ostream& out) {
    switch (format) {
        case Format::Text: write_text(in, out); break;
        case Format::Json: write_json(in, out, false); break;
        case Format::Jsonl: write_json(in, out, true); break;
        case Format::Sarif: write_sarif(in, out); break;
        case Format::Gitlab: write_gitlab(in, out); break;
    }
}

std::string live_summary(const LiveCheck& c) {
    std::string meta;
    for (const auto& [k, v] : c.metadata) meta += fmt::format("; {}: {}", k, v);
    return fmt::format("{} ({}{}), checked {}", c.status, c.reason, meta, c.checked_at);
}

}  // namespace nhiscan
