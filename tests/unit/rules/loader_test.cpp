#include "rules/loader.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

#include "compile/compiled_rules.hpp"
#include "core/error.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
std::string error_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

constexpr const char* kRule = R"([[rules]]
id = "demo-token"
name = "Demo token"
provider = "Demo"
severity = "high"
pattern = '''\b(demo_[a-z0-9]{8})\b'''
examples = ["demo_ab12cd34"]
)";
}  // namespace

TEST_CASE("a rule file loads with its fields and position") {
    auto pack = parse_rule_file(kRule, "x.toml");
    REQUIRE(pack.rules.size() == 1);
    const auto& r = pack.rules[0];
    CHECK(r.id == "demo-token");
    CHECK(r.severity == Severity::High);
    CHECK(r.confidence == Confidence::Medium);
    CHECK(r.kind == "secret");
    CHECK(r.pos.where() == "x.toml:1");
    CHECK(r.examples.size() == 1);
}

TEST_CASE("loader errors name file:line and the rule id") {
    CHECK_THAT(error_of([] { parse_rule_file("[[rules]\nid='x'", "bad.toml"); }), StartsWith("bad.toml:1: invalid TOML"));
    CHECK_THAT(error_of([] { parse_rule_file("[[rules]]\nid = \"a-b\"\npatern = 'x'\n", "f.toml"); }),
               Contains("f.toml:") && Contains("rule 'a-b'") && Contains("unknown key 'patern'"));
    CHECK_THAT(error_of([] { parse_rule_file("[[rules]]\nid = \"a-b\"\n", "f.toml"); }),
               Contains("rule 'a-b'") && Contains("missing required key 'pattern'"));
    CHECK_THAT(error_of([] { parse_rule_file("[[rules]]\nid = 'a'\npattern = '(x)'\nseverity = 'urgent'\n", "f.toml"); }),
               Contains("f.toml:4") && Contains("unknown severity 'urgent'"));
    CHECK_THAT(error_of([] { parse_rule_file("[[rules]]\nid = 'a'\npattern = '(x)'\nexamples = [1]\n", "f.toml"); }),
               Contains("f.toml:4") && Contains("only strings"));
}

TEST_CASE("structural validation: duplicate ids, kebab-case, unknown filters and validators") {
    auto two = parse_rule_file(std::string(kRule) + kRule, "dup.toml");
    CHECK_THAT(error_of([&] { validate_structure(two); }), Contains("dup.toml:8") && Contains("duplicate rule id"));
    auto bad_id = parse_rule_file("[[rules]]\nid = 'Bad_Id'\npattern = '(x)'\n", "b.toml");
    CHECK_THAT(error_of([&] { validate_structure(bad_id); }), Contains("kebab-case"));
    auto bad_filter = parse_rule_file("[[rules]]\nid = 'a'\npattern = '(x)'\nfilters = ['nope']\n", "b.toml");
    CHECK_THAT(error_of([&] { validate_structure(bad_filter); }), Contains("unknown filter 'nope'"));
    auto bad_val = parse_rule_file("[[rules]]\nid = 'a'\npattern = '(x)'\nvalidator = 'luhn'\n", "b.toml");
    CHECK_THAT(error_of([&] { validate_structure(bad_val); }), Contains("unknown validator 'luhn'"));
}

