// `nhiscan import gitleaks`: path regexes to globs, rule id mapping, and the converted config.
#include <catch2/catch.hpp>

#include "cli/import_gitleaks.hpp"
#include "core/error.hpp"
#include "core/glob.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;
using namespace nhiscan::cli;
using V = std::vector<std::string>;

TEST_CASE("gitleaks path regexes with an exact glob form") {
    CHECK(path_regex_to_globs("^vendor/") == V{"/vendor/**"});
    CHECK(path_regex_to_globs("\\.lock$") == V{"*.lock"});
    CHECK(path_regex_to_globs("(.*?)(jpg|png)$") == V{"*jpg", "*png"});
    CHECK(path_regex_to_globs("fixtures") == V{"*fixtures*", "**/*fixtures*/**"});
    CHECK(path_regex_to_globs("^docs/api\\.md$") == V{"/docs/api.md"});
    CHECK(path_regex_to_globs("/testdata/") == V{"**/testdata/**"});
    CHECK(path_regex_to_globs("(?:^|/)go\\.sum$") == V{});  // alternation with an anchor: no glob form
    for (const char* no : {"a[0-9]+b", "^.*$", "", "foo.+bar", "a.*b", "(?i)x", "\\d+", "^/abs"})
        CHECK(path_regex_to_globs(no).empty());
}

TEST_CASE("converted globs match what the regex matches") {
    struct Case {
        const char* regex;
        const char* path;
        bool matches;
    } cases[] = {
        {"^vendor/", "vendor/a/b.go", true},      {"^vendor/", "src/vendor/a.go", false},
        {"\\.lock$", "a/b/yarn.lock", true},       {"\\.lock$", "a/lock", false},
        {"fixtures", "x/my_fixtures/a.py", true},  {"fixtures", "x/fixtures.py", true},
        {"fixtures", "x/y.py", false},             {"^docs/api\\.md$", "docs/api.md", true},
        {"^docs/api\\.md$", "x/docs/api.md", false},
    };
    for (const auto& c : cases) {
        bool any = false;
        for (const auto& g : path_regex_to_globs(c.regex)) any = any || glob_match(g, c.path);
        INFO(c.regex << " on " << c.path);
        CHECK(any == c.matches);
    }
}

TEST_CASE("gitleaks rule ids map to the built-in pack") {
    RulePack pack = builtin_pack();
    CHECK(gitleaks_rule_ids("generic-api-key", pack) == V{"generic-api-key"});
    CHECK(gitleaks_rule_ids("github-pat", pack) == V{"github-pat-classic"});
    CHECK(gitleaks_rule_ids("aws-access-token", pack) == V{"aws-access-key-id", "aws-temporary-access-key-id"});
    CHECK(gitleaks_rule_ids("no-such-rule", pack).empty());
}

TEST_CASE("a converted config loads, and what is skipped is listed with its line") {
    RulePack pack = builtin_pack();
    auto conv = convert_gitleaks_config(
        "[extend]\nuseDefault = true\ndisabledRules = ['github-pat', 'nope']\n"
        "[allowlist]\nstopwords = ['dummy']\nregexTarget = 'match'\nregexes = ['x']\n",
        ".gitleaks.toml", pack);
    CHECK(conv.converted == 2);
    REQUIRE(conv.skipped.size() == 2);
    CHECK_THAT(conv.skipped[0], Catch::StartsWith(".gitleaks.toml:1:") && Catch::Contains("'nope'"));
    CHECK_THAT(conv.skipped[1], Catch::StartsWith(".gitleaks.toml:4:") && Catch::Contains("regexTarget"));
    RepoConfig cfg = parse_config(conv.toml, ".nhiscan.toml");
    CHECK(cfg.disabled == V{"github-pat-classic"});
    CHECK(cfg.pack.allowlist.stopwords == V{"dummy"});
    CHECK_NOTHROW(validate_structure(apply_config(builtin_pack(), cfg)));
    CHECK_THROWS_AS(convert_gitleaks_config("[allowlist\n", "g.toml", pack), Error);
    CHECK_THROWS_WITH(convert_gitleaks_config("[allowlist]\npaths = 3\n", "g.toml", pack), Catch::StartsWith("g.toml:2:"));
}
