#include "scan/scanner.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <catch2/catch.hpp>

#include "compile/compiled_rules.hpp"
#include "core/bytes.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"
#include "scan/value_shape.hpp"

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

TEST_CASE("a provider match inside another provider match's secret yields to the enclosing one") {
    auto rules = CompiledRules::build(parse_rule_file(R"([[rules]]
id = "demo-prefixed"
severity = "high"
pattern = '''\b(dmo_[a-f0-9]{16})\b'''
[[rules]]
id = "demo-unprefixed"
severity = "critical"
pattern = '''[^a-f0-9]([a-f0-9]{16})\b'''
[[rules]]
id = "demo-other"
severity = "low"
pattern = '''([a-f0-9]{8}-[a-z]{6})\b'''
)",
                                                      "n.toml"),
                                      CacheOptions{false, {}});
    auto found = [&](const std::string& text) {
        Scanner s(*rules);
        std::vector<std::string> out;
        for (const auto& m : s.scan(text, "a.txt")) out.push_back(rules->rule(m.rule).spec->id + ":" + m.secret);
        return out;
    };
    // The unprefixed rule reads the same token's hex: one finding, the whole token.
    CHECK(found("SONAR = 'dmo_0a1b2c3d4e5f6a7b'") == std::vector<std::string>{"demo-prefixed:dmo_0a1b2c3d4e5f6a7b"});
    // The hex alone is the unprefixed rule's.
    CHECK(found("SONAR = '0a1b2c3d4e5f6a7b'") == std::vector<std::string>{"demo-unprefixed:0a1b2c3d4e5f6a7b"});
    // Overlapping without one inside the other: both are kept.
    auto both = found("x 0a1b2c3d4e5f6a7b-abcdef y");
    std::sort(both.begin(), both.end());
    CHECK(both == std::vector<std::string>{"demo-other:4e5f6a7b-abcdef", "demo-unprefixed:0a1b2c3d4e5f6a7b"});
    Scanner raw(*rules, /*collapse=*/false);  // rules check judges each rule alone
    CHECK(raw.scan("SONAR = 'dmo_0a1b2c3d4e5f6a7b'", "a.txt").size() == 2);
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

namespace {

constexpr const char* kTestPathPack = R"(
[test_paths]
paths = ["**/tests/**", "*_test.*"]

[[rules]]
id = "sure-token"
confidence = "high"
pattern = '''\b(sure_[A-Za-z0-9]{12})\b'''

[[rules]]
id = "keyed-token"
confidence = "medium"
pattern = '''keyed = ([A-Za-z0-9]{12})\b'''

[[rules]]
id = "generic-guess"
confidence = "low"
pattern = '''guess = ([A-Za-z0-9]{12})\b'''

[[rules]]
id = "aws-like"
confidence = "medium"
validator = "aws-key-id"
pattern = '''\b((?:AKIA|ASIA)[A-Z0-9]{16})\b'''
)";

std::shared_ptr<const CompiledRules> test_path_rules(const std::string& config = "") {
    RulePack pack = parse_rule_file(kTestPathPack, "t.toml");
    if (!config.empty()) pack = apply_config(std::move(pack), parse_config(config, "c.toml"));
    return CompiledRules::build(std::move(pack), CacheOptions{false, {}});
}

const std::string kText = "sure_Ab3dE6gH9kQz\nkeyed = Zx9Cv8Bn7Mq1\nguess = Lp4Kj7Hg2Fd5\n"
                          "AK" "IAQYLPMN5HFIQR7XYZ\nAS" "IAQYLPMN5HFIQR7XY1\n";  // split: no key-shaped literal in source

// rule id -> (confidence, note) of what a scan reports.
std::map<std::string, std::pair<std::string, std::string>> report(const CompiledRules& rules, const std::string& path) {
    Scanner s(rules);
    std::map<std::string, std::pair<std::string, std::string>> out;
    for (const auto& m : s.scan(kText, path)) {
        std::string id = rules.rule(m.rule).spec->id;
        if (id == "aws-like") id += m.checksum == Checksum::Valid ? "-valid" : "-invalid";
        out[id] = {to_string(m.confidence), m.note};
    }
    return out;
}

}  // namespace

TEST_CASE("test paths: confidence one level lower, below the threshold not reported") {
    auto rules = test_path_rules();
    using R = std::map<std::string, std::pair<std::string, std::string>>;
    // Elsewhere: base confidence, validators adjust it, nothing dropped.
    CHECK(report(*rules, "src/app.py") == R{{"sure-token", {"high", ""}},
                                            {"keyed-token", {"medium", ""}},
                                            {"generic-guess", {"low", ""}},
                                            {"aws-like-valid", {"high", ""}},
                                            {"aws-like-invalid", {"low", ""}}});
    // In a test path (default threshold medium): high becomes medium and is reported with the
    // note; what falls to low is not reported.
    R in_tests{{"sure-token", {"medium", "test path"}}, {"aws-like-valid", {"medium", "test path"}}};
    CHECK(report(*rules, "src/tests/app.py") == in_tests);
    CHECK(report(*rules, "pkg/app_test.go") == in_tests);
    CHECK(report(*rules, "/abs/path/tests/app.py") == in_tests);
    CHECK(report(*rules, "src/contest/app.py").size() == 5);
}

TEST_CASE("test paths: min_confidence and paths from a config") {
    using R = std::map<std::string, std::pair<std::string, std::string>>;
    auto all = test_path_rules("[test_paths]\nmin_confidence = 'low'\n");
    CHECK(report(*all, "tests/app.py") == R{{"sure-token", {"medium", "test path"}},
                                            {"keyed-token", {"low", "test path"}},
                                            {"generic-guess", {"low", "test path"}},
                                            {"aws-like-valid", {"medium", "test path"}},
                                            {"aws-like-invalid", {"low", "test path"}}});
    auto strict = test_path_rules("[test_paths]\nmin_confidence = 'high'\n");
    CHECK(report(*strict, "tests/app.py").empty());
    CHECK(report(*strict, "src/app.py").size() == 5);
    auto extra = test_path_rules("[test_paths]\npaths = ['qa/**']\n");
    CHECK(report(*extra, "qa/app.py").size() == 2);
    CHECK(report(*extra, "tests/app.py").size() == 2);
    auto off = test_path_rules("[test_paths]\nbuiltin_paths = false\n");
    CHECK(report(*off, "tests/app.py").size() == 5);
}

TEST_CASE("test paths: a validator note and the test-path note are both kept") {
    RulePack pack = parse_rule_file(R"(
[test_paths]
paths = ["**/tests/**"]
[[rules]]
id = "jwt-like"
confidence = "high"
validator = "jwt"
pattern = '''\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})'''
)", "t.toml");
    auto rules = CompiledRules::build(std::move(pack), CacheOptions{false, {}});
    // {"alg":"HS256"} . {"exp":100} . signature: valid structure, expired.
    std::string jwt = "eyJhbGciOiJIUzI1NiJ9." "eyJleHAiOjEwMH0." "c2lnbmF0dXJlLWZha2U";  // split, as above
    Scanner s(*rules);
    auto ms = s.scan(jwt, "tests/t.py");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].confidence == Confidence::Medium);
    CHECK(ms[0].note.find("expired") == 0);
    CHECK(ms[0].note.size() > std::string("; test path").size());
    CHECK(ms[0].note.substr(ms[0].note.size() - 11) == "; test path");
}

namespace {

constexpr const char* kScopedPack = R"toml(
[[rules]]
id = "everywhere-token"
pattern = '''\b(evw_[A-Za-z0-9]{12})\b'''

[[rules]]
id = "pgpass-line"
pattern = '''(?m)^[^:\r\n]{1,64}:[0-9*]{1,5}:[^:\r\n]{1,64}:[^:\r\n]{1,64}:([^\r\n]{6,64})$'''
paths = ["**/.pgpass", "*.pgpass"]

[[rules]]
id = "tfstate-secret"
pattern = '''"secret": "([A-Za-z0-9]{16})"'''
paths = ["terraform.tfstate.d/**"]
)toml";

std::shared_ptr<const CompiledRules> scoped_rules() {
    static auto rules = CompiledRules::build(parse_rule_file(kScopedPack, "t.toml"), CacheOptions{false, {}});
    return rules;
}

}  // namespace

