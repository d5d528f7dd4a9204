#include "cli/app.hpp"

#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/pack_prefetch.hpp"
#include "cli/suggest.hpp"
#include "cli/version.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "report/report.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan::cli {

std::string_view to_string(Progress p) {
    switch (p) {
        case Progress::Auto: return "auto";
        case Progress::Always: return "always";
        case Progress::Never: return "never";
    }
    return "auto";
}

namespace {

// dir and git open archives (pipeline/archive_source.hpp); staged does not.
void add_archive_options(CLI::App& sub, Options& o) {
    sub.add_flag("--no-archives", o.no_archives, "Don't scan inside archives (zip, jar, tar, gzip, bzip2, xz)");
    sub.add_option("--max-archive-depth", o.max_archive_depth, "Open archives nested up to N deep (default 3)")
        ->check(CLI::Range(1u, 16u));
}

// Live validation (docs/validation.md): off unless asked for; it sends secrets to their providers.
void add_validate_options(CLI::App& sub, Options& o) {
    sub.add_flag("--validate", o.validate, "Ask each provider whether found credentials still work (sends them; docs/validation.md)");
    sub.add_flag("--only-valid", o.only_valid, "With --validate: report only the findings their provider confirmed valid");
    sub.add_option("--validate-timeout", o.validate_timeout, "Seconds allowed per validation request (default 10)")
        ->check(CLI::Range(0.1, 300.0));
}

// What CLI11 fills: strings for the settings that become types once parsing is over.
struct RawArgs {
    std::string format = "text";
    std::string progress = "auto";
};

std::vector<std::string> format_choices() {
    std::vector<std::string> names;
    for (const auto& f : report_formats()) names.emplace_back(f.name);
    return names;
}

// Issue 20: CI gates and the repository baseline (docs/reports.md).
void add_gate_options(CLI::App& sub, Options& o) {
    sub.add_option("--min-severity", o.min_severity, "Report and fail only on findings of this severity or above: info, low, medium, high, critical")
        ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
    sub.add_option("--min-confidence", o.min_confidence, "Report and fail only on findings of this confidence or above: low, medium, high")
        ->check(CLI::IsMember({"low", "medium", "high"}));
    sub.add_flag("--no-baseline", o.no_baseline, "Don't apply .nhiscan-baseline.jsonl from the repository root");
}

void add_scan_options(CLI::App& sub, Options& o, RawArgs& raw) {
    sub.add_option("-f,--format", raw.format, "Report format: " + format_names(", "))
        ->check(CLI::IsMember(format_choices()));
    sub.add_option("-o,--report", o.report_path, "Write the report to FILE instead of stdout");
    sub.add_option("-c,--config", o.config, "Config file (default: .nhiscan.toml at the repository root)");
    sub.add_flag("--no-redact", o.no_redact, "Show secrets in full (they are redacted by default)");
    sub.add_option("-j,--threads", o.threads, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
    sub.add_option("--baseline", o.baseline, "Suppress findings listed in this baseline file");
    sub.add_option("--write-baseline", o.write_baseline, "Write the current findings' fingerprints to FILE");
    // 10MB and 10M are 10,000,000 bytes, 10MiB is 10 x 2^20; a plain number is bytes.
    sub.add_option("--max-file-size", o.max_file_size,
                   "Skip files larger than SIZE: bytes, or with a unit (10MB, 512KiB; default 25MiB; staged scans "
                   "larger files in chunks)")
        ->check(CLI::Validator(
            [](std::string& s) { return s.find('-') == std::string::npos ? std::string() : "must not be negative"; },
            "SIZE"))
        ->transform(CLI::AsSizeValue(true));
    sub.add_flag("--no-color", o.no_color, "Never colour text output");
    sub.add_flag("-q,--quiet", o.quiet, "No notices on stderr, and no summary when writing to a file");
    sub.add_option("--progress", raw.progress, "Progress on stderr: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub.add_option("--exit-code", o.exit_code, "Exit status when findings exist (default 1)")->check(CLI::Range(0, 125));
    sub.add_flag("--all-occurrences", o.all_occurrences, "List every occurrence, not one per secret per place");
    sub.add_flag("--no-cache", o.no_cache, "Compile the rules in memory; don't read or write the cache");
    add_validate_options(sub, o);
    add_gate_options(sub, o);
}

// Low args to high args: the strings CLI11 checked become the types the commands use.
void resolve(const RawArgs& raw, Options& o) {
    o.format = find_format(raw.format);
    if (!o.format) throw UsageError(fmt::format("unknown format '{}' ({})", raw.format, format_names()));
    o.progress = raw.progress == "always"  ? Progress::Always
                 : raw.progress == "never" ? Progress::Never
                                           : Progress::Auto;
}

// Commands people type by habit from other scanners; each gets a pointer to ours.
constexpr std::pair<std::string_view, std::string_view> kHints[] = {
    {"scan",
     "nhiscan has no 'scan' command: use 'nhiscan dir [PATH...]' for files, 'nhiscan git' for history, "
     "'nhiscan staged' for what is about to be committed"},
    {"detect", "nhiscan has no 'detect' command: use 'nhiscan git' for history or 'nhiscan dir' for files"},
    {"protect", "nhiscan has no 'protect' command: use 'nhiscan staged' (pre-commit)"},
};

// A one-line "did you mean" for an unknown subcommand or long option, or "" when nothing is
// close. Walks argv down the subcommand tree, so the candidates are the names valid there.
std::string suggestion(const CLI::App& app, int argc, char** argv) {
    const CLI::App* cur = &app;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") break;
        if (a.starts_with("--")) {
            std::string name(a.substr(0, a.find('=')));
            std::vector<std::string> options;
            for (const auto* opt : cur->get_options())
                for (const auto& l : opt->get_lnames()) options.push_back("--" + l);
            if (std::find(options.begin(), options.end(), name) != options.end()) continue;
            if (auto best = closest(name, options); !best.empty())
                return fmt::format("unknown option '{}'; did you mean '{}'?", name, best);
            continue;
        }
        auto subs = cur->get_subcommands({});
        if (a.starts_with("-") || subs.empty()) continue;  // a short option or a positional argument
        std::vector<std::string> commands;
        for (const auto* s : subs) commands.push_back(s->get_name());
        if (auto it = std::find(commands.begin(), commands.end(), a); it != commands.end()) {
            cur = subs[static_cast<std::size_t>(it - commands.begin())];
            continue;
        }
        if (cur == &app)
            for (auto [word, hint] : kHints)
                if (a == word) return std::string(hint);
        if (auto best = closest(a, commands); !best.empty())
            return fmt::format("unknown command '{}'; did you mean '{}'?", a, best);
        return fmt::format("unknown command '{}' (commands: {})", a, fmt::join(commands, ", "));
    }
    return {};
}

}  // namespace

int run(int argc, char** argv) {
    Options o;
    RawArgs raw;
    CLI::App app{"nhiscan: finds leaked credentials of non-human identities"};
    app.set_version_flag("--version", version_text());
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::simple);