TEST_CASE("pattern validation in both engines") {
    auto no_group = parse_rule_file("[[rules]]\nid = 'a'\npattern = 'abc'\n", "p.toml");
    CHECK_THAT(error_of([&] { validate_patterns(no_group); }), Contains("exactly one capture group"));
    auto two_groups = parse_rule_file("[[rules]]\nid = 'a'\npattern = '(a)(b)'\n", "p.toml");
    CHECK_THAT(error_of([&] { validate_patterns(two_groups); }), Contains("it has 2"));
    auto re2_bad = parse_rule_file("[[rules]]\nid = 'a'\npattern = '(a'\n", "p.toml");
    CHECK_THAT(error_of([&] { validate_patterns(re2_bad); }), Contains("p.toml:1: rule 'a'") && Contains("invalid regex"));
    // RE2 accepts (?U) (ungreedy) but Hyperscan rejects it.
    auto hs_bad = parse_rule_file("[[rules]]\nid = 'a'\npattern = '(?U)(a+)'\n", "p.toml");
    CHECK_THAT(error_of([&] { validate_patterns(hs_bad); }), Contains("Hyperscan rejects"));
    // Hyperscan accepts lookahead but RE2 rejects it.
    auto re2_only_bad = parse_rule_file("[[rules]]\nid = 'a'\npattern = '(a(?=b))'\n", "p.toml");
    CHECK_THAT(error_of([&] { validate_patterns(re2_only_bad); }), Contains("rule 'a'") && Contains("invalid regex"));
    // Companion regexes are checked here too: the built-in pack is parsed without compiling
    // them (RuleChecks::Trusted), so its build-time check is this one.
    auto comp_bad =
        parse_rule_file("[[rules]]\nid = 'a'\npattern = '(a)'\n[rules.companion]\nname = 'id'\npattern = '(x'\n",
                        "p.toml", RuleChecks::Trusted);
    CHECK_THAT(error_of([&] { validate_patterns(comp_bad); }),
               Contains("p.toml:1: rule 'a': companion") && Contains("invalid regex"));
    auto comp_groups =
        parse_rule_file("[[rules]]\nid = 'a'\npattern = '(a)'\n[rules.companion]\nname = 'id'\npattern = 'x'\n",
                        "p.toml", RuleChecks::Trusted);
    CHECK_THAT(error_of([&] { validate_patterns(comp_groups); }), Contains("one capturing group (or two"));
    auto comp_ok = parse_rule_file(
        "[[rules]]\nid = 'a'\npattern = '(a)'\n[rules.companion]\nname = 'id'\npattern = 'id=(x+)'\n", "p.toml");
    CHECK_NOTHROW(validate_patterns(comp_ok));
    // A user's file (RuleChecks::Full, the default) is refused when it is parsed, as before.
    CHECK_THAT(error_of([&] {
                   parse_rule_file(
                       "[[rules]]\nid = 'a'\npattern = '(a)'\n[rules.companion]\nname = 'id'\npattern = '(x'\n",
                       "p.toml");
               }),
               Contains("p.toml:6: rule 'a': invalid companion regex"));
}

TEST_CASE("config: disable, override, replace") {
    auto builtin = parse_rule_file(kRule, "builtin.toml");
    auto cfg = parse_config("disable = ['demo-token']\n", ".nhiscan.toml");
    CHECK(apply_config(builtin, cfg).rules.empty());
    auto unknown = parse_config("disable = ['nope']\n", ".nhiscan.toml");
    CHECK_THAT(error_of([&] { apply_config(builtin, unknown); }), Contains("unknown rule 'nope'"));
    auto ovr = parse_config("[[override]]\nid = 'demo-token'\nseverity = 'low'\n[override.allowlist]\npaths = ['x/**']\n", "c.toml");
    auto p = apply_config(builtin, ovr);
    REQUIRE(p.rules.size() == 1);
    CHECK(p.rules[0].severity == Severity::Low);
    CHECK(p.rules[0].allowlist.paths == std::vector<std::string>{"x/**"});
    // A keyword rule's lower floor for hex values is part of its default floor: an override's
    // min_entropy replaces both.
    auto kw = parse_rule_file(
        "[[filters]]\nid = 'placeholder'\nsecret_regexes = ['^x+$']\n"
        "[[filters]]\nid = 'template'\nsecret_regexes = ['^t$']\n"
        "[[filters]]\nid = 'low-variety-words'\nsecret_regexes = ['^w$']\n"
        "[[rules]]\nid = 'acme-key'\nshape = 'keyword'\nwords = ['acme']\n"
        "charset = 'alnum-lower'\nlength = 32\n",
        "builtin.toml");
    REQUIRE(kw.rules.size() == 1);
    CHECK(kw.rules[0].min_entropy == Approx(3.5));
    CHECK(kw.rules[0].min_entropy_hex == Approx(2.8));
    auto kw_ovr = apply_config(kw, parse_config("[[override]]\nid = 'acme-key'\nmin_entropy = 3.0\n", "c.toml"));
    CHECK(kw_ovr.rules[0].min_entropy == Approx(3.0));
    CHECK(kw_ovr.rules[0].min_entropy_hex == 0.0);
    auto replace = parse_config("use_builtin_rules = false\n[[rules]]\nid = 'mine'\npattern = '(m_[0-9]{4})'\n", "c.toml");
    auto r = apply_config(builtin, replace);
    REQUIRE(r.rules.size() == 1);
    CHECK(r.rules[0].id == "mine");
}

