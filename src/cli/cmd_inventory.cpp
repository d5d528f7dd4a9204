// `nhiscan inventory [REPO...]`: every leaked credential as a lifecycle record
// (docs/inventory.md). The git scan finds; src/inventory/ derives, stores and prints.
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "inventory/classify.hpp"
#include "inventory/derive.hpp"
#include "inventory/key.hpp"
#include "inventory/output.hpp"
#include "inventory/store.hpp"
#include "inventory/triage.hpp"
#include "pipeline/git_scan.hpp"
#include "pipeline/provenance.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan::cli {
namespace {

namespace fs = std::filesystem;

struct InventoryOptions {
    std::vector<std::string> repos{"."};
    std::string range;
    std::string format = "text";
    std::string report_path;
    std::string db;
    std::string key_file;
    std::string triage;
    std::string config;
    unsigned threads = 0;
    std::uint64_t max_file_size = 25u << 20;
    std::string progress = "auto";
    bool quiet = false;
    bool no_color = false;
    bool no_cache = false;
    bool include_unreachable = false;  // as `nhiscan git`: blobs in no commit are counted, not recorded
    int busy_timeout_ms = 5000;
    bool validate = false;  // --validate: each credential's `live` (docs/validation.md)
    double validate_timeout = 10.0;
};

// The clock for "now": SOURCE_DATE_EPOCH when set (reproducible reports and tests).
std::int64_t now_seconds() {
    if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
        char* end = nullptr;
        long long v = std::strtoll(e, &end, 10);
        if (*end || v < 0) throw UsageError("SOURCE_DATE_EPOCH must be a number of seconds");
        return v;
    }
    return static_cast<std::int64_t>(std::time(nullptr));
}

// The triage files to read: --triage FILE, else .nhiscan/triage.toml in each work tree.
std::vector<std::string> triage_files(const InventoryOptions& o, const std::vector<GitRepo>& repos) {
    if (!o.triage.empty()) return {o.triage};
    std::vector<std::string> out;
    for (const auto& r : repos) {
        const char* wd = git_repository_workdir(r.get());
        if (!wd) continue;
        fs::path p = fs::path(wd) / ".nhiscan" / "triage.toml";
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) out.push_back(p.string());
    }
    return out;
}

int run_inventory(const InventoryOptions& o) {
    diag::set_quiet(o.quiet);
    std::int64_t now = now_seconds();
    if (!o.range.empty() && o.repos.size() > 1) throw UsageError("--range takes one repository");
    std::vector<GitRepo> repos;
    std::set<std::string> labels;
    for (const auto& path : o.repos) {
        repos.push_back(open_repository(path));
        std::string label = inventory::repo_label(repos.back().get());
        if (!labels.insert(label).second)
            throw UsageError(fmt::format("two repositories are both named '{}'; records name repositories by their "
                                         "directory name",
                                         diag::printable(label)));
    }
    inventory::InventoryKey key = inventory::load_key(o.key_file);
    std::unique_ptr<inventory::Store> store;
    if (!o.db.empty()) store = inventory::open_sqlite_store(o.db, o.busy_timeout_ms);

    Options scan_opt;
    scan_opt.config = o.config;
    scan_opt.no_cache = o.no_cache;
    auto rules = load_rules(scan_opt, repository_root(repos.front().get()));
    GitScanOptions g;
    g.threads = o.threads;
    g.max_file_size = o.max_file_size;
    g.progress = o.progress;
    g.quiet = o.quiet;
    g.include_unreachable = o.include_unreachable;

    // --range: the credentials the range's commits introduce, each with its whole life. Their
    // places can be any path of any commit, so the scan still reads every blob; the history
    // walk follows only them and the values that share a rule with them (the only ones a
    // rotation can pair them with), so their records are the full run's.
    std::set<std::string> in_range;
    if (!o.range.empty()) {
        GitScanOptions r = g;
        r.range = o.range;
        for (const auto& f : scan_git(*rules, repos.front().get(), r).findings) in_range.insert(inventory::keyed_hash(key, f.secret));
    }
    std::vector<inventory::RepoScan> scans;
    std::set<std::string> all_keys;  // every credential of the history, for stale triage entries
    for (auto& repo : repos) {
        auto out = scan_git(*rules, repo.get(), g);
        if (out.stats.unreachable_blobs)
            diag::notice(fmt::format(
                "{}: {} unreachable blob{} with findings not recorded (--include-unreachable records {})",
                inventory::repo_label(repo.get()), out.stats.unreachable_blobs,
                out.stats.unreachable_blobs == 1 ? "" : "s", out.stats.unreachable_blobs == 1 ? "it" : "them"));
        scans.push_back({repo.get(), inventory::repo_label(repo.get()), std::move(out.findings)});
    }
    if (!o.range.empty()) {
        std::set<std::string> range_rules;
        for (const auto& s : scans)
            for (const auto& f : s.findings) {
                auto k = inventory::keyed_hash(key, f.secret);
                if (in_range.count(k)) range_rules.insert(f.rule->id);
                all_keys.insert(std::move(k));
            }
        for (auto& s : scans)
            std::erase_if(s.findings, [&](const Finding& f) {
                return !range_rules.count(f.rule->id) && !in_range.count(inventory::keyed_hash(key, f.secret));
            });
    }
    // After --range has narrowed the findings, so a range's inventory checks little beyond its own.
    if (o.validate) {
        // One pool over every repository's findings: a credential in two repositories is
        // still checked once.
        Options v;
        v.validate = true;
        v.validate_timeout = o.validate_timeout;
        std::vector<Finding> all;
        for (auto& s : scans) std::move(s.findings.begin(), s.findings.end(), std::back_inserter(all));
        apply_live_validation(v, rules->pack(), all);
        auto it = all.begin();
        for (auto& s : scans) {
            std::move(it, it + static_cast<std::ptrdiff_t>(s.findings.size()), s.findings.begin());
            it += static_cast<std::ptrdiff_t>(s.findings.size());
        }
    }
    inventory::DeriveOptions d{&key, &rules->pack().test_paths, now, o.threads};
    inventory::Report report;
    report.records = inventory::derive_records(scans, d);
    for (const auto& s : scans) report.repos.push_back(s.name);
    std::vector<inventory::TriageEntry> entries;
    for (const auto& f : triage_files(o, repos)) {
        auto more = inventory::load_triage(f);
        entries.insert(entries.end(), more.begin(), more.end());
    }
    report.stale_triage = inventory::apply_triage(report.records, entries);
    if (!o.range.empty()) {
        // Stale against the whole history, not against the values the walk followed.
        std::erase_if(report.stale_triage, [&](const inventory::TriageEntry& e) { return all_keys.count(e.key) > 0; });
        std::erase_if(report.records, [&](const inventory::Record& r) { return !in_range.count(r.key); });
    }
    inventory::prioritise(report.records);
    report.generated_at = iso8601(now, 0);
    for (const auto& e : report.stale_triage)
        diag::notice(fmt::format("stale triage entry at {}: no credential has key {}", e.where, e.key.substr(0, 16)));

    if (store) {
        auto result = store->record_run(report.records, {report.generated_at, report.repos});
        for (auto& r : report.records) {
            const auto& det = result.detections.at(r.key);
            r.first_detected = det.first_detected;
            r.last_detected = det.last_detected;
        }
        report.disappeared = result.disappeared;
    }

    bool to_stdout = o.report_path.empty() || o.report_path == "-";
    report.color = to_stdout && !o.no_color && o.format == "text" && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
    if (to_stdout) {
        inventory::write_report(o.format, report, std::cout);
        std::cout.flush();
    } else {
        std::ofstream f(o.report_path, std::ios::binary | std::ios::trunc);
        if (!f) throw Error(fmt::format("cannot write report '{}': {}", diag::printable(o.report_path), std::strerror(errno)));
        inventory::write_report(o.format, report, f);
        f.close();
        if (!f) throw Error(fmt::format("cannot write report '{}'", diag::printable(o.report_path)));
        diag::notice(fmt::format("{} credential{} written to {}", report.records.size(),
                                 report.records.size() == 1 ? "" : "s", diag::printable(o.report_path)));
    }
    if (diag::scan_error_count()) return 2;
    return report.records.empty() ? 0 : 1;
}

}  // namespace