TEST_CASE("path-scoped rules: their own database, scanned only where a glob matches") {
    auto rules = scoped_rules();
    REQUIRE(rules->database() != nullptr);
    REQUIRE(rules->scoped_database() != nullptr);
    const std::string text = "host.example:5432:app:ops:Zq8rTn2Lw9xY\nkey evw_Ab12Cd34Ef56\n";
    // Hyperscan alone: the scoped rule (id 1) is in the scoped database only.
    auto hs_ids = [&](const hs_database_t* db) {
        HsScratch scratch = rules->make_scratch();
        std::set<unsigned> ids;
        hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
                [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) {
                    static_cast<std::set<unsigned>*>(ctx)->insert(id);
                    return 0;
                },
                &ids);
        return ids;
    };
    CHECK(hs_ids(rules->database()) == std::set<unsigned>{0});
    CHECK(hs_ids(rules->scoped_database()) == std::set<unsigned>{1});

    Scanner s(*rules, false);
    auto rule_ids = [&](const std::vector<Match>& ms) {
        std::vector<std::string> out;
        for (const auto& m : ms) out.push_back(rules->rule(m.rule).spec->id);
        return out;
    };
    CHECK(rule_ids(s.scan(text, "home/.pgpass")) == std::vector<std::string>{"pgpass-line", "everywhere-token"});
    CHECK(rule_ids(s.scan(text, "notes/pgpass.txt")) == std::vector<std::string>{"everywhere-token"});
    // No path (a history blob): the caller says whether some place of it may match.
    CHECK(rule_ids(s.scan(text, "")) == std::vector<std::string>{"pgpass-line", "everywhere-token"});
    CHECK(rule_ids(s.scan(text, "", false)) == std::vector<std::string>{"everywhere-token"});
    // A glob ending in `/**`: any file below that directory.
    const std::string state = "{\"secret\": \"Ab12Cd34Ef56Gh78\"}\n";
    CHECK(rule_ids(s.scan(state, "terraform.tfstate.d/prod/terraform.tfstate")) == std::vector<std::string>{"tfstate-secret"});
    CHECK(rule_ids(s.scan(state, "other/prod/terraform.tfstate")).empty());
}

TEST_CASE("path-scoped rules: which file and directory names their globs may match") {
    auto rules = scoped_rules();
    CHECK(rules->scoped_applies("home/.pgpass"));
    CHECK(rules->scoped_applies("backup.pgpass"));
    CHECK(rules->scoped_applies("terraform.tfstate.d/a/b.json"));
    CHECK_FALSE(rules->scoped_applies("home/pgpass"));
    CHECK_FALSE(rules->scoped_applies("src/terraform.tfstate.d/a.json"));  // the glob is anchored at the root
    CHECK(rules->scoped_name_may_match(".pgpass"));
    CHECK(rules->scoped_name_may_match("x.pgpass"));
    CHECK_FALSE(rules->scoped_name_may_match("pgpass.txt"));
    CHECK(rules->scoped_name_may_match("terraform.tfstate.d", true));
    CHECK_FALSE(rules->scoped_name_may_match("terraform", true));
    // A pack without path-scoped rules has no scoped database and never asks for it.
    auto plain = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "everywhere-token"
pattern = '''\b(evw_[A-Za-z0-9]{12})\b'''
)", "t.toml"), CacheOptions{false, {}});
    CHECK(plain->scoped_database() == nullptr);
    CHECK_FALSE(plain->scoped_applies("home/.pgpass"));
    CHECK_FALSE(plain->scoped_name_may_match(".pgpass"));
}

namespace {
// One keyword rule (its TOML) with the filters keyword rules name.
std::shared_ptr<const CompiledRules> keyword_pack(const std::string& rule) {
    RulePack pack = parse_rule_file(R"(
[[filters]]
id = "placeholder"
secret_regexes = ['''(?i)^x+$''']
[[filters]]
id = "template"
secret_regexes = ['''\$\{''']
[[filters]]
id = "low-variety"
secret_regexes = ['''^0+$''']
[[filters]]
id = "declared-name"
match_regexes = ['''(?:^|[^\w$]|\\[nrt])(?:var|let|const|function|class)[ \t]+[A-Za-z_$][\w$]*[^\w$]?$''']
[[filters]]
id = "low-variety-words"
secret_regexes = ['''^[a-z]+$''']
)" + rule,
                                    "t.toml");
    return CompiledRules::build(std::move(pack), CacheOptions{false, {}});
}

// weatherstack, 32 lower-case hex.
std::shared_ptr<const CompiledRules> weatherstack_rules() {
    return keyword_pack(R"(
[[rules]]
id = "acme-key"
shape = "keyword"
words = ["weatherstack"]
charset = "hex-lower"
length = 32
)");
}
}  // namespace

TEST_CASE("on the same bytes, the provider named nearer the value outranks a more severe one") {
    auto rules = keyword_pack(R"(
[[rules]]
id = "alpha-key"
severity = "critical"
shape = "keyword"
words = ["alphasvc"]
charset = "hex-lower"
length = 32
[[rules]]
id = "beta-key"
severity = "low"
shape = "keyword"
words = ["betasvc"]
charset = "hex-lower"
length = 32
)");
    auto found = [&](const std::string& text) {
        Scanner s(*rules);
        std::vector<std::string> out;
        for (const auto& m : s.scan(text, "a.py")) out.push_back(rules->rule(m.rule).spec->id);
        return out;
    };
    const std::string v = "8f3a9c2e7b1d4f6a0c5e9b2d7a4f1c8e";
    // The word on the value's line beats the word in the statement above.
    CHECK(found("url = 'https://alphasvc.io/v1/items'\nresp = get('https://betasvc.io/v2', params={'apiKey': '" + v +
                "'})\n") == std::vector<std::string>{"beta-key"});
    // ... and the word in the name of a value starting its line beats the line above's.
    CHECK(found("alphasvc_url = 'https://alphasvc.io'\nBETASVC_KEY=" + v + "\n") ==
          std::vector<std::string>{"beta-key"});
    // The word in the value's own name beats the parent block's.
    CHECK(found("alphasvc:\n  betasvc_key: " + v + "\n") == std::vector<std::string>{"beta-key"});
    // With only the parent naming a provider, it is that provider's.
    CHECK(found("alphasvc:\n  api_key: " + v + "\n") == std::vector<std::string>{"alpha-key"});
}

TEST_CASE("keyword rules: confidence follows where the word is") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto conf = [&](const std::string& text) {
        auto ms = s.scan(text, "app/config.txt");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].secret == v);
        return ms[0].confidence;
    };
    CHECK(conf("WEATHERSTACK_KEY=" + v + "\n") == Confidence::Medium);                           // the assigned name
    CHECK(conf("build_flags =\n    -DWEATHERSTACK_KEY=\\\"" + v + "\\\"\n") == Confidence::Medium);  // -D, \"
    CHECK(conf("weatherstack:\n  enabled: true\n  apiKey: " + v + "\n") == Confidence::Medium);  // parent key
    CHECK(conf("  weatherstack_key: |\n    " + v + "\n") == Confidence::Medium);                 // block scalar
    CHECK(conf("  weatherstack_key = <<EOT\n" + v + "\nEOT\n") == Confidence::Medium);           // heredoc
    CHECK(conf("  \"weatherstackKeys\": [\n    \"" + v + "\"\n  ]\n") == Confidence::Medium);
    CHECK(conf("# Weatherstack API key\n" + v + "\n") == Confidence::Low);  // a comment above
    CHECK(conf("// weatherstack\napi_key = \"" + v + "\"\n") == Confidence::Low);
    CHECK(conf("Keys for Weatherstack go here\n" + v + "\n") == Confidence::Low);  // prose above
    CHECK(conf("url = weatherstack.com/x?k=" + v + "\n") == Confidence::Low);      // elsewhere on the line
    // further along the line, the value assigned to a credential name: a structured log line
    CHECK(conf("{\"level\":\"debug\",\"logger\":\"weatherstack.client\",\"msg\":\"client configured\",\"api_key\":\"" +
               v + "\"}\n") == Confidence::Low);
}

TEST_CASE("keyword rules: a value with its word on its own line only is confirmed without the whole pattern") {
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto scan = [&](const std::shared_ptr<const CompiledRules>& rules, const std::string& text) {
        Scanner s(*rules);
        std::vector<std::tuple<std::size_t, std::size_t, Confidence>> out;
        for (const auto& m : s.scan(text, "app/config.txt")) out.emplace_back(m.start, m.end, m.confidence);
        return out;
    };
    // The word on the value's line, none above: the same-line forms decide, the whole pattern
    // (tens of thousands of instructions) is never compiled.
    for (const std::string& text : {"WEATHERSTACK_KEY=" + v + "\n", "other = 1\nurl = weatherstack.com/x?k=" + v + "\n",
                                    "{\"logger\":\"weatherstack.client\",\"msg\":\"ok\",\"api_key\":\"" + v + "\"}\n",
                                    "WEATHERSTACK_KEY=" + v.substr(0, 31) + "\n"}) {
        auto rules = weatherstack_rules();
        auto found = scan(rules, text);
        CHECK(found.size() == (text.find(v) == std::string::npos ? 0U : 1U));
        CHECK_FALSE(rules->rule(0).confirmer_compiled());
    }
    CHECK(scan(weatherstack_rules(), "WEATHERSTACK_KEY=" + v + "\n") ==
          std::vector<std::tuple<std::size_t, std::size_t, Confidence>>{{17, 49, Confidence::Medium}});
    // A word on a line above (in any case, even inside another word) may start a match: the
    // whole pattern decides, and the leftmost match's word sets the confidence as before.
    for (const char* above : {"# Weatherstack API key\n", "weatherstack:\n  enabled: true\n", "myweatherstacks\n"}) {
        auto rules = weatherstack_rules();
        scan(rules, std::string(above) + "WEATHERSTACK_KEY=" + v + "\n");
        CHECK(rules->rule(0).confirmer_compiled());
    }
    CHECK(scan(weatherstack_rules(), "# Weatherstack API key\n" + v + "\n") ==
          std::vector<std::tuple<std::size_t, std::size_t, Confidence>>{{23, 55, Confidence::Low}});
}

