#include "report/formats.hpp"

#include <algorithm>

#include "report/report.hpp"

namespace nhiscan {
namespace {

void write_json_array(const ReportInput& in, std::ostream& out) { write_json(in, out, false); }
void write_json_lines(const ReportInput& in, std::ostream& out) { write_json(in, out, true); }

// One row per format; the order is the order --help and error messages list them in.
constexpr ReportFormat kFormats[] = {
    {"text", "findings grouped by file, then a summary line", write_text, true},
    {"json", "a JSON array, one object per finding", write_json_array},
    {"jsonl", "JSON Lines, one object per finding", write_json_lines},
    {"sarif", "SARIF 2.1.0 for GitHub code scanning", write_sarif},
    {"gitlab", "GitLab secret-detection report 15.0.0", write_gitlab},
};

}  // namespace

std::span<const ReportFormat> report_formats() { return kFormats; }

const ReportFormat* find_format(std::string_view name) {
    auto it =
        std::find_if(std::begin(kFormats), std::end(kFormats), [&](const ReportFormat& f) { return f.name == name; });
    return it == std::end(kFormats) ? nullptr : &*it;
}

std::string format_names(std::string_view separator) {
    std::string out;
    for (const auto& f : kFormats) {
        if (!out.empty()) out += separator;
        out += f.name;
    }
    return out;
}

}  // namespace nhiscan
