#include "rules/pack.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "rules/embedded.hpp"

namespace nhiscan {
namespace {

// The names rules and filters may use. They are dispatched by the tables in scan/validators.cpp
// and scan/predicates.cpp (a module to the right); tests/unit/scan/dispatch_test.cpp proves
// every name listed here resolves there, and nothing more.
constexpr std::string_view kValidators[] = {"github-crc32", "npm-crc32", "jwt", "pem", "openssh", "aws-key-id"};
constexpr std::string_view kChecks[] = {"repeated",           "sequential",
                                        "single-class",       "word-like",
                                        "hex-hash",           "uuid",
                                        "keyboard-mash",      "jwt-placeholder-key",
                                        "jwt-unsigned",       "low-entropy-for-length",
                                        "identifier-words",   "placeholder-body",
                                        "base64-phrase",      "not-user-password",
                                        "base64-example-pair"};

bool is_kebab(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

template <typename C, typename T>
bool contains(const C& c, const T& v) {
    return std::find(std::begin(c), std::end(c), v) != std::end(c);
}

// Filters marked `every_rule` join every built-in rule's list (once, after its own filters).
void attach_every_rule_filters(RulePack& pack) {
    for (const auto& f : pack.filters) {
        if (!f.every_rule) continue;
        for (auto& r : pack.rules)
            if (!contains(r.filters, f.id)) r.filters.push_back(f.id);
    }
}

}  // namespace

std::span<const std::string_view> validator_names() { return kValidators; }
std::span<const std::string_view> check_names() { return kChecks; }

RulePack builtin_pack() {
    RulePack pack;
    for (const auto& f : embedded_rule_files())
        merge_pack(pack, parse_rule_file(f.text(), f.name, RuleChecks::Trusted));
    attach_every_rule_filters(pack);
    return pack;
}

void merge_pack(RulePack& base, RulePack extra) {
    std::move(extra.rules.begin(), extra.rules.end(), std::back_inserter(base.rules));
    std::move(extra.filters.begin(), extra.filters.end(), std::back_inserter(base.filters));
    base.allowlist.append(extra.allowlist);
    TestPaths& t = base.test_paths;
    TestPaths& x = extra.test_paths;
    if (!x.builtin_paths) t.paths.clear();  // a config's `builtin_paths = false`
    std::move(x.paths.begin(), x.paths.end(), std::back_inserter(t.paths));
    std::move(x.fixture_kinds.begin(), x.fixture_kinds.end(), std::back_inserter(t.fixture_kinds));
    std::move(x.fixture_rules.begin(), x.fixture_rules.end(), std::back_inserter(t.fixture_rules));
    std::move(x.examples.begin(), x.examples.end(), std::back_inserter(t.examples));
    std::move(x.negative_examples.begin(), x.negative_examples.end(), std::back_inserter(t.negative_examples));
    if (x.min_confidence_set) {
        t.min_confidence = x.min_confidence;
        t.min_confidence_set = true;
    }
    if (t.description.empty()) t.description = std::move(x.description);
    if (t.pos.file.empty()) t.pos = std::move(x.pos);
}

RulePack apply_config(RulePack builtin, const RepoConfig& cfg) {
    // A config's rules are the user's, with the user's own test tokens: every_rule filters
    // belong to the built-in pack, which attached them already.
    for (const auto& f : cfg.pack.filters)
        if (f.every_rule)
            throw Error(
                fmt::format("{}: filter '{}': 'every_rule' is for the built-in pack only; name the filter in "
                            "your rules' 'filters'",
                            f.pos.where(), f.id));
    RulePack pack;
    if (cfg.use_builtin_rules) {
        pack = std::move(builtin);
    } else {
        pack.filters = std::move(builtin.filters);  // custom rules may still use shared filters
        pack.test_paths = std::move(builtin.test_paths);  // and test paths still apply
    }
    merge_pack(pack, cfg.pack);
    pack.live_validation_off = cfg.live_validation_off;
    // Config files are scanned like any other content (docs/config.md): a token pasted into a
    // .nhiscan.toml is a leak. Rule examples there carry `nhiscan:allow` on their line.
    for (std::size_t i = 0; i < cfg.disabled.size(); ++i) {
        if (pack.find(cfg.disabled[i])) continue;
        std::string where = i < cfg.disabled_pos.size() ? cfg.disabled_pos[i].where() : cfg.filename;
        throw Error(fmt::format("{}: 'disable' names unknown rule '{}'{}", where, cfg.disabled[i],
                                cfg.use_builtin_rules ? "" : " (use_builtin_rules = false: only this file's rules exist)"));
    }
    std::erase_if(pack.rules, [&](const RuleSpec& r) { return contains(cfg.disabled, r.id); });
    for (const auto& o : cfg.overrides) {
        auto it = std::find_if(pack.rules.begin(), pack.rules.end(), [&](const RuleSpec& r) { return r.id == o.id; });
        if (it == pack.rules.end() && contains(cfg.disabled, o.id))
            throw Error(fmt::format("{}: override names rule '{}', which 'disable' removes", o.pos.where(), o.id));
        if (it == pack.rules.end())
            throw Error(fmt::format("{}: override names unknown rule '{}'", o.pos.where(), o.id));
        if (o.severity) it->severity = *o.severity;
        if (o.min_entropy) {
            it->min_entropy = *o.min_entropy;
            it->min_entropy_hex = 0.0;  // the user's floor applies as written, to hex values too
        }
        it->allowlist.append(o.allowlist);
    }
    return pack;
}

void validate_structure(const RulePack& pack) {
    std::set<std::string, std::less<>> filter_ids;
    for (const auto& f : pack.filters) {
        if (!is_kebab(f.id)) throw Error(fmt::format("{}: filter id '{}' must be kebab-case", f.pos.where(), f.id));
        if (!filter_ids.insert(f.id).second)
            throw Error(fmt::format("{}: duplicate filter id '{}'", f.pos.where(), f.id));
        for (const auto& c : f.checks)
            if (!contains(kChecks, c))
                throw Error(fmt::format("{}: filter '{}': unknown check {}", f.pos.where(), f.id, diag::quoted_value(c)));
    }
    std::map<std::string, SourcePos, std::less<>> seen;
    for (const auto& r : pack.rules) {
        auto fail = [&](std::string_view what) {
            throw Error(fmt::format("{}: rule '{}': {}", r.pos.where(), r.id, what));
        };
        if (!is_kebab(r.id)) fail("id must be kebab-case (a-z, 0-9, '-')");
        if (auto [it, fresh] = seen.emplace(r.id, r.pos); !fresh)
            fail(fmt::format("duplicate rule id (first defined at {})", it->second.where()));
        if (r.pattern.empty()) fail("empty pattern");
        if (!r.validator.empty() && !contains(kValidators, r.validator))
            fail(fmt::format("unknown validator {}", diag::quoted_value(r.validator)));
        for (const auto& f : r.filters)
            if (!filter_ids.count(f)) fail(fmt::format("unknown filter {}", diag::quoted_value(f)));
        if (r.min_entropy < 0 || r.min_entropy > 8) fail("min_entropy must be between 0 and 8");
    }
}

}  // namespace nhiscan
