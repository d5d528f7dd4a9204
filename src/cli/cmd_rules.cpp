#include <cctype>
#include <iostream>
#include <map>
#include <set>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "pipeline/rule_check.hpp"
#include "report/report.hpp"
#include "rules/pack.hpp"

namespace nhiscan::cli {

// Text: rules grouped by provider (providers sorted, case-insensitively), with counts.
// JSON: the pack as data, one object per rule in pack order; the pattern is included
// (keyword rules show the one the engine built) so tools such as eval/gen.py need no TOML.
int cmd_rules_list(const Options& opt) {
    auto rules = load_rules(opt, ".");
    const auto& pack = rules->pack();
    if (opt.format->name == "json") {
        nlohmann::ordered_json arr = nlohmann::ordered_json::array();
        for (const auto& r : pack.rules) {
            nlohmann::ordered_json j;
            j["id"] = r.id;
            j["name"] = r.name;
            j["provider"] = r.provider;
            j["kind"] = r.kind;
            j["severity"] = to_string(r.severity);
            j["confidence"] = to_string(r.confidence);
            j["shape"] = r.is_keyword() ? "keyword" : "pattern";
            j["keywords"] = r.is_keyword() ? r.keyword.words : r.keywords;
            if (r.is_keyword()) {
                j["charset"] = r.keyword.charset;
                j["min_length"] = r.keyword.min_length;
                j["max_length"] = r.keyword.max_length;
            }
            if (!r.companion.empty()) j["companion"] = r.companion.name;
            if (!r.paths.empty()) j["paths"] = r.paths;
            j["min_entropy"] = r.min_entropy;
            j["filters"] = r.filters;
            j["pattern"] = r.pattern;
            if (!r.hs_pattern.empty()) j["hs_pattern"] = r.hs_pattern;  // what Hyperscan matches
            j["file"] = r.pos.file;
            arr.push_back(std::move(j));
        }
        std::cout << arr.dump(1) << '\n';
        return 0;
    }
    auto lower = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    std::map<std::string, std::vector<const RuleSpec*>> by_provider;
    for (const auto& r : pack.rules) by_provider[lower(r.provider.empty() ? "(none)" : r.provider)].push_back(&r);
    for (const auto& [key, list] : by_provider) {
        const std::string& name = list.front()->provider.empty() ? key : list.front()->provider;
        std::cout << fmt::format("{} ({})\n", name, count_of(list.size(), "rule", "rules"));
        for (const RuleSpec* r : list)
            std::cout << fmt::format("  {:<48} {:<9} {:<8} {}\n", r->id, to_string(r->severity), r->kind,
                                     r->is_keyword() ? "keyword" : "pattern");
    }
    std::cout << fmt::format("{} from {}\n", count_of(pack.rules.size(), "rule", "rules"),
                             count_of(by_provider.size(), "provider", "providers"));
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
        std::cout << fmt::format("no rules to check; {}\n", count_of(n_filters, "filter", "filters"));
    }
    auto rules = CompiledRules::build(std::move(pack), CacheOptions{!opt.no_cache, {}});
    auto fails = check_rules(*rules, copts);
    for (const auto& f : fails) std::cout << fmt::format("FAIL {}: {}: {}\n", f.where, f.subject, f.problem);
    std::cout << fmt::format("{}, {} checked: {}\n", count_of(n_rules, "rule", "rules"),
                             count_of(n_filters, "filter", "filters"), count_of(fails.size(), "failure", "failures"));
    return fails.empty() ? 0 : 1;
}

}  // namespace nhiscan::cli
