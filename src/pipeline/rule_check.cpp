#include "pipeline/rule_check.hpp"

#include <algorithm>
#include <memory>

#include <fmt/core.h>

#include "core/parallel.hpp"
#include "scan/scanner.hpp"

namespace nhiscan {

std::vector<RuleCheckFailure> check_rules(const CompiledRules& rules, const RuleCheckOptions& opts) {
    auto selected = [&](const std::string& id) {
        return opts.only_rules.empty() || std::find(opts.only_rules.begin(), opts.only_rules.end(), id) != opts.only_rules.end();
    };
    // Rules are checked on every core, one scanner per worker: the first scan of a rule compiles
    // its RE2 programs (a keyword rule's take tens of milliseconds), which is most of the time
    // for the built-in pack. Failures are kept per rule, so the report is in pack order.
    const unsigned threads = opts.threads ? opts.threads : default_thread_count();
    std::vector<std::unique_ptr<Scanner>> scanners(std::max(1u, std::min<unsigned>(threads, rules.size())));
    std::vector<std::vector<RuleCheckFailure>> per_rule(rules.size());
    parallel_for(static_cast<unsigned>(scanners.size()), rules.size(), [&](unsigned w, std::size_t i) {
        const RuleSpec& r = *rules.rule(i).spec;
        if (!selected(r.id)) return;
        if (!scanners[w]) scanners[w] = std::make_unique<Scanner>(rules, /*collapse=*/false);
        Scanner& scanner = *scanners[w];
        auto reported_by = [&](const std::string& text) {
            auto matches = scanner.scan(text, example_path(r));
            return std::any_of(matches.begin(), matches.end(), [&](const Match& m) { return m.rule == i; });
        };
        auto fail = [&](std::string problem) { per_rule[i].push_back({r.pos.where(), r.id, std::move(problem)}); };
        if (opts.strict) {
            if (r.examples.size() < 2) fail(fmt::format("needs at least 2 examples, has {}", r.examples.size()));
            if (r.negative_examples.empty()) fail("needs at least 1 negative example");
            if (r.remediation.empty()) fail("missing remediation");
            if (r.references.empty()) fail("missing references");
            if (r.provider.empty()) fail("missing provider");
        }
        for (std::size_t k = 0; k < r.examples.size(); ++k)
            if (!reported_by(r.examples[k])) fail(fmt::format("example {} is not reported", k + 1));
        for (std::size_t k = 0; k < r.negative_examples.size(); ++k)
            if (reported_by(r.negative_examples[k])) fail(fmt::format("negative example {} is reported", k + 1));
    });
    std::vector<RuleCheckFailure> fails;
    for (auto& list : per_rule)
        for (auto& f : list) fails.push_back(std::move(f));
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