TEST_CASE("test paths: built-in table, config additions, threshold, errors") {
    constexpr const char* kTestPaths = R"(
[test_paths]
description = "tests"
min_confidence = "medium"
paths = ["**/tests/**", "*_test.*"]
examples = ["a/tests/b.py"]
negative_examples = ["a/contest/b.py"]
)";
    auto builtin = parse_rule_file(std::string(kRule) + kTestPaths, "builtin.toml");
    CHECK(builtin.test_paths.paths == std::vector<std::string>{"**/tests/**", "*_test.*"});
    CHECK(builtin.test_paths.min_confidence == Confidence::Medium);
    CHECK(builtin.test_paths.examples == std::vector<std::string>{"a/tests/b.py"});
    CHECK(builtin.test_paths.pos.where() == "builtin.toml:9");
    CHECK(is_test_path(builtin.test_paths, "src/tests/data/key.pem"));
    CHECK(is_test_path(builtin.test_paths, "/usr/lib/x/tests/key.pem"));
    CHECK(is_test_path(builtin.test_paths, "pkg/auth_test.go"));
    CHECK_FALSE(is_test_path(builtin.test_paths, "src/contest/key.pem"));
    CHECK_FALSE(is_test_path(builtin.test_paths, "tests.md"));
    // Archive members: the archive's path or the member's own path ("outer!member").
    CHECK(is_test_path(builtin.test_paths, "vendor/data.tar.gz!tests/jwks.json"));
    CHECK(is_test_path(builtin.test_paths, "tests/data.tar.gz!jwks.json"));
    CHECK(is_test_path(builtin.test_paths, "a.zip!inner.tar!pkg/tests/key.pem"));
    CHECK(is_test_path(builtin.test_paths, "src.zip!pkg/auth_test.go"));
    CHECK_FALSE(is_test_path(builtin.test_paths, "vendor/data.tar.gz!src/jwks.json"));

    // A config adds globs and changes the threshold; the built-in globs stay.
    auto add = apply_config(builtin, parse_config("[test_paths]\npaths = ['qa/**']\nmin_confidence = 'low'\n", "c.toml"));
    CHECK(add.test_paths.paths == std::vector<std::string>{"**/tests/**", "*_test.*", "qa/**"});
    CHECK(add.test_paths.min_confidence == Confidence::Low);
    // Without min_confidence the pack's threshold stays.
    auto keep = apply_config(builtin, parse_config("[test_paths]\npaths = ['qa/**']\n", "c.toml"));
    CHECK(keep.test_paths.min_confidence == Confidence::Medium);
    // builtin_paths = false drops the built-in globs.
    auto own = apply_config(builtin, parse_config("[test_paths]\nbuiltin_paths = false\npaths = ['qa/**']\n", "c.toml"));
    CHECK(own.test_paths.paths == std::vector<std::string>{"qa/**"});
    auto none = apply_config(builtin, parse_config("[test_paths]\nbuiltin_paths = false\n", "c.toml"));
    CHECK(none.test_paths.paths.empty());
    // use_builtin_rules = false replaces the rules, not the test paths.
    auto replace = apply_config(builtin, parse_config("use_builtin_rules = false\n", "c.toml"));
    CHECK(replace.test_paths.paths.size() == 2);

    CHECK_THAT(error_of([] { parse_config("[test_paths]\nmin_confidence = 'sure'\n", "c.toml"); }),
               Contains("c.toml:2: unknown min_confidence 'sure'"));
    CHECK_THAT(error_of([] { parse_config("[test_paths]\nexamples = ['a']\n", "c.toml"); }),
               Contains("c.toml:2: unknown key 'examples' in test_paths"));
    CHECK_THAT(error_of([] { parse_config("[test_paths]\nbuiltin_paths = 'no'\n", "c.toml"); }),
               Contains("'builtin_paths' must be true or false"));
    CHECK_THAT(error_of([] { parse_config("test_paths = ['tests/**']\n", "c.toml"); }),
               Contains("'test_paths' must be a table"));
    CHECK_THAT(error_of([] { parse_rule_file("[test_paths]\nbuiltin_paths = false\n", "r.toml"); }),
               Contains("unknown key 'builtin_paths' in test_paths"));
    CHECK_THAT(error_of([] { parse_config("[test_paths]\npaths = ['']\n", "c.toml"); }), Contains("empty glob"));
}

