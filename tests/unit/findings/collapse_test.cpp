// Report-level deduplication (findings/collapse) and baseline merging.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "findings/baseline.hpp"
#include "findings/collapse.hpp"

using namespace nhiscan;

namespace {

RuleSpec make_rule(std::string id, std::string provider, Severity s) {
    RuleSpec r;
    r.id = std::move(id);
    r.provider = std::move(provider);
    r.severity = s;
    return r;
}

Finding at(const RuleSpec& r, std::string path, std::size_t line, std::size_t col, std::size_t end_col,
           std::string fp) {
    Finding f;
    f.rule = &r;
    f.path = std::move(path);
    f.line = f.end_line = line;
    f.column = col;
    f.end_column = end_col;
    f.secret = std::string(end_col - col + 1, 'x');
    f.fingerprint = std::move(fp);
    return f;
}

const std::string kA(64, 'a'), kB(64, 'b');

}  // namespace

TEST_CASE("one finding per secret per path, first place kept, places counted") {
    RuleSpec r = make_rule("tok", "P", Severity::High);
    std::vector<Finding> f{at(r, "a", 3, 1, 8, kA), at(r, "a", 1, 1, 8, kA), at(r, "b", 1, 1, 8, kA),
                           at(r, "a", 2, 1, 8, kB)};
    one_per_secret_per_path(f);
    REQUIRE(f.size() == 3);
    CHECK((f[0].path == "a" && f[0].line == 1 && f[0].occurrences == 2));
    CHECK((f[1].path == "b" && f[1].occurrences == 1));
    CHECK((f[2].fingerprint == kB && f[2].occurrences == 1));
}

TEST_CASE("one finding per secret per path: the plain occurrence stands before a decoded one") {
    // A Nosey Parker report: the base64 `"groups"` line above the plain `"matching"` snippet.
    RuleSpec r = make_rule("tok", "P", Severity::High);
    std::vector<Finding> f{at(r, "report.json", 14, 20, 80, kA), at(r, "report.json", 17, 24, 60, kA),
                           at(r, "report.json", 20, 1, 40, kA)};
    f[0].decoded = "base64";
    one_per_secret_per_path(f);
    REQUIRE(f.size() == 1);
    CHECK((f[0].line == 17 && f[0].decoded.empty() && f[0].occurrences == 3));
    // Only decoded occurrences: the first stands.
    std::vector<Finding> g{at(r, "x", 9, 1, 8, kA), at(r, "x", 4, 1, 8, kA)};
    g[0].decoded = g[1].decoded = "base64";
    one_per_secret_per_path(g);
    CHECK((g.size() == 1 && g[0].line == 4));
}

TEST_CASE("two rules of one provider on overlapping places: one finding") {
    RuleSpec token = make_rule("pypi-test-upload-token", "PyPI", Severity::Low);
    RuleSpec pypirc = make_rule("pypirc-password", "PyPI", Severity::High);
    RuleSpec other = make_rule("other", "Other", Severity::Critical);
    std::vector<Finding> f{at(token, "p", 3, 13, 60, kA), at(pypirc, "p", 3, 12, 61, kB),
                           at(other, "p", 3, 13, 60, kA), at(token, "q", 3, 13, 60, kA)};
    collapse_same_provider(f);
    REQUIRE(f.size() == 3);
    CHECK(f[0].rule == &pypirc);  // higher severity wins
    CHECK(f[1].rule == &other);   // another provider is kept
    CHECK(f[2].path == "q");      // another path is kept
    // Not overlapping: both kept.
    std::vector<Finding> g{at(token, "p", 3, 1, 10, kA), at(pypirc, "p", 3, 20, 30, kB)};
    collapse_same_provider(g);
    CHECK(g.size() == 2);
}

TEST_CASE("gates drop what is below them") {
    RuleSpec low = make_rule("l", "P", Severity::Low), crit = make_rule("c", "P", Severity::Critical);
    std::vector<Finding> f{at(low, "a", 1, 1, 8, kA), at(crit, "a", 2, 1, 8, kB)};
    f[0].confidence = Confidence::High;
    f[1].confidence = Confidence::Medium;
    auto g = f;
    CHECK(drop_below(g, Severity::High, Confidence::Low) == 1);
    CHECK(g.size() == 1);
    CHECK(drop_below(f, Severity::Info, Confidence::High) == 1);
    CHECK(f[0].rule == &low);
}

TEST_CASE("a -f json report is a baseline; merging keeps every entry once") {
    std::string report = "\n[\n  {\"rule_id\": \"r\", \"path\": \"a.py\", \"fingerprint\": \"" + kA +
                         "\", \"secret\": \"ghp_*****\", \"line\": 3},\n  {\"rule_id\": \"s\", \"fingerprint\": \"" + kB +
                         "\", \"commit\": \"c1\"}\n]\n";
    Baseline b = Baseline::parse(report, "r.json");
    REQUIRE(b.entries().size() == 2);
    CHECK(b.contains(kA));
    CHECK(b.entries()[1].commit == "c1");
    CHECK_THROWS_WITH(Baseline::parse("\n[{\"fingerprint\": \"x\", \"rule_id\": \"r\"}]", "r.json"),
                      Catch::StartsWith("r.json:2: finding 1:") && Catch::Contains("64 lower-case hex"));
    CHECK_THROWS_WITH(Baseline::parse("[1", "r.json"), Catch::StartsWith("r.json:1:"));

    std::vector<BaselineEntry> e{{kB, "s", "x", ""}, {kA, "", "a.py", ""}, {kA, "r", "a.py", "c"}, {kA, "r", "b.py", ""}};
    auto m = merge_baseline_entries(e);
    REQUIRE(m.size() == 3);
    CHECK((m[0].fingerprint == kA && m[0].path == "a.py" && m[0].rule_id == "r" && m[0].commit == "c"));
    CHECK((m[1].fingerprint == kA && m[1].path == "b.py"));
    CHECK(m[2].fingerprint == kB);
}