std::function<int()> add_cmd_inventory(CLI::App& app) {
    auto o = std::make_shared<InventoryOptions>();
    auto* sub = app.add_subcommand("inventory",
                                   "Every leaked credential as a lifecycle record: owner, first/last seen, still at HEAD, "
                                   "rotation, exposure (docs/inventory.md)");
    sub->add_option("repos", o->repos, "Repositories (default: .)");
    sub->add_option("-f,--format", o->format, "text, json, jsonl, csv, html")
        ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "html"}));
    sub->add_option("-o,--report", o->report_path, "Write the report to FILE instead of stdout");
    sub->add_option("--range", o->range,
                    "Only the credentials the commits in BASE..HEAD introduce (each still with its whole history)");
    sub->add_option("--db", o->db, "SQLite inventory database to create or update");
    sub->add_option("--key-file", o->key_file,
                    "File holding the record-key secret (default: $NHISCAN_INVENTORY_KEY, else "
                    "~/.config/nhiscan/inventory.key, created on first use)");
    sub->add_option("--triage", o->triage, "Triage file (default: .nhiscan/triage.toml in each repository)");
    sub->add_option("-c,--config", o->config, "Config file (default: .nhiscan.toml at the first repository's root)");
    sub->add_option("-j,--threads", o->threads, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
    sub->add_option("--max-file-size", o->max_file_size, "Skip files larger than BYTES (default 26214400)");
    sub->add_option("--progress", o->progress, "Progress on stderr: auto, always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    sub->add_option("--busy-timeout", o->busy_timeout_ms,
                    "Milliseconds to wait for another run holding --db before refusing (default 5000)")
        ->check(CLI::Range(0, 3600000));
    sub->add_flag("--no-color", o->no_color, "Never colour text output");
    sub->add_flag("-q,--quiet", o->quiet, "No notices on stderr");
    sub->add_flag("--include-unreachable", o->include_unreachable,
                  "Also record credentials found only in blobs no commit holds (counted otherwise)");
    sub->add_flag("--validate", o->validate,
                  "Ask each provider whether the credentials still work: `live` (docs/validation.md)");
    sub->add_option("--validate-timeout", o->validate_timeout, "Seconds allowed per validation request (default 10)")
        ->check(CLI::Range(0.1, 300.0));
    sub->add_flag("--no-cache", o->no_cache, "Compile the rules in memory; don't read or write the cache");
    return [o] { return run_inventory(*o); };
}

}  // namespace nhiscan::cli
