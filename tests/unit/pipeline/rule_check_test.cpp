#include "pipeline/rule_check.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

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

TEST_CASE("rules check reports failures in pack order whatever the thread count") {
    std::string toml;
    for (int i = 0; i < 12; ++i)  // every other rule fails: its second example is not reported
        toml += fmt::format(
            "[[rules]]\nid = \"demo-{0}\"\npattern = '''\\b(demo{0}_[a-z0-9]{{8}})\\b'''\n"
            "examples = [\"demo{0}_ab12cd34\", \"{1}\"]\nnegative_examples = [\"demo{0}_zz\"]\n\n",
            i, i % 2 ? "nothing here" : fmt::format("demo{}_ef56gh78", i));
    auto rules = CompiledRules::build(parse_rule_file(toml, "demo.toml"), CacheOptions{false, {}});
    std::vector<std::string> one, many;
    for (const auto& f : check_rules(*rules, RuleCheckOptions{false, {}, 1}))
        one.push_back(f.subject + ": " + f.problem);
    for (const auto& f : check_rules(*rules, RuleCheckOptions{false, {}, 4}))
        many.push_back(f.subject + ": " + f.problem);
    REQUIRE(one.size() == 6);
    CHECK(one.front() == "demo-1: example 2 is not reported");
    CHECK(one.back() == "demo-11: example 2 is not reported");
    CHECK(many == one);
}
