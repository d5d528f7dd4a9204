#include "cli/app.hpp"

#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/pack_prefetch.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan::cli {
namespace {

// dir and git open archives (pipeline/archive_source.hpp); staged does not.
void add_archive_options(CLI::App& sub, Options& o) {
    sub.add_flag("--no-archives", o.no_archives, "Don't scan inside archives (zip, jar, tar, gzip, bzip2, xz)");
    sub.add_option("--max-archive-depth", o.max_archive_depth, "Open archives nested up to N deep (default 3)")
        ->check(CLI::Range(1u, 16u));
}

// Issue 20: CI gates and the repository baseline (docs/reports.md).
void add_gate_options(CLI::App& sub, Options& o) {
    sub.add_option("--min-severity", o.min_severity, "Report and fail only on findings of this severity or above: info, low, medium, high, critical")
        ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
    sub.add_option("--min-confidence", o.min_confidence, "Report and fail only on findings of this confidence or above: low, medium, high")
        ->check(CLI::IsMember({"low", "medium", "high"}));
    sub.add_flag("--no-baseline", o.no_baseline, "Don't apply .nhiscan-baseline.jsonl from the repository root");
}

void add_scan_options(CLI::App& sub, Options& o) {
    sub.add_option("-f,--format", o.format, "Report format: text, json, jsonl, sarif, gitlab")
        ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "gitlab"}));
    sub.add_option("-o,--report", o.report_path, "Write the report to FILE instead of stdout");
    sub.add_option("-c,--config", o.config, "Config file (default: .nhiscan.toml at the repository root)");
    sub.add_flag("--no-redact", o.no_redact, "Show secrets in full (they are redacted by default)");
    sub.add_option("-j,--threads", o.threads, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
    sub.add_option("--baseline", o.baseline, "Suppress findings listed in this baseline file");
    sub.add_option("--write-baseline", o.write_baseline, "Write the current findings' fingerprints to FILE");
    sub.add_option("--max-file-size", o.max_file_size, "Skip files larger than BYTES (default 26214400; staged scans them in chunks)");
    sub.add_flag("--no-color", o.no_color, "Never colour text output");
    sub.add_flag("-q,--quiet", o.quiet, "No notices on stderr, and no summary when writing to a file");
    sub.add_option("--progress", o.progress, "Progress on stderr: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub.add_option("--exit-code", o.exit_code, "Exit status when findings exist (default 1)")->check(CLI::Range(0, 125));
    sub.add_flag("--all-occurrences", o.all_occurrences, "List every occurrence, not one per secret per place");
    sub.add_flag("--no-cache", o.no_cache, "Compile the rules in memory; don't read or write the cache");
    add_gate_options(sub, o);
}

}  // namespace

