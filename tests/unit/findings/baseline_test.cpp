#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "findings/baseline.hpp"

using namespace nhiscan;

namespace {

RuleSpec rule(std::string id) {
    RuleSpec r;
    r.id = std::move(id);
    return r;
}

Finding finding(const RuleSpec& r, std::string path, std::string secret, std::string commit = {},
                std::string date = {}) {
    Finding f;
    f.rule = &r;
    f.path = std::move(path);
    f.secret = std::move(secret);
    f.fingerprint = fingerprint_of(r.id, f.secret);
    f.location_fingerprint = location_fingerprint_of(r.id, f.secret, f.path);
    if (!commit.empty()) f.commit = CommitInfo{commit, "A", "a@example.com", date};
    return f;
}

std::string error_of(std::string_view text) {
    try {
        Baseline::parse(text, "b.jsonl");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

const std::string kFp(64, 'a');

}  // namespace

TEST_CASE("baseline entries: one per fingerprint and path, sorted, never the secret") {
    RuleSpec gh = rule("gh"), aws = rule("aws");
    std::vector<Finding> fs{finding(gh, "z.py", "secret-one"), finding(aws, "a.py", "secret-two"),
                            finding(gh, "a.py", "secret-one"), finding(gh, "z.py", "secret-one")};
    auto entries = baseline_entries(fs);
    REQUIRE(entries.size() == 3);
    for (std::size_t i = 1; i < entries.size(); ++i)
        CHECK(std::tie(entries[i - 1].fingerprint, entries[i - 1].path) < std::tie(entries[i].fingerprint, entries[i].path));
    std::string text = format_baseline(entries);
    CHECK(text.find("secret-one") == std::string::npos);
    CHECK(text.find("secret-two") == std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    CHECK(text.find("\"commit\"") == std::string::npos);  // no commit known: no key
}

TEST_CASE("baseline entries keep the commit that introduced the secret") {
    RuleSpec gh = rule("gh");
    std::vector<Finding> fs{finding(gh, "a.py", "s", "bbbb", "2024-03-01T00:00:00Z"),
                            finding(gh, "a.py", "s", "aaaa", "2024-01-01T00:00:00Z"),
                            finding(gh, "a.py", "s", "cccc", "2024-02-01T00:00:00Z")};
    auto entries = baseline_entries(fs);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].commit == "aaaa");
}

TEST_CASE("baseline round trip and suppression by content") {
    RuleSpec gh = rule("gh");
    std::vector<Finding> fs{finding(gh, "a.py", "s1", "c1", "2024"), finding(gh, "b.py", "s2")};
    Baseline b = Baseline::parse(format_baseline(baseline_entries(fs)), "b.jsonl");
    REQUIRE(b.entries().size() == 2);
    CHECK(b.contains(fingerprint_of("gh", "s1")));
    CHECK_FALSE(b.contains(fingerprint_of("gh", "s3")));
    CHECK_FALSE(b.contains(fingerprint_of("other", "s1")));  // the rule is part of the fingerprint

    // Same secret, other file and line: still suppressed. A new secret is kept.
    std::vector<Finding> later{finding(gh, "moved/c.py", "s1"), finding(gh, "a.py", "s3")};
    later[0].line = 40;
    CHECK(apply_baseline(b, later) == 1);
    REQUIRE(later.size() == 1);
    CHECK(later[0].secret == "s3");
}

TEST_CASE("baseline parsing: comments, blank lines, CRLF, unknown keys") {
    std::string text = "# header\n\n  {\"fingerprint\":\"" + kFp + "\",\"rule_id\":\"r\",\"path\":\"p\",\"extra\":1}\r\n";
    Baseline b = Baseline::parse(text, "b.jsonl");
    REQUIRE(b.entries().size() == 1);
    CHECK(b.entries()[0].rule_id == "r");
    CHECK(b.entries()[0].commit.empty());
    CHECK(Baseline::parse("", "b.jsonl").entries().empty());
}

TEST_CASE("malformed baselines name file:line and never echo the line") {
    CHECK_THAT(error_of("\n\nghp_notjson\n"), Catch::StartsWith("b.jsonl:3: malformed baseline entry"));
    CHECK(error_of("ghp_pasted_secret_value\n").find("ghp_") == std::string::npos);
    CHECK_THAT(error_of("{\"fingerprint\":\"ABC\",\"rule_id\":\"r\"}"), Catch::Contains("b.jsonl:1:") &&
                                                                             Catch::Contains("64 lower-case hex"));
    CHECK_THAT(error_of("{\"fingerprint\":\"" + kFp + "\"}"), Catch::Contains("missing 'rule_id'"));
    CHECK_THAT(error_of("{\"fingerprint\":\"" + kFp + "\",\"rule_id\":3}"), Catch::Contains("'rule_id' must be a string"));
    CHECK_THAT(error_of("[1,2]"), Catch::Contains("b.jsonl:1:"));
    CHECK_THAT(error_of("{\"fingerprint\":\"" + kFp + "\",\"rule_id\":\"r\"} trailing"), Catch::Contains("b.jsonl:1:"));
}

TEST_CASE("baseline files are written whole and read back") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / fs::path("nhiscan-baseline-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::string path = (dir / "b.jsonl").string();
    std::vector<BaselineEntry> entries{{kFp, "r", "a b/ü.py", "c"}};
    write_baseline_file(path, entries);
    CHECK_FALSE(fs::exists(path + ".tmp"));
    Baseline b = Baseline::load(path);
    REQUIRE(b.entries().size() == 1);
    CHECK(b.entries()[0].path == "a b/ü.py");
    CHECK(b.entries()[0].commit == "c");
    CHECK_THROWS_AS(Baseline::load((dir / "missing.jsonl").string()), Error);
    CHECK_THROWS_AS(write_baseline_file((dir / "no" / "dir.jsonl").string(), entries), Error);
    fs::remove_all(dir);
}

TEST_CASE("a report of an incomplete scan is a baseline: its status record is skipped") {
    std::string fp(64, 'a');
    std::string finding = R"({"rule_id": "r", "fingerprint": ")" + fp + R"(", "path": "a.txt"})";
    std::string status = R"({"complete": false, "reasons": [{"reason": "unreadable", "count": 1, "message": "x"}]})";
    Baseline json = Baseline::parse("[" + finding + ",\n" + status + "]\n", "r.json");
    CHECK(json.contains(fp));
    CHECK(json.entries().size() == 1);
    Baseline jsonl = Baseline::parse(finding + "\n" + status + "\n", "r.jsonl");
    CHECK(jsonl.contains(fp));
    CHECK(jsonl.entries().size() == 1);
    // Anything else without a fingerprint is still malformed.
    CHECK_THROWS_AS(Baseline::parse(R"({"complete": false, "fingerprint": "x"})" "\n", "b.jsonl"), Error);
}