    auto* dir = app.add_subcommand("dir", "Scan files and directories ('-' reads stdin)");
    dir->add_option("paths", o.paths, "Files or directories (default: .)");
    dir->add_flag("--no-ignore", o.no_ignore,
                  "Also scan files .gitignore excludes (skipped by default inside a git work tree, and counted)");
    add_archive_options(*dir, o);
    add_scan_options(*dir, o, raw);

    auto* git = app.add_subcommand("git", "Scan git history: every reachable blob, once");
    git->add_option("repo", o.repo, "Repository (default: .)");
    git->add_option("--range", o.range, "Only commits in BASE..HEAD (CI mode)");
    git->add_option("--branch", o.branch, "Only the history of this ref");
    git->add_flag("--fail-on-empty-range", o.fail_on_empty_range,
                  "With --range: an empty range (reversed, or BASE already contains HEAD) is an error, not a warning");
    git->add_flag("--include-unreachable", o.include_unreachable,
                  "Also report blobs in no commit (left by unstaged changes; counted in the summary otherwise)");
    add_archive_options(*git, o);
    add_scan_options(*git, o, raw);

    auto* staged = app.add_subcommand("staged", "Scan what is about to be committed (pre-commit)");
    staged->add_option("repo", o.repo, "Repository (default: .)");
    add_scan_options(*staged, o, raw);