TEST_CASE("keyword rules: the word on a line below a value assigned to a credential name") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto found = [&](const std::string& text) {
        auto ms = s.scan(text, "app/config.txt");
        if (ms.empty()) return false;
        CHECK(ms.size() == 1);
        CHECK(ms[0].secret == v);
        CHECK(ms[0].confidence == Confidence::Low);
        return true;
    };
    // a PowerShell splat passed to the provider's cmdlet; a settings dict passed to its client
    CHECK(found("$params = @{\n    ApiKey = '" + v + "'\n    Region = 'eu-west-1'\n}\nConnect-Weatherstack @params\n"));
    CHECK(found("config = {\n    \"api_key\": \"" + v + "\",\n}\nclient = weatherstack.Client(**config)\n"));
    CHECK(found("token: " + v + "\nservice: weatherstack\n"));
    // an RSpec `let` above the client it builds
    CHECK(found("  let(:secret) { \"" + v + "\" }\n  let(:client) { Weatherstack::Client.new(secret: secret) }\n"));
    // another scanner's detector test: the sample in `validPattern`, the provider in `keyword`
    CHECK(found("var (\n\tvalidPattern   = \"" + v +
                "\"\n\tinvalidPattern = \"?\"\n\tkeyword        = "
                "\"weatherstack\"\n)\n"));
    // an XML name/value pair over two lines: a KeePass entry's URL, an answer file's user name
    const std::string url =
        "</Value>\n</String>\n<String>\n  <Key>URL</Key>\n  <Value>https://weatherstack.com/login</Value>\n";
    CHECK(found("  <Key>API key</Key>\n  <Value ProtectInMemory=\"True\">" + v + url));
    CHECK_FALSE(found("  <Key>Notes</Key>\n  <Value ProtectInMemory=\"True\">" + v + url));
    CHECK(found("  <Password>\n    <Value>" + v +
                "</Value>\n    <PlainText>true</PlainText>\n  </Password>\n  <Username>weatherstack</Username>\n"));
    // no credential name takes the value, or the word is too far below
    CHECK_FALSE(found("$params = @{\n    Checksum = '" + v + "'\n}\nConnect-Weatherstack @params\n"));
    CHECK_FALSE(found("api_key = '" + v + "'\na\nb\nc\nd\nweatherstack\n"));
    // a parameterized test's data above the test named for the provider and a credential
    CHECK(found("    [Theory]\n    [InlineData(\"" + v +
                "\")]\n    public void WeatherstackApiKey_IsAccepted(string k)\n"));
    CHECK(found("    @ParameterizedTest\n    @ValueSource(strings = {\"" + v +
                "\"})\n    void weatherstackToken_isValid(String k) {}\n"));
    // ... but not when the name below says nothing of a credential, or the literal is not alone
    CHECK_FALSE(found("    [InlineData(\"" + v + "\")]\n    public void Weatherstack_Region_IsParsed(string k)\n"));
    CHECK_FALSE(found("    Log(\"cache\", \"" + v + "\");\n    WeatherstackApiKey_IsAccepted();\n"));
    // a setter or builder call named for a credential, the request's URL below (Laravel's
    // `Http::withToken('…')`, a builder's `.apiKey("…")`); not a getter's or a check's argument
    CHECK(
        found("        Http::withToken('" + v + "')\n            ->get('https://api.weatherstack.com/v1/orders');\n"));
    CHECK(found("    .apiKey(\"" + v + "\")\n    .baseUrl(\"https://api.weatherstack.com\")\n"));
    CHECK_FALSE(
        found("        cache.getToken('" + v + "')\n            ->get('https://api.weatherstack.com/v1/orders');\n"));
    CHECK_FALSE(
        found("        Http::withHeader('" + v + "')\n            ->get('https://api.weatherstack.com/v1/orders');\n"));
    // a secret wrapper built from the value, assigned to a credential name, the provider's URL below
    // (Haystack's `api_key=Secret.from_token("…")` above `api_base_url=`)
    CHECK(found("    api_key=Secret.from_token(\"" + v +
                "\"),\n    api_base_url=\"https://api.weatherstack.com/v1\",\n"));
    CHECK_FALSE(
        found("    api_key=os.environ.get(\"" + v + "\"),\n    api_base_url=\"https://api.weatherstack.com/v1\",\n"));
    // a JSON `"value"` member below the member naming it, the word in a member below (1Password's
    // `op item get --format json`)
    CHECK(found("      \"label\": \"api key\",\n      \"value\": \"" + v +
                "\",\n      \"reference\": \"op://Engineering/weatherstack/api-key\"\n"));
    CHECK_FALSE(found("      \"label\": \"notes\",\n      \"value\": \"" + v +
                      "\",\n      \"reference\": \"op://Engineering/weatherstack/notes\"\n"));
}

TEST_CASE("keyword rules: a hex-only value of a wider charset is judged by the hex floor") {
    // 32 lower-case alphanumerics: the default floor is 70% of log2(32) = 3.5 bits; a random
    // 32-hex value (many such keys are hex) has 3.3-3.9 and falls under 3.5 a fifth of the time.
    auto rules = keyword_pack(R"(
[[rules]]
id = "acme-key"
shape = "keyword"
words = ["weatherstack"]
charset = "alnum-lower"
length = 32
)");
    Scanner s(*rules);
    const std::string hex = std::string("a4c123b1612dd272") + "d1371c17149d4395";  // 3.32 bits
    REQUIRE(shannon_entropy(hex) < 3.5);
    auto ms = s.scan("WEATHERSTACK_ACCESS_KEY=" + hex + "\n", "app/.env.sample");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == hex);
    // the same entropy with a letter past f is judged by the charset's floor: dropped
    const std::string wide = std::string("a4c1g3b1612dd272") + "d1371c17149d4395";
    REQUIRE(shannon_entropy(wide) < 3.5);
    CHECK(s.scan("WEATHERSTACK_ACCESS_KEY=" + wide + "\n", "app/.env.sample").empty());
    // a hex value under the hex floor (2.8 bits) is still dropped
    const std::string flat = std::string("abababababababab") + "abababab12121212";
    REQUIRE(shannon_entropy(flat) < 2.8);
    CHECK(s.scan("WEATHERSTACK_ACCESS_KEY=" + flat + "\n", "app/.env.sample").empty());
}

TEST_CASE("keyword rules: a value that spells the word as a name part is a name, one that holds its letters is a key") {
    // 32 lower-case hex cannot spell `fastly`; base64url can.
    auto rules = keyword_pack(R"(
[[rules]]
id = "fastly-like"
shape = "keyword"
words = ["fastly"]
charset = "base64url"
length = 32
)");
    Scanner s(*rules);
    const std::string inside = std::string("2agfaStLyQ9vR4mZ") + "8kP1nB6xW3tH7jD0";  // `fastly` inside
    auto ms = s.scan("FASTLY_API_TOKEN=" + inside + "\n", "app/settings.env");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == inside);
    // the word at the value's start, or between `_` separators, names a variable, not a key
    CHECK(s.scan("FASTLY_API_TOKEN=FastlyApiTokenForTheStagingAcct1\n", "app/settings.env").empty());
    CHECK(s.scan("FASTLY_API_TOKEN=MY_FASTLY_TOKEN_PRODUCTION_VALUE\n", "app/settings.env").empty());
}

TEST_CASE("scanner: nhiscan's own fingerprint fields are not keys") {
    // A committed baseline names the rule (`linode-…`) next to a 64-hex fingerprint: a keyword
    // rule for 64 hex would read the record as a key, at low confidence, by the reverse context.
    auto rules = keyword_pack(R"(
[[rules]]
id = "linode-personal-access-token"
shape = "keyword"
words = ["linode"]
charset = "hex-lower"
length = 64
)");
    Scanner s(*rules);
    const std::string h = std::string("c59676e8d2a8557af9697b23d6e4031f") + "d49867cb014a8503a8c135a0b1c3cc36";
    CHECK(s.scan("{\"fingerprint\":\"" + h + "\",\"rule_id\":\"linode-personal-access-token\",\"path\":\"a.py\"}\n",
                 ".nhiscan-baseline.jsonl")
              .empty());
    CHECK(s.scan("{\"location_fingerprint\": \"" + h + "\", \"rule_id\": \"linode-personal-access-token\"}\n", "r.json")
              .empty());
    CHECK(s.scan("\"partialFingerprints\": {\"nhiscan/v1\": \"" + h +
                     "\"}, \"ruleId\": \"linode-personal-access-token\"\n",
                 "r.sarif")
              .empty());
    // the same value under any other key is a finding
    auto ms = s.scan("{\"token\":\"" + h + "\",\"rule_id\":\"linode-personal-access-token\"}\n", "dump.json");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == h);
    CHECK(s.scan("LINODE_TOKEN=" + h + "\n", "app/.env.sample").size() == 1);
}

