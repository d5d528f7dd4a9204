// `nhiscan import gitleaks`: .gitleaks.toml -> .nhiscan.toml, .gitleaksignore -> a baseline.
// A .gitleaksignore entry names a place (commit:path:rule:line), a baseline a secret (its content
// fingerprint), so each entry is resolved by scanning the file at that commit (or in the work
// tree) and taking nhiscan's findings on that line.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/import_gitleaks.hpp"
#include "cli/setup.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/file_io.hpp"
#include "findings/baseline.hpp"
#include "pipeline/blob_scan.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"
#include "sources/git/handle.hpp"
#include "sources/repo_discovery.hpp"

namespace nhiscan::cli {
namespace fs = std::filesystem;
namespace {

struct IgnoreEntry {
    std::string commit, path, rule;
    std::size_t line = 0;
    std::size_t file_line = 0;  // where it is written in .gitleaksignore
};

bool is_hex_sha(std::string_view s) {
    return (s.size() == 40 || s.size() == 64) &&
           s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// `commit:path:rule:line` (git scans) or `path:rule:line` (directory scans); a path may hold ':'.
std::vector<IgnoreEntry> parse_gitleaksignore(const std::string& text, const std::string& filename) {
    std::vector<IgnoreEntry> out;
    std::istringstream in(text);
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        std::size_t b = line.find_first_not_of(" \t");
        if (b == std::string::npos || line[b] == '#') continue;
        line = line.substr(b);
        std::vector<std::string> f;
        for (std::size_t p = 0;;) {
            std::size_t c = line.find(':', p);
            f.push_back(line.substr(p, c == std::string::npos ? c : c - p));
            if (c == std::string::npos) break;
            p = c + 1;
        }
        auto bad = [&] {
            return Error(fmt::format("{}:{}: malformed .gitleaksignore entry: expected commit:path:rule:line or "
                                     "path:rule:line",
                                     filename, n));
        };
        if (f.size() < 3) throw bad();
        IgnoreEntry e;
        e.file_line = n;
        const std::string& num = f.back();
        if (num.empty() || num.size() > 9 || num.find_first_not_of("0123456789") != std::string::npos) throw bad();
        e.line = std::stoul(num);
        e.rule = f[f.size() - 2];
        std::size_t first = 0;
        if (f.size() >= 4 && is_hex_sha(f[0])) e.commit = f[first++];
        for (std::size_t i = first; i + 2 < f.size(); ++i) e.path += (i == first ? "" : ":") + f[i];
        if (e.path.empty() || e.rule.empty()) throw bad();
        out.push_back(std::move(e));
    }
    return out;
}

// The content an entry points at; nullopt (with `why`) when it is not there.
std::optional<std::string> content_of(const IgnoreEntry& e, git_repository* repo, const std::string& root,
                                      std::string& why) {
    if (e.commit.empty()) {
        std::error_code ec;
        fs::path p = fs::path(root) / e.path;
        if (!fs::is_regular_file(p, ec)) {
            why = "the file is not in the work tree";
            return std::nullopt;
        }
        return read_text_file(p.string());
    }
    if (!repo) {
        why = "not in a git repository";
        return std::nullopt;
    }
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo, (e.commit + ":" + e.path).c_str()) != 0) {
        why = "no such commit or path in the repository";
        return std::nullopt;
    }
    GitObject obj(raw);
    if (git_object_type(obj.get()) != GIT_OBJECT_BLOB) {
        why = "not a file";
        return std::nullopt;
    }
    auto* blob = reinterpret_cast<git_blob*>(obj.get());
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob)), git_blob_rawsize(blob));
}

void check_writable(const std::string& path, bool force) {
    std::error_code ec;
    if (fs::exists(path, ec) && !force) throw Error(fmt::format("'{}' exists; --force overwrites it", path));
}

// Atomic (a unique temp file, then rename), like every other output; a device or pipe named
// with --force (-o /dev/stdout) is written to in place, not replaced (core/file_io).
void write_file(const std::string& path, const std::string& text) {
    if (int err = write_named_output(path, {text}))
        throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
}

std::string default_input(const std::string& given, const std::string& root, const char* name) {
    if (!given.empty()) return given;
    std::error_code ec;
    fs::path p = fs::path(root) / name;
    return fs::exists(p, ec) ? p.lexically_normal().string() : std::string();
}

}  // namespace

