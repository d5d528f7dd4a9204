#include "compile/regex_gate.hpp"

#include <random>

#include <catch2/catch.hpp>

#include "compile/compiled_rules.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;

TEST_CASE("regex gate: long counted repetitions are widened, everything else is copied") {
    CHECK(widen_repetitions("[a-z]{32}") == "[a-z]+");
    CHECK(widen_repetitions("key[^\\n]{0,40}?=([A-Z0-9]{8,256})\\b") == "key[^\\n]*?=([A-Z0-9]+)\\b");
    CHECK(widen_repetitions("a{8,}") == "a+");
    CHECK(widen_repetitions("(?:ab){0,16}c") == "(?:ab)*c");
    CHECK(widen_repetitions("x{2,4}y{8}") == "x{2,4}y+");  // short repetitions stay exact
    CHECK(widen_repetitions("\\p{Greek}{10}\\x{41}{9}") == "\\p{Greek}+\\x{41}+");
    CHECK(widen_repetitions("[{]{10}") == "[{]+");
    CHECK(widen_repetitions("[]{]{12}[^]]{9}[[:alpha:]]{10}") == "[]{]+[^]]+[[:alpha:]]+");
    // Nothing to widen: an empty result says the gate would be the pattern itself.
    CHECK(widen_repetitions("a{2,4}").empty());
    CHECK(widen_repetitions("\\{10,20\\}").empty());    // escaped braces
    CHECK(widen_repetitions("[x{10,20}]").empty());     // braces inside a class
    CHECK(widen_repetitions("a{,20}").empty());         // not a repetition in RE2: literal text
    CHECK(widen_repetitions("\\Q{10,20}\\E").empty());  // quoted text
    CHECK(widen_repetitions("ghp_[A-Za-z0-9]+").empty());
    CHECK(widen_repetitions("a{99999999999999999999999}").empty());  // no overflow: left to RE2 to judge
}

TEST_CASE("regex gate: whatever the exact pattern matches, the gate matches") {
    // Random texts over a small alphabet against patterns built from the repetition forms the
    // rules use: the gate's language is a superset, so it never misses a window.
    const std::vector<std::string> patterns = {
        "k[ =]{0,9}([ab0]{8,12})\\b", "(?:ab){0,10}?=([0b]{8})", "^[a-b]{3,20}$",
        "\\b(0{0,9})[ab]{8,}",        "=([^ \\n]{10,16}?) ",
    };
    std::mt19937 rng(7);
    const std::string alphabet = "ab0k= \n";
    for (const auto& p : patterns) {
        RE2 exact(p, re2_options());
        std::string wide = widen_repetitions(p);
        REQUIRE(!wide.empty());
        RE2 gate(wide, re2_options());
        REQUIRE(exact.ok());
        REQUIRE(gate.ok());
        int matched = 0;
        for (int t = 0; t < 50000; ++t) {
            std::string s;
            for (std::size_t n = rng() % 40; n > 0; --n) s += alphabet[rng() % alphabet.size()];
            if (!RE2::PartialMatch(s, exact)) continue;
            ++matched;
            INFO(p << " on [" << s << "]");
            REQUIRE(RE2::PartialMatch(s, gate));
        }
        INFO(p);
        CHECK(matched > 0);  // the texts exercised the pattern
    }
}

TEST_CASE("regex gate: every built-in rule's gate compiles and matches the rule's examples") {
    auto rules = CompiledRules::build(builtin_pack(), CacheOptions{false, {}});
    std::size_t gated = 0;
    for (std::size_t i = 0; i < rules->size(); ++i) {
        const CompiledRule& r = rules->rule(i);
        const RE2* gate = r.search_gate();
        if (!widen_repetitions(r.spec->pattern).empty()) {
            INFO(r.spec->id);
            REQUIRE(gate != nullptr);
            ++gated;
        }
        if (!gate) continue;
        for (const auto& ex : r.spec->examples) {
            if (!RE2::PartialMatch(ex, r.searcher())) continue;
            INFO(r.spec->id << ": " << ex);
            CHECK(RE2::PartialMatch(ex, *gate));
        }
    }
    CHECK(gated > rules->size() / 2);  // most rules have a long repetition: the gate is the common path
}
