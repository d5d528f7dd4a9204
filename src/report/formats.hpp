#pragma once
// The report formats, one table (report/formats.cpp). Adding a format is one file
// (report/<name>.cpp with its writer) plus one row there: the CLI's -f choices, its help text,
// parsing and the error message all come from the table.
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace nhiscan {

struct ReportInput;

struct ReportFormat {
    std::string_view name;         // what -f takes
    std::string_view description;  // one line for --help and docs
    void (*write)(const ReportInput& in, std::ostream& out);
    bool for_terminal = false;  // may be coloured when stdout is a terminal; paths shown cwd-relative
};

std::span<const ReportFormat> report_formats();
// nullptr when no format has that name.
const ReportFormat* find_format(std::string_view name);
// "text|json|jsonl|sarif|gitlab", in table order (for error messages and help).
std::string format_names(std::string_view separator = "|");

}  // namespace nhiscan