int cmd_import_gitleaks(const Options& opt) {
    std::string root = config_dir(opt.repo);
    if (root.empty()) root = opt.repo;
    std::string config = default_input(opt.import_config, root, ".gitleaks.toml");
    std::string ignore = default_input(opt.import_ignore, root, ".gitleaksignore");
    if (config.empty() && ignore.empty())
        throw UsageError(fmt::format("nothing to import: no .gitleaks.toml or .gitleaksignore in '{}' (name them with "
                                     "--config and --ignore)",
                                     root));
    // Outputs default to the repository root, where every scan looks for them.
    auto at_root = [&](const std::string& given, const char* name) {
        return given.empty() ? (fs::path(root) / name).lexically_normal().string() : given;
    };
    std::string config_out = at_root(opt.import_output, ".nhiscan.toml");
    std::string baseline_out = at_root(opt.import_baseline_out, ".nhiscan-baseline.jsonl");
    if (!config.empty()) check_writable(config_out, opt.force);
    if (!ignore.empty()) check_writable(baseline_out, opt.force);

    auto rules = load_rules(opt, root);  // the rules as they are now: built-in + the repository's config
    std::vector<std::string> skipped;
    std::string config_text;
    std::size_t converted = 0;
    if (!config.empty()) {
        GitleaksConversion conv = convert_gitleaks_config(read_text_file(config), config, rules->pack());
        // What is written must load: the same checks as every scan's config load.
        validate_structure(apply_config(builtin_pack(), parse_config(conv.toml, config_out)));
        config_text = std::move(conv.toml);
        converted = conv.converted;
        skipped = std::move(conv.skipped);
    }

    std::vector<BaselineEntry> entries;
    std::size_t resolved = 0, ignore_total = 0;
    if (!ignore.empty()) {
        auto list = parse_gitleaksignore(read_text_file(ignore), ignore);
        ignore_total = list.size();
        auto repo = discover_repository(root);
        Scanner scanner(*rules);
        for (const auto& e : list) {
            std::string where = fmt::format("{}:{}", ignore, e.file_line);
            std::string why;
            auto data = content_of(e, repo ? repo->get() : nullptr, root, why);
            std::vector<Finding> found;
            if (data && !scan_blob(scanner, *rules, *data, BlobContext{e.path, e.commit.empty() ? SourceKind::File : SourceKind::Git}, found))
                why = "binary file";
            std::erase_if(found, [&](const Finding& f) { return e.line < f.line || e.line > f.end_line; });
            // The finding of the counterpart rule when there is one, else whatever nhiscan finds there.
            auto ids = gitleaks_rule_ids(e.rule, rules->pack());
            std::vector<const Finding*> pick;
            for (const auto& f : found)
                if (std::find(ids.begin(), ids.end(), f.rule->id) != ids.end()) pick.push_back(&f);
            if (pick.empty())
                for (const auto& f : found) pick.push_back(&f);
            if (pick.empty()) {
                skipped.push_back(fmt::format("{}: {}:{} ({}): {}", where, diag::printable(e.path), e.line, e.rule,
                                              why.empty() ? "nhiscan finds no secret on that line" : why));
                continue;
            }
            ++resolved;
            for (const Finding* f : pick) entries.push_back({f->fingerprint, f->rule->id, e.path, e.commit});
        }
    }

    if (!config.empty()) {
        write_file(config_out, config_text);
        diag::notice(fmt::format("wrote {}: {} entr{} converted from {}", config_out, converted,
                                 converted == 1 ? "y" : "ies", config));
    }
    if (!ignore.empty()) {
        entries = merge_baseline_entries(std::move(entries));
        write_baseline_file(baseline_out, entries);
        diag::notice(fmt::format("wrote {}: {} of {} .gitleaksignore entr{} resolved to {} baseline entr{}",
                                 baseline_out, resolved, ignore_total, ignore_total == 1 ? "y" : "ies", entries.size(),
                                 entries.size() == 1 ? "y" : "ies"));
    }
    // Always shown (even with -q): a silent partial conversion would look complete.
    for (const auto& s : skipped) std::cerr << "nhiscan: not converted: " << s << '\n';
    return 0;
}

}  // namespace nhiscan::cli
