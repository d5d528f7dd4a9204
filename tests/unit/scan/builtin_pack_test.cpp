// Every built-in rule's examples through each engine on its own, then through the whole
// matcher (Hyperscan candidates -> RE2 confirm -> filters), which is what users get.
#include <catch2/catch.hpp>

#include <set>

#include "compile/compiled_rules.hpp"
#include "rules/pack.hpp"
#include "scan/scanner.hpp"

using namespace nhiscan;

namespace {

const CompiledRules& builtin() {
    static auto rules = CompiledRules::build(builtin_pack(), CacheOptions{false, {}});
    return *rules;
}

// Hyperscan alone: the ids of every pattern of both databases (the rules without paths and
// the path-scoped rules) that matches `text`.
std::set<unsigned> hs_matching_rules(const std::string& text) {
    static HsScratch scratch = builtin().make_scratch();
    std::set<unsigned> ids;
    for (const hs_database_t* db : {builtin().database(), builtin().scoped_database()})
        hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
                [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
                    static_cast<std::set<unsigned>*>(ctx)->insert(id);
                    return 0;
                },
                &ids);
    return ids;
}

}  // namespace

TEST_CASE("built-in pack: structure and patterns are valid") {
    RulePack pack = builtin_pack();
    REQUIRE_NOTHROW(validate_structure(pack));
    REQUIRE_NOTHROW(validate_patterns(pack));
    CHECK(pack.rules.size() >= 40);
}

TEST_CASE("built-in pack: every example matches in Hyperscan and in RE2 alone") {
    const auto& rules = builtin();
    for (unsigned i = 0; i < rules.size(); ++i) {
        const RuleSpec& r = *rules.rule(i).spec;
        RE2 re(r.pattern, re2_options());
        REQUIRE(re.ok());
        // Or the form with the word after the value (word_after_pattern, rule.hpp).
        const std::string after_pattern = r.is_keyword() ? std::string() : word_after_pattern(r.pattern);
        RE2 after(after_pattern.empty() ? std::string("$^") : after_pattern, re2_options());
        REQUIRE(after.ok());
        for (const auto& ex : r.examples) {
            INFO("rule " << r.id << " at " << r.pos.where());
            CHECK((RE2::PartialMatch(ex, re) || (!after_pattern.empty() && RE2::PartialMatch(ex, after))));
            CHECK(hs_matching_rules(ex).count(i) == 1);
        }
    }
}

TEST_CASE("built-in pack: examples are reported by their rule, negatives are not") {
    const CompiledRules* rules = &builtin();
    Scanner scanner(*rules, /*collapse=*/false);
    std::set<std::string> providers;
    for (std::size_t i = 0; i < rules->size(); ++i) {
        const RuleSpec& r = *rules->rule(i).spec;
        providers.insert(r.provider);
        INFO("rule " << r.id << " at " << r.pos.where());
        CHECK(r.examples.size() >= 2);
        CHECK(r.negative_examples.size() >= 1);
        CHECK_FALSE(r.remediation.empty());
        CHECK_FALSE(r.references.empty());
        for (std::size_t k = 0; k < r.examples.size(); ++k) {
            INFO("example " << k + 1);
            auto m = scanner.scan(r.examples[k], example_path(r));
            CHECK(std::any_of(m.begin(), m.end(), [&](const Match& x) { return x.rule == i; }));
        }
        for (std::size_t k = 0; k < r.negative_examples.size(); ++k) {
            INFO("negative example " << k + 1);
            auto m = scanner.scan(r.negative_examples[k], example_path(r));
            CHECK_FALSE(std::any_of(m.begin(), m.end(), [&](const Match& x) { return x.rule == i; }));
        }
    }
    CHECK(providers.size() >= 10);
}

// Guards against a matcher that misses matches at some input offsets (Debian's vectorscan
// 5.4.9 does, for patterns such as `(?:hub|gh)[a-z]{0,20}pat = '[0-9a-f]{4}`): every example
// must match in Hyperscan after a padding line of every length from 0 to 80 bytes, and be
// reported by the whole scanner after the longest (each full scan costs a thousand Hyperscan
// ones; offset 0 is the test above).
TEST_CASE("built-in pack: examples are found at every offset") {
    const CompiledRules* rules = &builtin();
    Scanner scanner(*rules, /*collapse=*/false);
    std::size_t missed = 0, total = 0;
    for (std::size_t i = 0; i < rules->size(); ++i) {
        const RuleSpec& r = *rules->rule(i).spec;
        // A rule for one kind of file whose pattern is anchored at its start (`.vault-token`,
        // `initialAdminPassword`: the file is the token) matches there only, by design.
        if (!r.paths.empty() && r.pattern.front() == '^') continue;
        for (const auto& ex : r.examples) {
            for (std::size_t pad = 0; pad <= 80; ++pad) {
                std::string text = pad ? std::string(pad - 1, ' ') + "\n" + ex : ex;
                ++total;
                if (!hs_matching_rules(text).count(static_cast<unsigned>(i))) {
                    ++missed;
                    UNSCOPED_INFO("rule " << r.id << ": Hyperscan misses an example after " << pad << " bytes");
                }
                if (pad != 80) continue;
                auto m = scanner.scan(text, example_path(r));
                ++total;
                if (std::none_of(m.begin(), m.end(), [&](const Match& x) { return x.rule == i; })) {
                    ++missed;
                    UNSCOPED_INFO("rule " << r.id << " misses an example after " << pad << " bytes");
                }
            }
        }
    }
    INFO(missed << " of " << total << " shifted examples missed");
    CHECK(missed == 0);
}

TEST_CASE("built-in pack: test paths match their examples, not their negatives") {
    const TestPaths& t = builtin().pack().test_paths;
    CHECK(t.paths.size() >= 10);
    CHECK(t.min_confidence == Confidence::Medium);
    CHECK(t.examples.size() >= 5);
    CHECK(t.negative_examples.size() >= 5);
    for (const auto& p : t.examples) {
        INFO("example " << p);
        CHECK(is_test_path(t, p));
    }
    for (const auto& p : t.negative_examples) {
        INFO("negative example " << p);
        CHECK_FALSE(is_test_path(t, p));
    }
    // Rule examples are scanned as "example.txt" (here and by `nhiscan rules check`).
    CHECK_FALSE(is_test_path(t, "example.txt"));
}

TEST_CASE("built-in pack: in test paths provider-issued formats stay reported, generic ones and key pairs do not") {
    const CompiledRules& rules = builtin();
    Scanner scanner(rules);
    auto reported = [&](const std::string& id, const std::string& path) {
        const RuleSpec* r = rules.pack().find(id);
        REQUIRE(r != nullptr);
        bool any = false;
        for (const auto& ex : r->examples)
            for (const auto& m : scanner.scan(ex, path))
                any = any || rules.rule(m.rule).spec->id == id;
        return any;
    };
    for (const char* id : {"aws-access-key-id", "stripe-live-secret-key", "slack-bot-token", "gcp-service-account-key",
                           "openai-project-api-key"}) {
        INFO(id);
        CHECK(reported(id, "src/app.py"));
        CHECK(reported(id, "tests/fixtures/app.py"));
    }
    // Key pairs are fixture kinds (tests generate their own): hidden in test paths by default.
    for (const char* id : {"generic-password", "generic-token", "generic-api-key", "url-credentials", "pem-rsa-private-key",
                           "openssh-private-key"}) {
        INFO(id);
        CHECK(reported(id, "src/app.py"));
        CHECK_FALSE(reported(id, "tests/fixtures/app.py"));
    }
}
