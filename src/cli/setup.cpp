#include "cli/setup.hpp"

#include <filesystem>
#include <string>
#include <unordered_map>

#include "cli/pack_prefetch.hpp"
#include "compile/builtin_db.hpp"
#include "core/error.hpp"
#include "rules/pack.hpp"
#include "sources/repo_discovery.hpp"

namespace nhiscan::cli {
namespace fs = std::filesystem;

namespace {

// Every regex of a rule that validate_patterns checks: a built-in rule a config leaves with
// the same signature was checked when the binary was built (builtin_db_gen). Its `paths` too:
// they say which of the built-in databases holds it (a redeclared rule that adds or drops them
// is compiled into the overlay).
std::string pattern_signature(const RuleSpec& r) {
    std::string s =
        r.id + '\0' + r.pattern + '\0' + r.hs_pattern + '\0' + r.companion.pattern + '\0' + r.tenant.pattern;
    for (const auto& x : r.allowlist.regexes) s += '\0' + x;
    s += '\1';
    for (const auto& g : r.paths) s += '\0' + g;
    return s;
}

}  // namespace

std::string config_dir(const std::string& target) {
    std::error_code ec;
    fs::path dir;
    if (auto repo = discover_repository(target)) {
        std::string wd = work_tree_of(repo->get());
        if (wd.empty()) return {};  // bare repository: no work tree to hold a config
        dir = wd;
    } else {
        dir = fs::is_directory(target, ec) ? fs::path(target) : fs::path(target).parent_path();
    }
    return (dir.empty() ? fs::path(".") : dir).string();
}

std::string find_config(const Options& opt, const std::string& target) {
    if (!opt.config.empty()) return opt.config;
    std::string dir = config_dir(target);
    if (dir.empty()) return {};
    std::error_code ec;
    fs::path candidate = fs::path(dir) / ".nhiscan.toml";
    // Anything there (a directory, a dangling symlink, a FIFO) is an error when read, as for the
    // baseline: skipping it silently dropped the repository's rules and allowlists.
    return fs::exists(fs::symlink_status(candidate, ec)) ? candidate.string() : std::string();
}

Options with_repo_baseline(Options opt, const std::string& target) {
    if (!opt.baseline.empty() || opt.no_baseline) return opt;
    std::string dir = config_dir(target);
    if (dir.empty()) return opt;
    std::error_code ec;
    fs::path candidate = fs::path(dir) / ".nhiscan-baseline.jsonl";
    if (fs::exists(candidate, ec)) {  // a directory there is an error when read, not "no baseline"
        opt.baseline = candidate.lexically_normal().string();
        opt.baseline_is_default = true;
    }
    return opt;
}

std::shared_ptr<const CompiledRules> load_rules(const Options& opt, const std::string& target) {
    std::string cfg_path = find_config(opt, target);
    BuiltinPack builtin = take_builtin_pack();
    CacheOptions cache{!opt.no_cache, {}, {}};
    RulePack pack;
    if (cfg_path.empty()) {
        // The built-in pack is checked by the test suite; its structure and hash come with it.
        pack = std::move(builtin.pack);
        cache.pack_hash = std::move(builtin.hash);
        cache.builtin = &builtin_databases();  // compiled at build time: no compile, no cache file
    } else {
        // Rules a config adds or changes are checked on every load; the built-in ones it leaves
        // as they are were checked at build time (re-checking 1,125 cost ~0.7 s per run).
        std::unordered_map<std::string, int> built;  // signature -> built-in position
        for (std::size_t i = 0; i < builtin.pack.rules.size(); ++i)
            built.emplace(pattern_signature(builtin.pack.rules[i]), static_cast<int>(i));
        cache.builtin_rules = builtin.pack.rules.size();
        pack = apply_config(std::move(builtin.pack), load_config_file(cfg_path));
        validate_structure(pack);
        RulePack changed;
        changed.filters = pack.filters;
        changed.allowlist = pack.allowlist;
        for (const auto& r : pack.rules) {
            auto it = built.find(pattern_signature(r));
            cache.builtin_index.push_back(it == built.end() ? -1 : it->second);
            if (it == built.end()) changed.rules.push_back(r);
        }
        validate_patterns(changed);
        // A config that only allowlists or disables nothing leaves the patterns, and so the pack
        // hash, as built: the embedded databases then serve it (load_builtin compares the hash).
        // Otherwise they still serve the rules it kept, and only the rest is compiled; a pack
        // that keeps none of them (`use_builtin_rules = false`) is compiled on its own.
        if (changed.rules.size() == pack.rules.size()) cache.builtin_index.clear();
        cache.builtin = &builtin_databases();
    }
    if (pack.rules.empty()) throw Error("the rule pack is empty: nothing to scan for");
    return CompiledRules::build(std::move(pack), cache);
}

}  // namespace nhiscan::cli
