#include <catch2/catch.hpp>

#include "pipeline/rule_check.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;

TEST_CASE("rules check passes on the built-in pack in strict mode") {
    auto rules = CompiledRules::build(builtin_pack(), CacheOptions{false, {}});
    auto fails = check_rules(*rules, RuleCheckOptions{true, {}});
    for (const auto& f : fails) UNSCOPED_INFO(f.where << ": " << f.subject << ": " << f.problem);
    CHECK(fails.empty());
}

TEST_CASE("rules check reports a failing example and a matching negative example") {
    auto pack = parse_rule_file(R"([[rules]]
id = "demo-token"
pattern = '''\b(demo_[a-z0-9]{8})\b'''
examples = ["demo_ab12cd34", "demo_SHOUTING"]
negative_examples = ["demo_zz99yy88"]
)",
                                "demo.toml");
    auto rules = CompiledRules::build(std::move(pack), CacheOptions{false, {}});
    auto fails = check_rules(*rules, RuleCheckOptions{false, {}});
    REQUIRE(fails.size() == 2);
    CHECK(fails[0].where == "demo.toml:1");
    CHECK(fails[0].problem == "example 2 is not reported");
    CHECK(fails[1].problem == "negative example 1 is reported");
}