TEST_CASE("scanner: a Subresource Integrity digest is not a key") {
    const std::string b64 =
        std::string("Fake4Qz/FAKEMoqLnRsPHXSlmHY5MI0fG7vTest94eeEzb/") + "KtNtbo43CF6kZkNotRealI7P8qhq9sLRWpzYRsy==";
    auto at = [&](const std::string& before) {
        const std::string text = before + b64 + "\"";
        return integrity_digest(text, before.size(), before.size() + b64.size());
    };
    CHECK(at("\"integrity\": \"sha512-"));     // npm
    CHECK(at("  integrity sha384-"));          // Yarn
    CHECK(at("<script integrity=\"sha256-"));  // HTML
    CHECK_FALSE(at("\"key\": \""));            // no algorithm before it
    CHECK_FALSE(at("\"key\": \"xsha512-"));    // the algorithm inside another word
    CHECK_FALSE(at("\"key\": \"sha512"));      // no dash
    const std::string text = "sha512-" + b64.substr(0, 20) + "!" + b64.substr(20);
    CHECK_FALSE(integrity_digest(text, 7, text.size()));  // not base64 throughout
}

TEST_CASE("keyword rules: a value followed by the word on its line, at low confidence") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto found = [&](const std::string& text) {
        auto ms = s.scan(text, "app/call.sh");
        if (ms.size() != 1) return std::string();
        CHECK(ms[0].confidence == Confidence::Low);
        CHECK(text.substr(ms[0].start, ms[0].end - ms[0].start) == v);
        return ms[0].secret;
    };
    CHECK(found("curl -s -H \"X-Api-Key: " + v + "\" https://api.weatherstack.com/current\n") == v);
    CHECK(found("BASE = \"https://deploy:" + v + "@api.weatherstack.com/v1\"\n") == v);
    CHECK(found("UPDATE settings SET value = '" + v + "' WHERE name = 'weatherstack_key';\n") == v);
    CHECK(found("padding line\nkey = '" + v + "'  # weatherstack\n") == v);
    // the word right after the one character that ends the value: a conda channel's token URL
    // (`/t/<token>/<channel>`), a value and its service separated by a blank
    CHECK(found("  - https://conda.anaconda.org/t/" + v + "/weatherstack\n") == v);
    CHECK(found("key " + v + " weatherstack\n") == v);
    CHECK(s.scan("key " + v + " myweatherstack\n", "app/x.sh").empty());  // not a piece start
    // not across lines, not further than `distance`, not glued to a longer run
    CHECK(s.scan("key = '" + v + "'\n# weatherstack\n", "app/x.sh").empty());
    CHECK(s.scan("key = '" + v + "' " + std::string(60, '.') + " weatherstack\n", "app/x.sh").empty());
    CHECK(s.scan("key = '" + v + "ab' weatherstack\n", "app/x.sh").empty());
    // piped into a command whose argument further along names it: a secret store reading stdin
    CHECK(found("printf '%s' '" + v +
                "' | circleci context store-secret github acme orders-prod WEATHERSTACK_API_KEY\n") == v);
    CHECK(found("echo -n '" + v + "' | gh secret set WEATHERSTACK_TOKEN --repo acme/orders\n") == v);
    // ... within that command only: not past a second pipe or a `;`
    CHECK(s.scan("echo '" + v + "' | base64 -d | tee /tmp/out.txt >/dev/null # weatherstack\n", "app/x.sh").empty());
    CHECK(s.scan("echo '" + v + "' | sha256sum; " + std::string(50, '.') + " weatherstack\n", "app/x.sh").empty());
}

TEST_CASE("scanner: a keyword rule's word must start an identifier piece (checked on Hyperscan's match)") {
    // The Hyperscan literal `tmetric` also ends inside `parametric`: no finding there (the
    // candidate is dropped in the match callback, and the pattern would not confirm it); a
    // camel-case or separated spelling is a finding.
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[filters]]
id = "placeholder"
checks = ["repeated"]
[[filters]]
id = "template"
checks = ["repeated"]
[[filters]]
id = "low-variety"
checks = ["repeated"]
[[filters]]
id = "declared-name"
checks = ["repeated"]
[[rules]]
id = "tm-token"
shape = "keyword"
words = ["tmetric"]
charset = "alnum"
length = 32
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string v = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    CHECK(s.scan("parametric = " + v + "\n", "a.txt").empty());
    CHECK(s.scan("xtmetric = \"" + v + "\"\n", "a.txt").empty());
    auto ms = s.scan("parametric = 1\nmyTmetricToken = \"" + v + "\"\n", "a.txt");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == v);
    CHECK(s.scan("TMETRIC_TOKEN=" + v + "\n", "a.txt").size() == 1);
    // ... and end one: `tmetrics` and `TMETRICS_URL` go on past the word; `tmetrickey` names it.
    CHECK(s.scan("tmetrics = \"" + v + "\"\n", "a.txt").empty());
    CHECK(s.scan("TMETRICS_URL: https://x.example/" + v + "\n", "a.txt").empty());
    CHECK(s.scan("tmetrickey = \"" + v + "\"\n", "a.txt").size() == 1);
    CHECK(s.scan("tmetricApiKey = \"" + v + "\"\n", "a.txt").size() == 1);
}


namespace {
// Keyword rules with the three filters every keyword rule names (no-ops here).
std::shared_ptr<const CompiledRules> keyword_rules(const std::string& rules) {
    return CompiledRules::build(parse_rule_file(R"(
[[filters]]
id = "placeholder"
secret_regexes = ['''(?i)^x+$''']
[[filters]]
id = "template"
secret_regexes = ['''\$\{''']
[[filters]]
id = "low-variety"
secret_regexes = ['''^0+$''']
[[filters]]
id = "declared-name"
match_regexes = ['''(?:^|[^\w$]|\\[nrt])(?:var|let|const|function|class)[ \t]+[A-Za-z_$][\w$]*[^\w$]?$''']
)" + rules,
                                                "k.toml"),
                                CacheOptions{false, {}});
}
}  // namespace

TEST_CASE("scanner: a keyword value that is an identifier of words is not a key") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "tz-key"
shape = "keyword"
words = ["timezoneapi"]
charset = "alpha"
length = 20
)");
    Scanner s(*rules);
    CHECK(s.scan("try_bool!(timezoneapi::FileTimeToSystemTime(&user_filetime));\n", "a.rs").empty());
    // An AutoHotkey hotstring's `::` ends the abbreviation: its replacement is the value.
    auto hot = s.scan("; timezoneapi key\n::;timezoneapikey::qWxRtZpKmNbVcLsDfGhJ\n", "keys.ahk");
    REQUIRE(hot.size() == 1);
    CHECK(hot[0].secret == "qWxRtZpKmNbVcLsDfGhJ");
    CHECK(s.scan(":*:timezoneapi::qWxRtZpKmNbVcLsDfGhJ\n", "keys.ahk").size() == 1);
    CHECK(s.scan("TIMEZONEAPI_KEY=getFileTimeAsSysTime\n", "a.env").empty());
    auto ms = s.scan("TIMEZONEAPI_KEY=qWxRtZpKmNbVcLsDfGhJ\n", "a.env");  // random letters
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == "qWxRtZpKmNbVcLsDfGhJ");
    // random letters in pieces, but a piece without enough vowels: a key
    ms = s.scan("TIMEZONEAPI_KEY=hawmbffmOsFaiPyfGdaw\n", "a.env");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == "hawmbffmOsFaiPyfGdaw");
}

TEST_CASE("scanner: a keyword value that a declaration names is not a key (declared-name)") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "bs-key"
shape = "keyword"
words = ["browserstack"]
charset = "alnum"
length = 20
)");
    Scanner s(*rules);
    // Gatsby's overlay in its source map: a comment naming the provider, newlines escaped, then
    // a declaration whose 20-letter name has the key's shape.
    CHECK(
        s.scan("{\"x\":\"// Note: IE10 on BrowserStack does not like this test\\n\\nvar focusObjectSvgHidden = {\"}\n",
               "a.js.map")
            .empty());
    CHECK(s.scan("// BrowserStack\nconst Q8zr4kTn2Lw9hX7pQ2mV = 1;\n", "a.js").empty());
    auto ms = s.scan("BROWSERSTACK_ACCESS_KEY=Q8zr4kTn2Lw9hX7pQ2mV\n", "a.env");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == "Q8zr4kTn2Lw9hX7pQ2mV");
    CHECK(s.scan("var browserstackKey = \"Q8zr4kTn2Lw9hX7pQ2mV\";\n", "a.js").size() == 1);
}