    auto* rules = app.add_subcommand("rules", "Show or check the rule pack");
    rules->require_subcommand(1);
    auto* list = rules->add_subcommand("list", "List the rules by provider, with counts (-f json: the pack as data)");
    list->add_option("-c,--config", o.config, "Config file (default: .nhiscan.toml in the current repository)");
    list->add_option("-f,--format", raw.format, "text | json")->check(CLI::IsMember({"text", "json"}));
    auto* check = rules->add_subcommand("check", "Run rules' examples through the engine");
    check->add_option("files", o.rule_files, "Rule or config files (default: the built-in pack)");

    auto* hook = app.add_subcommand("install-hook",
                                    "Install nhiscan as this repository's pre-commit and pre-merge-commit hooks");
    hook->add_option("repo", o.repo, "Repository (default: .)");
    hook->add_flag("--pre-push", o.pre_push, "Install the pre-push hook instead of pre-commit and pre-merge-commit");

    auto* validate = app.add_subcommand("validate", "Check one credential, read from stdin, with its provider (triage)");
    validate->add_option("--rule", o.validate_rule, "The rule whose [rules.validate] check to run")->required();
    validate->add_option("--companion", o.companion, "Its companion identifier, e.g. the AWS access key id");
    validate->add_option("--tenant", o.tenant,
                         "Its tenant: the provider host's first label, e.g. acme for acme.okta.com");
    validate->add_option("-f,--format", raw.format, "text | json")->check(CLI::IsMember({"text", "json"}));
    validate->add_option("-c,--config", o.config, "Config file (default: .nhiscan.toml in the current repository)");
    validate->add_option("--validate-timeout", o.validate_timeout, "Seconds allowed for the request (default 10)")
        ->check(CLI::Range(0.1, 300.0));
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
    auto run_inventory = add_cmd_inventory(app);
    auto* inventory = app.get_subcommand("inventory");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::string hint = suggestion(app, argc, argv);
        std::cerr << "nhiscan: error: " << (hint.empty() ? std::string(e.what()) : hint) << " (see nhiscan --help)\n";
        return 2;
    }
    resolve(raw, o);
    diag::set_quiet(o.quiet);
    o.command = dir->parsed()      ? Command::Dir
                : git->parsed()    ? Command::Git
                : staged->parsed() ? Command::Staged
                : list->parsed()   ? Command::RulesList
                : check->parsed()  ? Command::RulesCheck
                : hook->parsed()   ? Command::InstallHook
                : badd->parsed()   ? Command::BaselineAdd
                : validate->parsed()  ? Command::Validate
                : inventory->parsed() ? Command::Inventory
                                   : Command::ImportGitleaks;
    // The scan commands need the built-in pack: parse it while libgit2 starts (pack_prefetch.hpp).
    std::optional<PackPrefetch> prefetch;
    if (o.command != Command::RulesCheck && o.command != Command::InstallHook && o.command != Command::BaselineAdd)
        prefetch.emplace();
    GitLibrary libgit2;

    switch (o.command) {
        case Command::Dir: return cmd_dir(o);
        case Command::Git: return cmd_git(o);
        case Command::Staged: return cmd_staged(o);
        case Command::RulesList: return cmd_rules_list(o);
        case Command::RulesCheck: return cmd_rules_check(o);
        case Command::InstallHook: return cmd_install_hook(o);
        case Command::BaselineAdd: return cmd_baseline_add(o);
        case Command::ImportGitleaks: return cmd_import_gitleaks(o);
        case Command::Validate: return cmd_validate(o);
        case Command::Inventory: return run_inventory();
    }
    return 2;
}

}  // namespace nhiscan::cli
