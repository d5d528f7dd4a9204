#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "findings/baseline.hpp"
#include "findings/collapse.hpp"
#include "report/report.hpp"

namespace nhiscan::cli {
namespace {
namespace fs = std::filesystem;

// UTC, seconds, no zone suffix: the form GitLab's report schema requires.
std::string iso_utc_minus(double seconds) {
    auto now = std::chrono::system_clock::now() -
               std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::duration<double>(seconds));
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

// The baseline named by --baseline, loaded once: prepare_scan() reads it before the scan so a
// malformed file fails fast, and finish_scan() reuses it.
std::map<std::string, Baseline>& baseline_cache() {
    static std::map<std::string, Baseline> cache;
    return cache;
}

const Baseline& baseline_for(const std::string& path) {
    auto& cache = baseline_cache();
    auto it = cache.find(path);
    if (it == cache.end()) it = cache.emplace(path, Baseline::load(path)).first;
    return it->second;
}

// A file the run will write at the end: its directory must exist and be writable now.
void check_writable(const std::string& path, std::string_view what) {
    if (path.empty() || path == "-") return;
    std::error_code ec;
    fs::path p(path);
    if (fs::is_directory(p, ec)) throw Error(fmt::format("cannot write {} '{}': it is a directory", what, path));
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    if (!fs::is_directory(dir, ec))
        throw Error(fmt::format("cannot write {} '{}': no such directory '{}'", what, path, dir.string()));
    const fs::path& target = fs::exists(p, ec) ? p : dir;
    if (::access(target.c_str(), W_OK) != 0)
        throw Error(fmt::format("cannot write {} '{}': {}", what, path, std::strerror(errno)));
}

// The repository-relative path of the current directory when it lies inside `work_tree`
// below its root; "" otherwise (at the root, outside, or unknown).
std::string cwd_in(const std::string& work_tree) {
    if (work_tree.empty()) return {};
    std::error_code ec;
    fs::path root = fs::weakly_canonical(work_tree, ec);
    fs::path cwd = fs::current_path(ec);
    if (ec) return {};
    fs::path rel = cwd.lexically_relative(root);
    std::string s = rel.generic_string();
    if (s.empty() || s == "." || s.starts_with("..")) return {};
    return s;
}

}  // namespace

void prepare_scan(const Options& opt) {
    if (!parse_severity(opt.min_severity))
        throw UsageError(fmt::format("unknown --min-severity '{}' (info|low|medium|high|critical)", opt.min_severity));
    if (!parse_confidence(opt.min_confidence))
        throw UsageError(fmt::format("unknown --min-confidence '{}' (low|medium|high)", opt.min_confidence));
    if (!opt.baseline.empty()) baseline_for(opt.baseline);
    if (opt.only_valid && !opt.validate) throw UsageError("--only-valid needs --validate");
    check_writable(opt.report_path, "report");
    check_writable(opt.write_baseline, "baseline");
}

int finish_scan(const Options& opt, const CompiledRules& rules, ScanOutput out, const ScanContext& ctx) {
    prepare_scan(opt);
    const ReportFormat& format = *opt.format;

    // One secret, one finding per path in every command (docs/reports.md#one-finding-per-secret):
    // git groups its history itself; dir and staged do it here.
    collapse_same_provider(out.findings);
    if (!opt.all_occurrences && ctx.command != "git") one_per_secret_per_path(out.findings);

    // The written baseline lists everything this scan found, including what --baseline
    // suppresses, so `--baseline B --write-baseline B` refreshes B (fixed secrets drop out).
    if (!opt.write_baseline.empty()) {
        auto entries = baseline_entries(out.findings);
        write_baseline_file(opt.write_baseline, entries);
        diag::notice(fmt::format("wrote {} baseline entr{} to {}", entries.size(), entries.size() == 1 ? "y" : "ies",
                                 opt.write_baseline));
    }
    if (!opt.baseline.empty()) {
        out.stats.suppressed = apply_baseline(baseline_for(opt.baseline), out.findings);
        if (opt.baseline_is_default && out.stats.suppressed)
            diag::notice(fmt::format("{} finding{} suppressed by {} (--no-baseline shows them)", out.stats.suppressed,
                                     out.stats.suppressed == 1 ? "" : "s", opt.baseline));
    }
    // CI gates: what is below them is neither reported nor counted in the exit status.
    if (std::size_t below = drop_below(out.findings, *parse_severity(opt.min_severity),
                                       *parse_confidence(opt.min_confidence)))
        diag::notice(fmt::format("{} finding{} below --min-severity {} / --min-confidence {} not reported", below,
                                 below == 1 ? "" : "s", opt.min_severity, opt.min_confidence));
    // After the gates and the baseline: only what will be reported is sent to a provider.
    apply_live_validation(opt, rules.pack(), out.findings);

    ReportInput in;
    in.pack = &rules.pack();
    in.findings = &out.findings;
    in.stats = out.stats;
    in.command = ctx.command;
    in.redact = !opt.no_redact;
    in.head_commit = ctx.head_commit;
    in.start_time = iso_utc_minus(out.stats.seconds);
    in.end_time = iso_utc_minus(0);
    in.scan_errors = diag::scan_error_count();

    if (opt.report_path.empty() || opt.report_path == "-") {
        in.color = format.for_terminal && !opt.no_color && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
        // Like git, a report for a person at a terminal names files from where they stand;
        // machine formats and report files keep repository-relative paths.
        if (format.for_terminal) in.cwd_in_repo = cwd_in(ctx.work_tree);
        write_report(format, in, std::cout);
        std::cout.flush();
        if (!std::cout) throw Error("cannot write the report to standard output");
        // The text summary counts the unreachable blobs left out; other formats say it here.
        if (auto left_out = unreachable_left_out(in.stats); !left_out.empty() && !format.for_terminal)
            diag::notice(left_out);
    } else {
        std::ofstream f(opt.report_path, std::ios::binary | std::ios::trunc);
        if (!f) throw Error(fmt::format("cannot write report '{}': {}", opt.report_path, std::strerror(errno)));
        write_report(format, in, f);
        f.close();
        if (!f) throw Error(fmt::format("cannot write report '{}'", opt.report_path));
        // With a report file, keep a one-line summary on stderr for humans and CI logs.
        if (!opt.quiet) {
            std::string suppressed =
                in.stats.suppressed ? fmt::format(" ({} suppressed by baseline)", in.stats.suppressed) : "";
            std::string left_out = unreachable_left_out(in.stats);
            std::cerr << fmt::format("nhiscan: {}{} written to {}{}\n",
                                     count_of(out.findings.size(), "finding", "findings"), suppressed, opt.report_path,
                                     left_out.empty() ? "" : "; " + left_out);
        }
    }
    // --exit-code N replaces the findings status (GitLab CI passes 0 so the report is ingested),
    // but a scan that could not read something never looks clean: 2 unless N reports findings.
    if (!out.findings.empty() && opt.exit_code != 0) return opt.exit_code;
    if (in.scan_errors) return 2;
    return out.findings.empty() ? 0 : opt.exit_code;
}

}  // namespace nhiscan::cli