TEST_CASE("scanner: identifiers of words with consonant clusters or separators are not keys") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "tz-key"
shape = "keyword"
words = ["timezoneapi"]
charset = "base64url"
min_length = 20
max_length = 40
)");
    Scanner s(*rules);
    // words with few vowels and consonant clusters (Azure's Go SDK)
    CHECK(s.scan("TIMEZONEAPI_KEY=shipmentPickUpRequest\n", "a.env").empty());
    CHECK(s.scan("TIMEZONEAPI_KEY=listByRoleNextResults\n", "a.env").empty());
    // kebab-case package names under a list naming the provider (a Debian changelog)
    CHECK(s.scan("  - php-symfony-timezoneapi-notifier\n  - php-symfony-free-mobile-notifier\n", "changelog").empty());
    CHECK(s.scan("TIMEZONEAPI_KEY=google_chat_notifier_bridge\n", "a.env").empty());
    // letters and separators, but not words: a key
    auto ms = s.scan("TIMEZONEAPI_KEY=qWx-RtZpKm_NbVcLsDfGhJ\n", "a.env");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == "qWx-RtZpKm_NbVcLsDfGhJ");
    ms = s.scan("TIMEZONEAPI_KEY=hawmbffm-OsFaiPyfGdaw\n", "a.env");
    REQUIRE(ms.size() == 1);
    // a name called or declared, digits and all (Azure's generated models), is not a key
    CHECK(s.scan("func (t TimezoneapiService) AsOffice365LinkedService() (*Office, bool) {\n", "m.go").empty());
    ms = s.scan("TIMEZONEAPI_KEY=AsOffice365LinkedService\n", "a.env");
    REQUIRE(ms.size() == 1);
}

TEST_CASE("scanner: identifiers of words with acronyms and short numbers are not keys") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "tz-key"
shape = "keyword"
words = ["timezoneapi"]
charset = "base64url"
min_length = 16
max_length = 40
)");
    Scanner s(*rules);
    // type names in SDKs and bundles, a provider's word nearby (the eleventh session's corpora)
    for (const char* name : {"WebStandardStreamableHTTPServerTransport", "UARuleListResponsesV4PagePaginationArray",
                             "convertLangChainToolCallToOpenAI", "GoogleFirebaseRealtimeDatabaseV1NodeBase",
                             "IAuthenticateGeneric", "INodeTypeDescription", "sourceMappingURL"})
        CHECK(s.scan(std::string("TIMEZONEAPI_KEY=") + name + "\n", "a.env").empty());
    // capitals and digits between pieces that are not words: keys
    for (const char* key :
         {"FAKEqPzTestNotRealkWx", "NotRealwBinrFakesVAN", "FakeizKnFAKEVDHNotRe", "qWxRTZpKmNbV4cLsDfGh",
          "FAKE7fake3Test9Exempla2Dumbo8Not_Real1Sa", "zjic6lo1ruxszols", "bjojmgoirmok1uyx"}) {
        auto ms = s.scan(std::string("TIMEZONEAPI_KEY=") + key + "\n", "a.env");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].secret == key);
    }
}

TEST_CASE("scanner: a keyword value that names an optional property is not a key") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "pd-token"
shape = "keyword"
words = ["pipedrive"]
charset = "hex"
length = 40
)");
    Scanner s(*rules);
    // a pipedrive SDK's generated type declares custom fields named by 40-hex keys
    CHECK(
        s.scan("// pipedrive deal\ntype Deal = {\n  '0bb28fa193c6b091813e9ba57a42aae322b1f098'?: string;\n};\n", "d.ts")
            .empty());
    auto ms = s.scan("PIPEDRIVE_TOKEN='0bb28fa193c6b091813e9ba57a42aae322b1f098'\n", "a.env");
    REQUIRE(ms.size() == 1);
}

TEST_CASE("keyword rules: a low-confidence match yields the same bytes to another provider's") {
    // Bitrise's word is in the env var below the value (low), Acme's in the value's own name
    // (medium): the key is Acme's, though the Bitrise rule is the more severe.
    auto rules = keyword_rules(R"(
[[rules]]
id = "bitrise-access-token"
severity = "high"
shape = "keyword"
words = ["bitrise"]
charset = "alnum"
length = 40
[[rules]]
id = "acme-api-key"
severity = "medium"
shape = "keyword"
words = ["acme"]
charset = "alnum"
length = 40
)");
    Scanner s(*rules);
    const std::string v = "Q7mZp2Lx9RtV4nKc8WbY3hJd6FsG1aEuT5oW0iXr";
    auto ms = s.scan("app:\n  envs:\n  - ACME_API_KEY: " + v + "\n  - BITRISE_PROJECT_PATH: ios/App.xcworkspace\n",
                     "bitrise.yml");
    REQUIRE(ms.size() == 1);
    CHECK(rules->rule(ms[0].rule).spec->id == "acme-api-key");
    CHECK(ms[0].confidence == Confidence::Medium);
    // alone, the weak match is still reported
    ms = s.scan("  - API_KEY: " + v + "\n  - BITRISE_PROJECT_PATH: ios/App.xcworkspace\n", "bitrise.yml");
    REQUIRE(ms.size() == 1);
    CHECK(rules->rule(ms[0].rule).spec->id == "bitrise-access-token");
    CHECK(ms[0].confidence == Confidence::Low);
}

TEST_CASE("keyword rules: a value as a placeholder's default") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "cloverly-api-key"
shape = "keyword"
words = ["cloverly"]
charset = '[a-z0-9:_]'
length = 28
[[rules]]
id = "snyk-api-token"
shape = "keyword"
words = ["snyk token", "snyk api"]
charset = "uuid"
)");
    Scanner s(*rules);
    auto one = [&](const std::string& text, const std::string& rule) {
        auto ms = s.scan(text, "app/Client.java");
        REQUIRE(ms.size() == 1);
        CHECK(rules->rule(ms[0].rule).spec->id == rule);
        CHECK(ms[0].confidence == Confidence::Medium);  // the placeholder's name is the assigned name
        return ms[0].secret;
    };
    CHECK(one("    @Value(\"${cloverly.api.key:t9sa4poqrsqgyf27w5dh27wf6agb}\")\n", "cloverly-api-key") ==
          "t9sa4poqrsqgyf27w5dh27wf6agb");
    CHECK(one("      SNYK_TOKEN: ${SNYK_TOKEN:-e2646d88-d99d-4684-ab77-f303f43be01f}\n", "snyk-api-token") ==
          "e2646d88-d99d-4684-ab77-f303f43be01f");
    // the placeholder's name holds no word, or it is not closed: no finding
    CHECK(s.scan("# cloverly\nX = \"${other.key:t9sa4poqrsqgyf27w5dh27wf6agb}\"\n", "a").empty());
    CHECK(s.scan("cloverly = \"${cloverly.api.key:t9sa4poqrsqgyf27w5dh27wf6agb\"\n", "a").empty());
    CHECK(s.scan("# snyk token\nT=${OTHER:-e2646d88-d99d-4684-ab77-f303f43be01f}\n", "a").empty());
}

TEST_CASE("keyword rules: a value in an object whose key, lines up, names the word") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto conf = [&](const std::string& text) -> std::optional<Confidence> {
        auto ms = s.scan(text, "ops/output.json");
        if (ms.empty()) return std::nullopt;
        CHECK(ms.size() == 1);
        CHECK(ms[0].secret == v);
        return ms[0].confidence;
    };
    // `terraform output -json`: an object-typed output, its type schema between key and value
    const std::string tf =
        "{\n  \"weatherstack_credentials\": {\n    \"sensitive\": true,\n    \"type\": [\n"
        "      \"object\",\n      {\n        \"api_key\": \"string\",\n        \"region\": \"string\"\n"
        "      }\n    ],\n    \"value\": {\n      \"region\": \"eu\",\n      \"api_key\": \"";
    CHECK(conf(tf + v + "\"\n    }\n  }\n}\n") == Confidence::Medium);
    // HCL / JavaScript objects, an array of objects
    CHECK(conf("weatherstack = {\n  a = 1\n  b = 2\n  c = 3\n  d = 4\n  e = {\n    f = 1\n  }\n  token = \"" + v +
               "\"\n}\n") == Confidence::Medium);
    CHECK(conf("const weatherstack = {\n  a: 1,\n  b: 2,\n  c: 3,\n  d: 4,\n  list: [{\n    x: 1\n  }],\n"
               "  accounts: [\n    {\n      name: \"x\",\n      secret: \"" +
               v + "\"\n    }\n  ]\n};\n") == Confidence::Medium);
    // no credential name takes the value; the object named for the word is closed before it; its
    // key is too far up; brackets in strings do not count
    CHECK_FALSE(conf(tf + "x\",\n      \"checksum\": \"" + v + "\"\n    }\n  }\n}\n"));
    CHECK_FALSE(
        conf("\"weatherstack\": {\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3,\n  \"d\": 4\n},\n\"other\": {\n"
             "  \"e\": 5,\n  \"api_key\": \"" +
             v + "\"\n}\n"));
    std::string lines;
    for (int i = 0; i < 11; ++i) lines += "  a" + std::to_string(i) + " = " + std::to_string(i) + "\n";
    CHECK(conf("weatherstack = {\n" + lines + "  token = \"" + v + "\"\n}\n") == Confidence::Medium);
    CHECK_FALSE(conf("weatherstack = {\n" + lines + "  z = 1\n  token = \"" + v + "\"\n}\n"));
    CHECK_FALSE(
        conf("\"weatherstack\": {\n  \"a\": 1,\n  \"b\": \"{\",\n  \"c\": 3,\n  \"d\": 4\n},\n\"other\": {\n"
             "  \"api_key\": \"" +
             v + "\"\n}\n"));
}

