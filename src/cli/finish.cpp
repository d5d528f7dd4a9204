#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/chrono.h>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "report/report.hpp"

namespace nhiscan::cli {
namespace {

std::string iso_now_minus(double seconds) {
    auto now = std::chrono::system_clock::now() - std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                                      std::chrono::duration<double>(seconds));
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}", std::chrono::floor<std::chrono::seconds>(now));
}

}  // namespace

int finish_scan(const Options& opt, const CompiledRules& rules, ScanOutput out, const std::string& command,
                const std::string& head_commit) {
    auto format = parse_format(opt.format);
    if (!format) throw UsageError(fmt::format("unknown format '{}' (text|json|jsonl|sarif|gitlab)", opt.format));

    ReportInput in;
    in.pack = &rules.pack();
    in.findings = &out.findings;
    in.stats = out.stats;
    in.command = command;
    in.redact = !opt.no_redact;
    in.head_commit = head_commit;
    in.start_time = iso_now_minus(out.stats.seconds);
    in.end_time = iso_now_minus(0);
    in.scan_errors = diag::scan_error_count();

    if (opt.report_path.empty() || opt.report_path == "-") {
        in.color = *format == Format::Text && !opt.no_color && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        write_report(*format, in, std::cout);
        std::cout.flush();
        if (!std::cout) throw Error("cannot write the report to standard output");
    } else {
        std::ofstream f(opt.report_path, std::ios::binary | std::ios::trunc);
        if (!f) throw Error(fmt::format("cannot write report '{}': {}", opt.report_path, std::strerror(errno)));
        write_report(*format, in, f);
        f.close();
        if (!f) throw Error(fmt::format("cannot write report '{}'", opt.report_path));
        // With a report file, keep a one-line summary on stderr for humans and CI logs.
        if (!opt.quiet)
            std::cerr << fmt::format("nhiscan: {} finding{} written to {}\n", out.findings.size(),
                                     out.findings.size() == 1 ? "" : "s", opt.report_path);
    }
    if (!out.findings.empty()) return opt.exit_code;
    return in.scan_errors ? 2 : 0;
}

}  // namespace nhiscan::cli
