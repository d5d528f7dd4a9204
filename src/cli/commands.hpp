#pragma once
#include <functional>
#include <string>

#include "cli/options.hpp"
#include "compile/compiled_rules.hpp"
#include "pipeline/dir_scan.hpp"

namespace nhiscan::cli {

int cmd_dir(const Options& opt);
int cmd_git(const Options& opt);
int cmd_staged(const Options& opt);
int cmd_rules_list(const Options& opt);
int cmd_rules_check(const Options& opt);
int cmd_install_hook(const Options& opt);
int cmd_baseline_add(const Options& opt);     // cmd_baseline.cpp
int cmd_import_gitleaks(const Options& opt);  // cmd_import.cpp
int cmd_validate(const Options& opt);  // cli/live.cpp

// --validate (cli/live.cpp): checks the findings with their providers and, with --only-valid,
// keeps the valid ones. A failed check never fails the scan.
void apply_live_validation(const Options& opt, const RulePack& pack, std::vector<Finding>& findings);
}  // namespace nhiscan::cli

namespace CLI {
class App;
}

namespace nhiscan::cli {
// `nhiscan inventory` registers its own options (cmd_inventory.cpp) and returns its runner.
std::function<int()> add_cmd_inventory(CLI::App& app);

// Checks what can fail before a long scan, so a scan never runs only to fail at the end:
// --baseline (read and validated here, reused by finish_scan), and that the directories of
// -o/--report and --write-baseline exist and are writable. Every scan command calls it first.
void prepare_scan(const Options& opt);

// What the report needs to know about the scan beyond its findings.
struct ScanContext {
    std::string command;      // dir | git | staged
    std::string head_commit;  // the repository's HEAD sha when known (GitLab reports need one)
    std::string work_tree;    // the repository's work tree, "" when none: text paths relative to the cwd
};

// Shared tail of every scan command: baseline, report (stdout or -o FILE), exit status.
int finish_scan(const Options& opt, const CompiledRules& rules, ScanOutput out, const ScanContext& ctx);

}  // namespace nhiscan::cli