TEST_CASE("keyword rules: a directive's value below a line of its block naming the word") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto found = [&](const std::string& text) {
        auto ms = s.scan(text, "etc/app.conf");
        return ms.size() == 1 && ms[0].secret == v;
    };
    // an mbsync account named for the word, its host; keepalived's block under a comment
    CHECK(found("IMAPAccount weatherstack\nHost imap.acme.example\nUser orders@acme.example\nPass " + v + "\n"));
    CHECK(found("account orders\nhost smtp.weatherstack.com\nuser orders\npassword " + v + "\n"));
    CHECK(found("    # Weatherstack API key\n    authentication {\n        auth_type AH\n        auth_pass " + v +
                "\n    }\n"));
    CHECK(found("weatherstack {\n  api_key " + v + ";\n}\n"));
    // not a directive's only argument; a blank line or too many lines between; no credential name
    CHECK_FALSE(found("IMAPAccount weatherstack\nHost imap.acme.example\nPass " + v + " then more words\n"));
    CHECK_FALSE(found("IMAPAccount weatherstack\n\nPass " + v + "\n"));
    CHECK_FALSE(found("IMAPAccount weatherstack\na 1\nb 2\nc 3\nd 4\nPass " + v + "\n"));
    CHECK_FALSE(found("IMAPAccount weatherstack\nHost imap.acme.example\nchecksum " + v + "\n"));
    CHECK_FALSE(found("IMAPAccount weatherstacked\nHost imap.acme.example\nPass " + v + "\n"));
}

TEST_CASE("keyword rules: a directive's value above a line of its block naming the word") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto found = [&](const std::string& text) {
        auto ms = s.scan(text, "config/config.boot");
        return ms.size() == 1 && ms[0].secret == v;
    };
    // an EdgeOS / VyOS IPsec peer: its secret, then the peer's description
    const std::string peer =
        "            peer 203.0.113.7 {\n                authentication {\n"
        "                    mode pre-shared-secret\n";
    CHECK(found(peer + "                    pre-shared-secret " + v +
                "\n                }\n                description \"Weatherstack VPC\"\n            }\n"));
    // not a directive's only argument; not a directive named for no credential; not five lines up
    CHECK_FALSE(found(peer + "                    pre-shared-secret " + v +
                      " more\n                }\n                description \"Weatherstack VPC\"\n"));
    CHECK_FALSE(found(peer + "                    checksum " + v +
                      "\n                }\n                description \"Weatherstack VPC\"\n"));
    CHECK_FALSE(found(peer + "                    pre-shared-secret " + v +
                      "\n                }\na 1\nb 2\nc 3\n                description \"Weatherstack VPC\"\n"));
}

TEST_CASE("keyword rules: a property list's <string> below its <key> naming a credential") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto found = [&](const std::string& text) {
        auto ms = s.scan(text, "profiles/corp.mobileconfig");
        return ms.size() == 1 && ms[0].secret == v;
    };
    // a configuration profile's payload: its name above, the key and its string below
    CHECK(
        found("<dict>\n\t<key>UserDefinedName</key>\n\t<string>Weatherstack VPN</string>\n"
              "\t<key>SharedSecret</key>\n\t<string>" +
              v + "</string>\n</dict>\n"));
    // a key that names no credential
    CHECK_FALSE(
        found("<dict>\n\t<key>UserDefinedName</key>\n\t<string>Weatherstack VPN</string>\n"
              "\t<key>Checksum</key>\n\t<string>" +
              v + "</string>\n</dict>\n"));
}

TEST_CASE("keyword rules: a JSON name/value pair with a member on its own line between") {
    auto rules = weatherstack_rules();
    Scanner s(*rules);
    const std::string v = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    auto found = [&](const std::string& name) {
        auto ms = s.scan("{\n  \"requestParameters\": {\n    \"name\": \"" + name +
                             "\",\n    \"type\": \"String\",\n    \"value\": \"" + v + "\"\n  }\n}\n",
                         "logs/event.json");
        return ms.size() == 1 && ms[0].secret == v;
    };
    // an SSM PutParameter call in a CloudTrail event
    CHECK(found("/orders/weatherstack/api_key"));
    // the parameter's name names no credential
    CHECK_FALSE(found("/orders/weatherstack/region"));
}

TEST_CASE("decoded views: a prefiltered rule's prefilter hit is not a look at the value") {
    // The prefilter (`acme:`) hits the escaped text, the pattern only matches once `\n` is
    // decoded: the escape view reports it. A match the rule dropped in the plain text (the
    // placeholder) stays dropped in the decoded view.
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[filters]]
id = "placeholder"
secret_regexes = ['''^x+$''']

[[rules]]
id = "acme-multi"
pattern = '''acme:\n  key: ([a-z0-9]{16})\b'''
prefilter = '''acme:'''
filters = ["placeholder"]
)",
                                                      "t.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    auto found = s.scan(std::string_view("cfg = \"acme:\\n  key: q8w7e6r5t4y3u2i1\"\n"), "a.py");
    REQUIRE(found.size() == 1);
    CHECK(found[0].secret == "q8w7e6r5t4y3u2i1");
    CHECK(found[0].decoded == "escape");
    CHECK(
        s.scan(std::string_view("acme:\n  key: xxxxxxxxxxxxxxxx\ncfg = \"acme:\\n  key: xxxxxxxxxxxxxxxx\"\n"), "a.py")
            .empty());
}

TEST_CASE("decoded views: a credential in entity-escaped JSON inside an XML attribute") {
    // .NET App.config keeps a JSON blob in an attribute: the generic rule sees `"password":"…"`
    // once &quot; is decoded, and the finding points at the encoded bytes.
    auto rules = CompiledRules::build(parse_rule_file(R"toml(
[[rules]]
id = "json-password"
pattern = '''"password"\s*:\s*"([A-Za-z0-9]{12})"'''
)toml",
                                                      "t.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    std::string data =
        "<appSettings>\n  <add key=\"Db\" value=\"{&quot;password&quot;:&quot;Xq7pZ9rLm2Vn&quot;}\" />\n";
    auto found = s.scan(std::string_view(data), "App.config");
    REQUIRE(found.size() == 1);
    CHECK(found[0].secret == "Xq7pZ9rLm2Vn");
    CHECK(found[0].decoded == "escape");
    CHECK(data.substr(found[0].start, found[0].end - found[0].start) == "Xq7pZ9rLm2Vn");
}

TEST_CASE("decoded views: a credential in a quoted-printable mail body") {
    auto rules = CompiledRules::build(parse_rule_file(R"toml(
[[rules]]
id = "json-password"
pattern = '''"password"\s*:\s*"([A-Za-z0-9]{12})"'''
)toml",
                                                      "t.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    std::string data =
        "Subject: db\nContent-Transfer-Encoding: quoted-printable\n\n{=22password=22: =22Xq7pZ9=\nrLm2Vn=22}\n";
    auto found = s.scan(std::string_view(data), "handover.eml");
    REQUIRE(found.size() == 1);
    CHECK(found[0].secret == "Xq7pZ9rLm2Vn");
    CHECK(found[0].decoded == "escape");
}

TEST_CASE("decoded views: a keyword rule's word on an escaped line is not a look at the value") {
    // The provider's word names the setting; the value's assignment (`"ApiKey": "…"`) is there
    // only once &quot; is decoded.
    auto rules = keyword_rules(R"(
[[rules]]
id = "weatherstack-api-key"
shape = "keyword"
words = ["weatherstack"]
charset = "alnum"
length = 32
)");
    Scanner s(*rules);
    const std::string v = "Q7mZp2Lx9RtV4nKc8WbY3hJd6FsG1aEu";
    std::string data =
        "<appSettings>\n    <add key=\"Weatherstack:Settings\" value=\"{ &quot;Region&quot;: "
        "&quot;eu&quot;, &quot;ApiKey&quot;: &quot;" +
        v + "&quot; }\" />\n</appSettings>\n";
    auto found = s.scan(std::string_view(data), "Web.config");
    REQUIRE(found.size() == 1);
    CHECK(found[0].secret == v);
    CHECK(found[0].decoded == "escape");
    CHECK(data.substr(found[0].start, found[0].end - found[0].start) == v);
}

TEST_CASE("scanner: a value masked by hand with x's is not a credential, for every rule") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "aiza"
pattern = '''\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)'''
keywords = ["AIza"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string head = std::string("AIza") + "SyC6GvjvPlEzJpTW2bW2t0MPH";
    CHECK(s.scan("GOOGLE_API_KEY=" + head + "XXXXXXXXXX\n", "README.md").empty());  // six or more at the end
    CHECK(s.scan("GOOGLE_API_KEY=" + head.substr(0, 20) + "xxxxxxxx" + "Ab3dE1Gh9jK\n", "README.md").empty());
    auto ms = s.scan("GOOGLE_API_KEY=" + head + "XXXXXqW3rT\n", "README.md");  // five inside: a key
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == head + "XXXXXqW3rT");
}

TEST_CASE("scanner: a keyword value that is a reference is not a key: a commit, a member, a type") {
    auto rules = keyword_rules(R"(
[[rules]]
id = "nr-key"
shape = "keyword"
words = ["newrelic"]
charset = "alnum"
min_length = 32
max_length = 40
)");
    Scanner s(*rules);
    const std::string sha = std::string("c6c51d56d24f59badef2") + "de7b4710b87496080196";
    CHECK(
        s.scan("* fix ([c6c51d5](https://github.com/newrelic/node-newrelic/commit/" + sha + "))\n", "NEWS.md").empty());
    CHECK(s.scan("newrelic: see https://github.com/acme/agent/tree/" + sha + "\n", "NEWS.md").empty());
    CHECK(s.scan("commit " + sha + "\nAuthor: newrelic bot\n", "log.txt").empty());
    CHECK(s.scan("newrelic(client, operations.LibrariesDocumentsPatchV1Request)\n", "a.ts").empty());
    CHECK(s.scan("/** newrelic */\nprotected _a2PBrands?: A2PBrandRegistrationListInstance;\n", "a.d.ts").empty());
    // the same value assigned, or in a URL's query: a key
    auto ms = s.scan("NEWRELIC_LICENSE_KEY=" + sha + "\n", ".env");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == sha);
    ms = s.scan("https://newrelic.example/ingest?license_key=" + sha + "\n", "a.txt");
    REQUIRE(ms.size() == 1);
}

