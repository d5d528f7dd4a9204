#pragma once
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

// Checks what can fail before a long scan: the format, and --baseline (read and validated
// here, reused by finish_scan). Commands call it first; finish_scan calls it again.
void prepare_scan(const Options& opt);

// Shared tail of every scan command: baseline, report (stdout or -o FILE), exit status.
// `head_commit` is the repository's HEAD sha when known (GitLab reports need one).
int finish_scan(const Options& opt, const CompiledRules& rules, ScanOutput out, const std::string& command,
                const std::string& head_commit);

}  // namespace nhiscan::cli
