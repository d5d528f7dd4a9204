#include "pipeline/rule_check.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "scan/scanner.hpp"

namespace nhiscan {

std::vector<RuleCheckFailure> check_rules(const CompiledRules& rules, const RuleCheckOptions& opts) {
    std::vector<RuleCheckFailure> fails;
    Scanner scanner(rules, /*collapse=*/false);
    auto selected = [&](const std::string& id) {
        return opts.only_rules.empty() || std::find(opts.only_rules.begin(), opts.only_rules.end(), id) != opts.only_rules.end();
    };
    auto reported_by = [&](const std::string& text, std::size_t rule) {
        auto matches = scanner.scan(text, example_path(*rules.rule(rule).spec));
        return std::any_of(matches.begin(), matches.end(), [&](const Match& m) { return m.rule == rule; });
    };
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const RuleSpec& r = *rules.rule(i).spec;
        if (!selected(r.id)) continue;
        auto fail = [&](std::string problem) { fails.push_back({r.pos.where(), r.id, std::move(problem)}); };
        if (opts.strict) {
            if (r.examples.size() < 2) fail(fmt::format("needs at least 2 examples, has {}", r.examples.size()));
            if (r.negative_examples.empty()) fail("needs at least 1 negative example");
            if (r.remediation.empty()) fail("missing remediation");
            if (r.references.empty()) fail("missing references");
            if (r.provider.empty()) fail("missing provider");
        }
        for (std::size_t k = 0; k < r.examples.size(); ++k)
            if (!reported_by(r.examples[k], i)) fail(fmt::format("example {} is not reported", k + 1));
        for (std::size_t k = 0; k < r.negative_examples.size(); ++k)
            if (reported_by(r.negative_examples[k], i)) fail(fmt::format("negative example {} is reported", k + 1));
    }
    if (!opts.only_rules.empty()) return fails;
    for (const auto& f : rules.pack().filters) {
        CompiledFilter cf;
        cf.spec = &f;
        for (const auto& x : f.secret_regexes) cf.secret_regexes.push_back(compile_re2(x, f.id));
        for (const auto& x : f.match_regexes) cf.match_regexes.push_back(compile_re2(x, f.id));
        auto fail = [&](std::string problem) { fails.push_back({f.pos.where(), f.id, std::move(problem)}); };
        if (opts.strict && f.examples.empty()) fail("filter needs at least 1 example");
        for (std::size_t k = 0; k < f.examples.size(); ++k)
            if (!filter_drops(cf, f.examples[k], f.examples[k])) fail(fmt::format("filter example {} is not dropped", k + 1));
        for (std::size_t k = 0; k < f.negative_examples.size(); ++k)
            if (filter_drops(cf, f.negative_examples[k], f.negative_examples[k]))
                fail(fmt::format("filter negative example {} is dropped", k + 1));
    }
    return fails;
}

}  // namespace nhiscan
