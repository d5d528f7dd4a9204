#include "cli/setup.hpp"

#include <filesystem>

#include "cli/pack_prefetch.hpp"
#include "compile/builtin_db.hpp"
#include "core/error.hpp"
#include "rules/pack.hpp"
#include "sources/repo_discovery.hpp"

namespace nhiscan::cli {
namespace fs = std::filesystem;

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
    return fs::is_regular_file(candidate, ec) ? candidate.string() : std::string();
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
        // User rules are checked on every load.
        pack = apply_config(std::move(builtin.pack), load_config_file(cfg_path));
        validate_structure(pack);
        validate_patterns(pack);
    }
    if (pack.rules.empty()) throw Error("the rule pack is empty: nothing to scan for");
    return CompiledRules::build(std::move(pack), cache);
}

}  // namespace nhiscan::cli
