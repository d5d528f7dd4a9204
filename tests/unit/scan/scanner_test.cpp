#include <catch2/catch.hpp>

#include "compile/compiled_rules.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"
#include "scan/scanner.hpp"

#include <algorithm>

using namespace nhiscan;

namespace {

constexpr const char* kPack = R"(
[[filters]]
id = "placeholder"
secret_regexes = ['''(?i)^x+$''']
checks = ["repeated"]
match_regexes = ['''os\.environ''']

[[rules]]
id = "demo-token"
severity = "high"
pattern = '''\b(demo_[A-Za-z0-9]{10,20})\b'''
min_entropy = 2.5
filters = ["placeholder"]
[rules.allowlist]
stopwords = ["notreal"]
paths = ["**/fixtures/**"]

[[rules]]
id = "demo-block"
pattern = '''(-----BEGIN DEMO-----[A-Za-z0-9\s]{1,200}-----END DEMO-----)'''

[[rules]]
id = "generic-assignment"
severity = "medium"
pattern = '''(?i)token\s{0,3}=\s{0,3}["']?([A-Za-z0-9_]{12,40})'''

[[rules]]
id = "demo-variant"
severity = "low"
pattern = '''\b(demo_[A-Za-z0-9]{10,20})\b'''
)";

std::shared_ptr<const CompiledRules> compiled() {
    static auto rules = CompiledRules::build(parse_rule_file(kPack, "t.toml"), CacheOptions{false, {}});
    return rules;
}

std::vector<std::string> ids(const std::vector<Match>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) out.push_back(compiled()->rule(m.rule).spec->id);
    return out;
}

}  // namespace

TEST_CASE("a confirmed match carries the secret's exact offsets") {
    Scanner s(*compiled());
    std::string text = "x = demo_Ab3dE6gH9k; y";
    auto ms = s.scan(text, "a.txt");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == "demo_Ab3dE6gH9k");
    CHECK(ms[0].start == 4);
    CHECK(ms[0].end == 4 + ms[0].secret.size());
}

TEST_CASE("overlapping matches of one rule collapse into the longest") {
    Scanner s(*compiled());
    // Every end from 10 to 20 body chars is a Hyperscan match of the bounded repeat.
    auto ms = s.scan("demo_Q1w2E3r4T5y6U7i8", "a.txt");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == "demo_Q1w2E3r4T5y6U7i8");
}

TEST_CASE("the same bytes from two rules give one match, from the higher severity rule") {
    Scanner s(*compiled());
    auto ms = s.scan("demo_Zx9Cv8Bn7M", "a.txt");
    CHECK(ids(ms) == std::vector<std::string>{"demo-token"});
}

TEST_CASE("a low-severity provider rule beats a generic rule on the same bytes") {
    auto rules = CompiledRules::build(parse_rule_file(R"([[rules]]
id = "generic-thing"
severity = "high"
pattern = '''(demo_[a-z0-9]{8})'''
[[rules]]
id = "demo-test-key"
severity = "low"
pattern = '''(demo_[a-z0-9]{8})'''
)", "g.toml"), CacheOptions{false, {}});
    Scanner s(*rules);
    auto ms = s.scan("demo_ab12cd34", "a.txt");
    REQUIRE(ms.size() == 1);
    CHECK(rules->rule(ms[0].rule).spec->id == "demo-test-key");
}

TEST_CASE("a generic rule yields to an overlapping provider rule") {
    Scanner s(*compiled());
    CHECK(ids(s.scan("token = demo_Zx9Cv8Bn7M", "a.txt")) == std::vector<std::string>{"demo-token"});
    CHECK(ids(s.scan("token = Zx9Cv8Bn7Mq1w2", "a.txt")) == std::vector<std::string>{"generic-assignment"});
}

TEST_CASE("entropy, filters, allowlists and the inline marker drop matches") {
    Scanner s(*compiled(), /*collapse=*/false);
    auto token = [&](const std::string& text, const std::string& path = "a.txt") {
        auto found = ids(s.scan(text, path));
        return std::count(found.begin(), found.end(), "demo-token");
    };
    CHECK(token("demo_Ab3dE6gH9k") == 1);
    CHECK(token("demo_aaaaaaaaaaaa") == 0);                  // entropy
    CHECK(token("demo_xxxxxxxxxxxXX") == 0);                 // filter: repeated check
    CHECK(token("demo_notrealAb12") == 0);                   // stopword
    // match_regexes see the rule's match, not the rest of the line.
    CHECK(token("key = os.environ['demo_Ab3dE6gH9k']") == 1);
    CHECK(token("demo_Ab3dE6gH9k", "src/fixtures/a.txt") == 0);  // rule path allowlist
    CHECK(token("demo_Ab3dE6gH9k  # nhiscan:allow") == 0);
    CHECK(s.scan("demo_Ab3dE6gH9k  # nhiscan:allow", "a.txt").empty());
    CHECK(token("first\ndemo_Ab3dE6gH9k\n# nhiscan:allow") == 1);  // marker on another line
}

TEST_CASE("word boundaries hold at the confirm window edge") {
    Scanner s(*compiled());
    CHECK(s.scan("xdemo_Ab3dE6gH9k", "a.txt").empty());
    std::string pad(5000, 'q');
    CHECK(s.scan(pad + "demo_Ab3dE6gH9k", "a.txt").empty());
    CHECK(s.scan(pad + " demo_Ab3dE6gH9k", "a.txt").size() == 1);
}

TEST_CASE("unbounded-looking block patterns and bytes that are not UTF-8") {
    Scanner s(*compiled());
    std::string text = "\xff\xfe junk\n-----BEGIN DEMO-----\nAbc123\nDef456\n-----END DEMO-----\n\x80";
    auto ms = s.scan(text, "k.pem");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret.rfind("-----BEGIN DEMO-----", 0) == 0);
    CHECK(ms[0].secret.size() == std::string("-----BEGIN DEMO-----\nAbc123\nDef456\n-----END DEMO-----").size());
}

TEST_CASE("one scanner scans many buffers; each thread uses its own scratch") {
    auto rules = compiled();
    Scanner a(*rules), b(*rules);
    for (int i = 0; i < 50; ++i) {
        CHECK(a.scan("demo_Ab3dE6gH9k", "a").size() == 1);
        CHECK(b.scan("nothing here", "b").empty());
    }
}