TEST_CASE("scanner: a module's documentation examples are lowered as in a test path") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "acme-token"
confidence = "high"
pattern = '''\b(acme_[0-9a-f]{32})\b'''
keywords = ["acme_"]
[[rules]]
id = "acme-key"
confidence = "medium"
pattern = '''acme_key: ([A-Za-z0-9]{20})\b'''
keywords = ["acme_key"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string token = std::string("acme_") + "0123456789abcdef" + "fedcba9876543210";
    const std::string key = std::string("Xk2pQ9zL4mRt") + "Bv7wNc3J";
    const std::string doc =
        "DOCUMENTATION = r'''\nmodule: acme\n'''\n\nEXAMPLES = r'''\n- name: call\n  acme.api:\n"
        "    acme_key: " +
        key + "\n    token: " + token + "\n'''\n";
    // In the block: the medium key falls below the threshold, the high token is reported at medium.
    auto ms = s.scan(doc, "plugins/modules/acme.py");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == token);
    CHECK(ms[0].confidence == Confidence::Medium);
    CHECK(ms[0].note == "documentation example");
    // After the block is closed, or in a string of another name: reported as usual.
    ms = s.scan(doc + "\nDEFAULTS = '''\nacme_key: " + key + "\n'''\n", "plugins/modules/acme.py");
    REQUIRE(ms.size() == 2);
    CHECK(ms[1].secret == key);
    CHECK(ms[1].confidence == Confidence::Medium);
    CHECK(ms[1].note.empty());
}

TEST_CASE("scanner: examples in documentation comments are lowered as in a test path") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "acme-token"
confidence = "high"
pattern = '''\b(acme_[0-9a-f]{32})\b'''
keywords = ["acme_"]
[[rules]]
id = "acme-key"
confidence = "medium"
pattern = '''acme_key: '([A-Za-z0-9]{20})''''
keywords = ["acme_key"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string token = std::string("acme_") + "0123456789abcdef" + "fedcba9876543210";
    const std::string key = std::string("Xk2pQ9zL4mRt") + "Bv7wNc3J";
    const std::string call =
        "   *   await client.link({\n   *     acme_key: '" + key + "',\n   *     t: '" + token + "',\n";
    // A TypeDoc `@example` (Stainless-generated SDKs): the medium key drops, the token is medium.
    const std::string doc =
        "  /**\n   * Links the account.\n   *\n   * @example\n   * ```ts\n" + call + "   * ```\n   */\n";
    auto ms = s.scan(doc, "src/resources/acme.ts");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == token);
    CHECK(ms[0].confidence == Confidence::Medium);
    CHECK(ms[0].note == "documentation example");
    // Pulumi's `## Example Usage` heading, the same.
    ms = s.scan("/**\n * ## Example Usage\n *\n" + call + " */\n", "dbSystem.d.ts");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].confidence == Confidence::Medium);
    // A comment without an example, code after the comment, a comment after an example's comment: as usual.
    ms = s.scan("/**\n * Links the account.\n" + call + " */\n", "a.ts");
    CHECK(ms.size() == 2);
    ms = s.scan(doc + "const c = {\n    acme_key: '" + key + "',\n};\n", "a.ts");
    REQUIRE(ms.size() == 2);
    CHECK(ms[1].secret == key);
    CHECK(ms[1].note.empty());
    ms = s.scan(doc + "/**\n * Other.\n" + call + " */\n", "a.ts");
    CHECK(ms.size() == 3);
    // A fenced code block in a TSDoc comment, without a tag (web3.js' wallet examples): the same;
    // after the block closes, as usual.
    ms = s.scan("/**\n * Creates a wallet.\n * ```ts\n" + call + " * ```\n */\n", "wallet.ts");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].secret == token);
    CHECK(ms[0].note == "documentation example");
    ms = s.scan("/**\n * Creates a wallet.\n * ```ts\n * wallet.create();\n * ```\n" + call + " */\n", "wallet.ts");
    CHECK(ms.size() == 2);
    // Below prose of the comment that speaks of an example (WordPress' wp_salt()): the same; a
    // path or an identifier holding the word is no such prose.
    ms = s.scan("/**\n * Below is an example of how the keys are set.\n *\n" + call + " */\n", "pluggable.php");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].note == "documentation example");
    ms = s.scan("/**\n * See examples/link.ts and exampleKey.\n *\n" + call + " */\n", "a.ts");
    CHECK(ms.size() == 2);
}

TEST_CASE("scanner: a value introduced as an example is lowered as in a documentation example") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "acme-token"
confidence = "high"
pattern = '''\b(acme_[0-9a-f]{32})\b'''
keywords = ["acme_"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string token = std::string("acme_") + "0123456789abcdef" + "fedcba9876543210";
    // earlier on its line (Roundcube's `e.g. {MD5}$1$…`, an OpenAPI `- Example: `…``, `"example": "…"`)
    for (const std::string& line :
         {"// Enables the prefix, e.g. {X}" + token + "\n", "  - Example: `" + token + "`\n",
          "  \"example\": \"" + token + "\",\n", "For example " + token + "\n", "a key looks like " + token + "\n"}) {
        auto ms = s.scan(line, "a.txt");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::Medium);
        CHECK(ms[0].note == "documentation example");
    }
    // ending the nearest non-blank line above (PostfixAdmin's `e.g.`, a blank line, the hash; a
    // YAML `example: >-`)
    for (const std::string& text :
         {"e.g.\n\n`" + token + "`\n", "      example: >-\n        " + token + "\n",
          "a hash like :\n\n* `" + token + "`\n", "$ htpasswd -nmb demo demo\ndemo:" + token + "\n",
          "where passwords looks like\n   \"" + token + "\".\n"}) {
        auto ms = s.scan(text, "a.md");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::Medium);
    }
    // not: a word holding it, a path, a cue two non-blank lines up, a cue after the value
    for (const std::string& text :
         {"counterexample: " + token + "\n", "see examples/: " + token + "\n", "db.example:5432:app:" + token + "\n",
          "e.g.\nkey:\n" + token + "\n", "token = " + token + "  # e.g. from the console\n",
          "example_key = " + token + "\n", "$ export ACME=1\n" + token + "\n", "lookslike: " + token + "\n",
          "it looks like\nthe key is:\n" + token + "\n"}) {
        auto ms = s.scan(text, "a.txt");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::High);
    }
}

TEST_CASE("scanner: a value in a manual page's examples section is a documentation example") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "acme-token"
confidence = "high"
pattern = '''\b(acme_[0-9a-f]{32})\b'''
keywords = ["acme_"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string token = std::string("acme_") + "0123456789abcdef" + "fedcba9876543210";
    // wg(8)'s "CONFIGURATION FILE FORMAT EXAMPLE", wg-quick(8)'s "EXAMPLES", mdoc's `.Sh EXAMPLES`
    for (const std::string& text :
         {".SH NAME\nwg\n.SH CONFIGURATION FILE FORMAT EXAMPLE\n.br\n    PrivateKey = " + token + "\n.br\n",
          ".SH EXAMPLES\n.TP\n\\fBkey\\fP\n" + token + "\n", ".Sh EXAMPLES\n.Bd -literal\n" + token + "\n"}) {
        auto ms = s.scan(text, "wg.8");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::Medium);
        CHECK(ms[0].note == "documentation example");
    }
    // not: another section (the examples section ended above), no section, a word holding it
    for (const std::string& text : {".SH EXAMPLES\nwg genkey\n.SH FILES\n" + token + "\n", token + "\n",
                                    ".SH COUNTEREXAMPLES\n" + token + "\n", ".SHEXAMPLES\n" + token + "\n"}) {
        auto ms = s.scan(text, "wg.8");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::High);
    }
}

