#include <iostream>
#include <set>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "pipeline/rule_check.hpp"
#include "rules/pack.hpp"

namespace nhiscan::cli {

int cmd_rules_list(const Options& opt) {
    auto rules = load_rules(opt, ".");
    const auto& pack = rules->pack();
    std::set<std::string> providers;
    for (const auto& r : pack.rules) {
        std::cout << fmt::format("{:<44} {:<22} {}\n", r.id, r.provider, to_string(r.severity));
        providers.insert(r.provider);
    }
    std::cout << fmt::format("{} rules from {} providers\n", pack.rules.size(), providers.size());
    return 0;
}

// Without files: the effective pack in strict mode. With files: each file's own rules, checked
// alongside the built-in filters they may reference.
int cmd_rules_check(const Options& opt) {
    RulePack pack;
    RuleCheckOptions copts;
    if (opt.rule_files.empty()) {
        pack = builtin_pack();
        copts.strict = true;
    } else {
        RulePack builtin = builtin_pack();
        std::set<std::string> own_filters;
        for (const auto& path : opt.rule_files) {
            RepoConfig cfg = load_config_file(path);
            for (const auto& f : cfg.pack.filters) own_filters.insert(f.id);
            merge_pack(pack, std::move(cfg.pack));
        }
        for (auto& f : builtin.filters)
            if (!own_filters.count(f.id)) pack.filters.push_back(std::move(f));
    }
    validate_structure(pack);
    validate_patterns(pack);
    std::size_t n_rules = pack.rules.size(), n_filters = pack.filters.size();
    if (n_rules == 0 && opt.rule_files.empty()) throw Error("the rule pack is empty");
    if (n_rules == 0) {
        std::cout << fmt::format("no rules to check; {} filters\n", n_filters);
    }
    auto rules = CompiledRules::build(std::move(pack), CacheOptions{!opt.no_cache, {}});
    auto fails = check_rules(*rules, copts);
    for (const auto& f : fails) std::cout << fmt::format("FAIL {}: {}: {}\n", f.where, f.subject, f.problem);
    std::cout << fmt::format("{} rules, {} filters checked: {} failure{}\n", n_rules, n_filters, fails.size(),
                             fails.size() == 1 ? "" : "s");
    return fails.empty() ? 0 : 1;
}

}  // namespace nhiscan::cli
