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

namespace {

// The rule's live check as `rules list` shows it (docs/validation.md): where it asks and how.
nlohmann::ordered_json live_json(const RuleSpec& r) {
    if (r.live.empty()) return nullptr;
    nlohmann::ordered_json j;
    j["host"] = r.live.host;
    j["method"] = r.live.sign == "gcp-jwt" ? "POST" : r.live.method;  // the JWT exchange is a POST
    if (r.live.tenant_host) j["tenant"] = r.tenant.name;
    if (r.live.needs_companion && !r.companion.empty()) j["companion"] = r.companion.name;
    if (!r.live.sign.empty()) j["sign"] = r.live.sign;
    return j;
}

}  // namespace

// Text: rules grouped by provider (providers sorted, case-insensitively), with counts; a rule
// with a live check ends with `live (HOST)`.
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
            j["validate"] = live_json(r);
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
    std::size_t live = 0;
    for (const auto& [key, list] : by_provider) {
        const std::string& name = list.front()->provider.empty() ? key : list.front()->provider;
        std::cout << fmt::format("{} ({})\n", name, count_of(list.size(), "rule", "rules"));
        for (const RuleSpec* r : list) {
            std::string shape = r->is_keyword() ? "keyword" : "pattern";
            if (!r->live.empty()) {
                ++live;
                std::cout << fmt::format("  {:<48} {:<9} {:<8} {:<7}  live ({})\n", r->id, to_string(r->severity),
                                         r->kind, shape, r->live.host);
            } else {
                std::cout << fmt::format("  {:<48} {:<9} {:<8} {}\n", r->id, to_string(r->severity), r->kind, shape);
            }
        }
    }
    std::cout << fmt::format("{} with a live check (--validate)\n", count_of(live, "rule", "rules"));
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