TEST_CASE("test paths: the rule for one finding at one path") {
    TestPaths t;
    t.paths = {"**/tests/**"};
    CHECK(confidence_at(t, "src/a.py", "token", "r", Confidence::Low) == Confidence::Low);
    CHECK(confidence_at(t, "tests/a.py", "token", "r", Confidence::High) == Confidence::Medium);
    CHECK_FALSE(confidence_at(t, "tests/a.py", "token", "r", Confidence::Medium).has_value());
    CHECK_FALSE(confidence_at(t, "tests/a.py", "token", "r", Confidence::Low).has_value());
    t.min_confidence = Confidence::Low;
    CHECK(confidence_at(t, "tests/a.py", "token", "r", Confidence::Medium) == Confidence::Low);
    CHECK(confidence_at(t, "tests/a.py", "token", "r", Confidence::Low) == Confidence::Low);
    t.min_confidence = Confidence::High;
    CHECK_FALSE(confidence_at(t, "tests/a.py", "token", "r", Confidence::High).has_value());
    CHECK(confidence_at(t, "src/a.py", "token", "r", Confidence::Medium) == Confidence::Medium);
    // Fixture kinds (key pairs tests generate) drop to low in a test path, not one level.
    t.fixture_kinds = {"private-key"};
    t.min_confidence = Confidence::Medium;
    CHECK_FALSE(confidence_at(t, "tests/a.pem", "private-key", "r", Confidence::High).has_value());
    CHECK(confidence_at(t, "tests/a.py", "token", "r", Confidence::High) == Confidence::Medium);
    CHECK(confidence_at(t, "src/a.pem", "private-key", "r", Confidence::High) == Confidence::High);
    t.min_confidence = Confidence::Low;
    CHECK(confidence_at(t, "tests/a.pem", "private-key", "r", Confidence::High) == Confidence::Low);
    // Fixture rules (JWTs: tests sign their own) the same, whatever their kind.
    t.min_confidence = Confidence::Medium;
    t.fixture_rules = {"jwt"};
    CHECK_FALSE(confidence_at(t, "tests/a.py", "token", "jwt", Confidence::High).has_value());
    CHECK(confidence_at(t, "tests/a.py", "token", "github-pat", Confidence::High) == Confidence::Medium);
    CHECK(confidence_at(t, "src/a.py", "token", "jwt", Confidence::High) == Confidence::High);
    CHECK_THAT(error_of([] { parse_rule_file("[test_paths]\nfixture_kinds = ['']\n", "r.toml"); }), Contains("empty kind"));
    CHECK_THAT(error_of([] { parse_rule_file("[test_paths]\nfixture_rules = ['']\n", "r.toml"); }),
               Contains("empty rule id"));
    CHECK(parse_rule_file("[test_paths]\nfixture_rules = ['jwt']\n", "r.toml").test_paths.fixture_rules ==
          std::vector<std::string>{"jwt"});
    CHECK_THAT(error_of([] { parse_config("[test_paths]\nfixture_kinds = ['x']\n", "c.toml"); }),
               Contains("unknown key 'fixture_kinds' in test_paths"));
}

TEST_CASE("every_rule filters join every built-in rule; a config cannot declare one") {
    // The built-in pack: every rule carries placeholder-body, once.
    auto builtin = builtin_pack();
    REQUIRE(!builtin.rules.empty());
    for (const auto& r : builtin.rules) {
        INFO(r.id);
        CHECK(std::count(r.filters.begin(), r.filters.end(), "placeholder-body") == 1);
    }
    auto f =
        parse_rule_file("[[filters]]\nid = 'filler'\nevery_rule = true\nchecks = ['placeholder-body']\n", "b.toml");
    REQUIRE(f.filters.size() == 1);
    CHECK(f.filters[0].every_rule);
    // A config's own rules keep their own filters (their tokens are the user's).
    auto cfg = parse_config("[[rules]]\nid = 'mine'\npattern = '(m_[0-9]{4})'\n", "c.toml");
    auto p = apply_config(builtin, cfg);
    CHECK(p.find("mine")->filters.empty());
    auto every = parse_config("[[filters]]\nid = 'f'\nevery_rule = true\nchecks = ['repeated']\n", "c.toml");
    CHECK_THAT(error_of([&] { apply_config(builtin, every); }),
               Contains("c.toml") && Contains("'every_rule' is for the built-in pack only"));
    CHECK_THAT(error_of([] { parse_rule_file("[[filters]]\nid = 'f'\nevery_rule = 'yes'\n", "b.toml"); }),
               Contains("'every_rule' must be true or false"));
}