TEST_CASE("scanner: an example cue above a code fence, an output sample, a change-me comment, a verbatim block") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "acme-token"
confidence = "high"
pattern = '''\b(acme_[0-9a-f]{32})\b'''
keywords = ["acme_"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string token = std::string("acme_") + "0123456789abcdef" + "fedcba9876543210";
    // Zabbix' ManageEngine guide: "Example:", a fence, the request; "the following output:<br>";
    // Icinga Web 2's `password = "…" // Change this!`; collectd.conf(5)'s `.Vb` plugin blocks
    for (const std::string& text :
         {"Example:\n```\ncurl 'https://acme.test/?code=" + token + "'\n", "Example:\n\n```sh\n" + token + "\n",
          "Example:\n```\ncurl 'https://acme.test/?" + std::string(300, 'q') + "&code=" + token + "'\n",
          "you will receive the following output:<br>\n```{ \"t\": \"" + token + "\" }```\n",
          "  password = \"" + token + "\" // Change this!\n", "secret: " + token + "  # change me\n",
          "key = " + token + " ; change me\n", ".SH PLUGIN OPTIONS\n.Vb 4\n\\&  Password \"" + token + "\"\n.Ve\n",
          ".SH OPTIONS\n.EX\nkey " + token + "\n.EE\n",
          // Sails' datastore guide: "like this:", a fence, lines of the block, the value;
          // OpenSMTPD's table(5): mdoc's `.Bd -literal` display
          "so that it looks something like this:\n\n```javascript\n// config/datastores.js\nmodule.exports = {\n"
          "  default: {\n    url: '" +
              token + "',\n",
          ".Sh CREDENTIALS\n.Bd -literal -offset indent\nuser1\t" + token + "\n.Ed\n"}) {
        auto ms = s.scan(text, "README.md");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::Medium);
    }
    // not: a fence without a cue, two fences, a change cue in the prose before the value or on
    // the line above, a comment that says more than the cue (a developer's note on a real
    // secret: to move it to the environment, to rotate it), after a closed verbatim block, a cue
    // three lines up, a `;` of prose (a README's default password)
    for (const std::string& text :
         {"Deploy:\n```\n" + token + "\n", "Example:\n```\n```\n" + token + "\n", "change this: " + token + "\n",
          "# Change this\nsecret: " + token + "\n",
          "STRIPE_KEY = \"" + token + "\"  # TODO: replace this with os.environ before launch\n",
          "password = \"" + token + "\"  // FIXME change this, it is the prod one\n",
          "password: " + token + "  # must change it every 90 days\n",
          ".SH OPTIONS\n.Vb 1\n  run\n.Ve\nkey " + token + "\n", "output:\n\n\n" + token + "\n",
          "The default key is \"" + token + "\"; change it.\n",
          "Example:\n```\nvar q='" + std::string(700, 'q') + "&code=" + token + "'\n",
          // a block closed above the value, a block without a cue, the value thirteen lines into the
          // block, after a closed mdoc display, a filled one
          "Example:\n```\nfoo\n```\nbar\n" + token + "\n", "Deploy:\n```\nfoo\nbar\n" + token + "\n",
          "like this:\n```\n" + std::string("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n") + token + "\n",
          ".Sh OPTIONS\n.Bd -literal\nrun\n.Ed\nkey " + token + "\n",
          ".Sh OPTIONS\n.Bd -filled\nkey " + token + "\n"}) {
        auto ms = s.scan(text, "README.md");
        REQUIRE(ms.size() == 1);
        CHECK(ms[0].confidence == Confidence::High);
    }
}

TEST_CASE("scanner: a line of an armored block's body is not a credential of its own") {
    auto rules = CompiledRules::build(parse_rule_file(R"(
[[rules]]
id = "acme-token"
confidence = "high"
pattern = '''\b(acme[0-9a-f]{32})\b'''
keywords = ["acme"]
)",
                                                      "k.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    const std::string token = std::string("acme") + "0123456789abcdef" + "fedcba9876543210";
    // Couchbase's capella_ca.hxx: a CA certificate quoted line by line in C++; the same block as
    // text, with a header line
    for (const std::string& text :
         {"static const char* ca =\n  \"-----BEGIN CERTIFICATE-----\\n\"\n  \"" + token + "\\n\"\n",
          "-----BEGIN CERTIFICATE-----\nMIIBqzCCAVGgAwIBAgIU\n" + token + "\n",
          "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nMIIBqzCCAVGgAwIBAgIU\n" + token + "==\n"}) {
        CAPTURE(text);
        CHECK(s.scan(text, "ca.hxx").empty());
    }
    // kept: after the block's end, no block, a signed message's text, and a `-----BEGIN ` in code
    // above a line that is not armor (a PEM parser's constant, then a key), or with code between
    for (const std::string& text :
         {"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\nkey = " + token + "\n",
          "key = " + token + "\n", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nkey = " + token + "\n",
          "const char* kBegin = \"-----BEGIN \";\nbool is_pem(const char* s);\nclient.key = \"" + token + "\";\n",
          "const char* kBegin = \"-----BEGIN \";\nbool is_pem(const char* s);\nconst char* keys[] = {\n  \"" + token +
              "\",\n"}) {
        CAPTURE(text);
        auto ms = s.scan(text, "a.txt");
        CHECK(ms.size() == 1);
    }
}

TEST_CASE("a config's pack over the built-in databases: kept rules from them, the rest compiled alone") {
    // The "built-in" pack: three rules, one scoped to a path, compiled as builtin_db_gen does.
    const RulePack built = parse_rule_file(kScopedPack, "t.toml");
    const std::string payload = compile_payload(built, nullptr);
    const std::string hash = built.content_hash();
    BuiltinDatabases builtin{hash, hs_version(), {BuiltinDatabase{0, 0, payload}}};
    // The config disables the first rule (everywhere-token), keeps the second and third, and adds
    // two (one scoped): positions in the config's pack 0, 1 (kept), 2, 3 (added).
    RulePack pack = parse_rule_file(std::string(kScopedPack) + R"toml(
[[rules]]
id = "acme-token"
pattern = '''\b(acme_[A-Za-z0-9]{12})\b'''

[[rules]]
id = "acme-netrc"
pattern = '''password ([A-Za-z0-9]{14})'''
paths = ["**/.netrc"]
)toml",
                                    "c.toml");
    pack.rules.erase(pack.rules.begin());
    CacheOptions opts{false, {}};
    opts.builtin = &builtin;
    opts.builtin_rules = built.rules.size();
    opts.builtin_index = {1, 2, -1, -1};
    auto rules = CompiledRules::build(pack, opts);
    REQUIRE(rules->size() == 4);
    CHECK(rules->database() != nullptr);
    CHECK(rules->overlay_database() != nullptr);
    CHECK(rules->overlay_scoped_database() != nullptr);
    CHECK(rules->rule_of(0) == CompiledRules::kNoRule);  // the disabled rule's built-in id
    CHECK(rules->rule_of(1) == 0);
    CHECK(rules->rule_of(2) == 1);
    CHECK(rules->rule_of(3 + 2) == 2);  // overlay ids follow the built-in ones
    CHECK(rules->rule_of(3 + 3) == 3);
    // The same findings as the whole pack compiled on its own.
    auto whole = CompiledRules::build(pack, CacheOptions{false, {}});
    CHECK(whole->overlay_database() == nullptr);
    const std::string text =
        "key evw_Ab12Cd34Ef56\nhost.example:5432:app:ops:Zq8rTn2Lw9xY\nuse acme_Zx98Yw76Vu54\nmachine h password "
        "Pq7Rs6Tu5Vw4Xy\n";
    auto found = [&](const CompiledRules& r, const std::string& path) {
        Scanner s(r, false);
        std::vector<std::string> out;
        for (const auto& m : s.scan(text, path))
            out.push_back(r.rule(m.rule).spec->id + " " + text.substr(m.start, m.end - m.start));
        return out;
    };
    for (const char* path : {"home/.pgpass", "home/.netrc", "src/app.txt", ""}) {
        INFO(path);
        CHECK(found(*rules, path) == found(*whole, path));
    }
    CHECK(found(*rules, "home/.netrc") ==
          std::vector<std::string>{"acme-token acme_Zx98Yw76Vu54", "acme-netrc Pq7Rs6Tu5Vw4Xy"});
    CHECK(found(*rules, "home/.pgpass") ==
          std::vector<std::string>{"pgpass-line Zq8rTn2Lw9xY", "acme-token acme_Zx98Yw76Vu54"});
}
