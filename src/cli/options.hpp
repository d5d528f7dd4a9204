#pragma once
// argv -> raw strings (CLI11, cli/app.cpp) -> these typed Options, converted once at the edge
// (a bad value is a one-line usage error before anything runs) -> resolved rules and config
// (cli/setup.cpp) -> commands.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report/formats.hpp"

namespace nhiscan::cli {

enum class Command { Dir, Git, Staged, RulesList, RulesCheck, InstallHook, BaselineAdd, ImportGitleaks, Validate, Inventory };
enum class Progress { Auto, Always, Never };

std::string_view to_string(Progress p);

struct Options {
    Command command = Command::Dir;
    std::vector<std::string> paths{"."};
    std::string repo = ".";
    std::string range;
    std::string branch;
    const ReportFormat* format = find_format("text");  // never null after parsing
    std::string report_path;
    std::string config;
    bool no_redact = false;
    unsigned threads = 0;
    std::string baseline;
    std::string write_baseline;
    std::uint64_t max_file_size = 25u << 20;
    bool no_color = false;
    bool quiet = false;
    Progress progress = Progress::Auto;
    int exit_code = 1;
    bool all_occurrences = false;
    bool include_unreachable = false;  // git: report blobs no commit holds
    bool fail_on_empty_range = false;  // git --range
    bool no_ignore = false;            // dir: scan what .gitignore excludes
    bool no_archives = false;          // dir, git: don't open archives
    unsigned max_archive_depth = 3;    // dir, git: archives opened inside archives
    bool no_cache = false;
    bool pre_push = false;  // install-hook
    std::vector<std::string> rule_files;  // rules check
    // Issue 20 (migration, baselines): gates and the repository baseline.
    std::string min_severity = "info";  // report (and fail on) findings at or above these
    std::string min_confidence = "low";
    bool no_baseline = false;           // don't apply .nhiscan-baseline.jsonl by default
    bool baseline_is_default = false;   // set when opt.baseline came from the repository
    // baseline add
    std::vector<std::string> fingerprints;
    std::string baseline_rule, baseline_path, baseline_commit;
    // import gitleaks
    std::string import_config, import_ignore, import_output, import_baseline_out;  // "": defaults at the repository root
    bool force = false;
    bool validate = false;        // --validate: live checks (docs/validation.md)
    bool only_valid = false;      // --only-valid
    double validate_timeout = 10;  // seconds per request
    std::string validate_rule;    // validate --rule
    std::string companion;        // validate --companion
};

}  // namespace nhiscan::cli