int run(int argc, char** argv) {
    Options o;
    CLI::App app{"nhiscan: finds leaked credentials of non-human identities"};
    app.set_version_flag("--version", "nhiscan 0.1.0");
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::simple);

    auto* dir = app.add_subcommand("dir", "Scan files and directories ('-' reads stdin)");
    dir->add_option("paths", o.paths, "Files or directories (default: .)");
    dir->add_flag("--no-ignore", o.no_ignore,
                  "Also scan files .gitignore excludes (skipped by default inside a git work tree, and counted)");
    add_archive_options(*dir, o);
    add_scan_options(*dir, o);

    auto* git = app.add_subcommand("git", "Scan git history: every reachable blob, once");
    git->add_option("repo", o.repo, "Repository (default: .)");
    git->add_option("--range", o.range, "Only commits in BASE..HEAD (CI mode)");
    git->add_option("--branch", o.branch, "Only the history of this ref");
    git->add_flag("--fail-on-empty-range", o.fail_on_empty_range,
                  "With --range: an empty range (reversed, or BASE already contains HEAD) is an error, not a warning");
    add_archive_options(*git, o);
    add_scan_options(*git, o);

    auto* staged = app.add_subcommand("staged", "Scan what is about to be committed (pre-commit)");
    staged->add_option("repo", o.repo, "Repository (default: .)");
    add_scan_options(*staged, o);

    auto* rules = app.add_subcommand("rules", "Show or check the rule pack");
    rules->require_subcommand(1);
    auto* list = rules->add_subcommand("list", "List the rules by provider, with counts (-f json: the pack as data)");
    list->add_option("-c,--config", o.config, "Config file (default: .nhiscan.toml in the current repository)");
    list->add_option("-f,--format", o.format, "text | json")->check(CLI::IsMember({"text", "json"}));
    auto* check = rules->add_subcommand("check", "Run rules' examples through the engine");
    check->add_option("files", o.rule_files, "Rule or config files (default: the built-in pack)");

    auto* hook = app.add_subcommand("install-hook",
                                    "Install nhiscan as this repository's pre-commit and pre-merge-commit hooks");
    hook->add_option("repo", o.repo, "Repository (default: .)");
    hook->add_flag("--pre-push", o.pre_push, "Install the pre-push hook instead of pre-commit and pre-merge-commit");

    auto* baseline = app.add_subcommand("baseline", "Edit a baseline file");
    baseline->require_subcommand(1);
    auto* badd = baseline->add_subcommand("add", "Acknowledge findings by fingerprint, keeping every other entry");
    badd->add_option("fingerprints", o.fingerprints, "Content fingerprints (64 hex digits, as reports show them)")->required();
    badd->add_option("--rule", o.baseline_rule, "The finding's rule id (recorded for reviewers)");
    badd->add_option("--path", o.baseline_path, "The finding's path (recorded for reviewers)");
    badd->add_option("--commit", o.baseline_commit, "The commit that introduced it (recorded for reviewers)");
    badd->add_option("--baseline", o.baseline, "Baseline file (default: .nhiscan-baseline.jsonl at the repository root)");

    auto* import = app.add_subcommand("import", "Convert another scanner's configuration");
    import->require_subcommand(1);
    auto* igl = import->add_subcommand("gitleaks", "Convert .gitleaks.toml and .gitleaksignore to .nhiscan.toml and a baseline");
    igl->add_option("--config", o.import_config, "gitleaks config (default: .gitleaks.toml if present)");
    igl->add_option("--ignore", o.import_ignore, "gitleaks ignore file (default: .gitleaksignore if present)");
    igl->add_option("-o,--output", o.import_output, "nhiscan config to write (default: .nhiscan.toml at the repository root)");
    igl->add_option("--baseline-out", o.import_baseline_out, "Baseline to write from .gitleaksignore (default: .nhiscan-baseline.jsonl at the repository root)");
    igl->add_flag("--force", o.force, "Overwrite existing output files");
    igl->add_option("repo", o.repo, "Repository the .gitleaksignore commits belong to (default: .)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "nhiscan: error: " << e.what() << " (see nhiscan --help)\n";
        return 2;
    }
    diag::set_quiet(o.quiet);
    // The scan commands need the built-in pack: parse it while libgit2 starts (pack_prefetch.hpp).
    std::optional<PackPrefetch> prefetch;
    if (dir->parsed() || git->parsed() || staged->parsed() || list->parsed() || igl->parsed()) prefetch.emplace();
    GitLibrary libgit2;

    if (dir->parsed()) return cmd_dir(o);
    if (git->parsed()) return cmd_git(o);
    if (staged->parsed()) return cmd_staged(o);
    if (list->parsed()) return cmd_rules_list(o);
    if (check->parsed()) return cmd_rules_check(o);
    if (hook->parsed()) return cmd_install_hook(o);
    if (badd->parsed()) return cmd_baseline_add(o);
    if (igl->parsed()) return cmd_import_gitleaks(o);
    return 2;
}

}  // namespace nhiscan::cli
