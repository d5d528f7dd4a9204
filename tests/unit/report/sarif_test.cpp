#include <catch2/catch.hpp>

#include "report_fixture.hpp"

using namespace nhiscan;
using namespace nhiscan::testing;

TEST_CASE("sarif: one run, rules that fired, numeric security-severity") {
    RuleSpec crit = make_rule("crit-rule", Severity::Critical), low = make_rule("low-rule", Severity::Low, "");
    RuleSpec unused = make_rule("unused-rule", Severity::High);
    std::vector<Finding> fs{make_finding(low, "b.txt", "lowsecretvalue123"), make_finding(crit, "a.txt", "critsecret-0123456789"),
                            make_finding(crit, "c.txt", "critsecret-0123456789")};
    auto [text, j] = render("sarif", fs);
    CHECK(j["version"] == "2.1.0");
    CHECK(j.contains("$schema"));
    REQUIRE(j["runs"].size() == 1);
    const auto& run = j["runs"][0];
    const auto& driver = run["tool"]["driver"];
    CHECK(driver["name"] == "nhiscan");
    CHECK(driver["version"] == tool_version());
    CHECK(driver["informationUri"].get<std::string>().starts_with("https://"));
    const auto& rules = driver["rules"];
    REQUIRE(rules.size() == 2);  // sorted by id, only those that fired
    CHECK(rules[0]["id"] == "crit-rule");
    CHECK(rules[1]["id"] == "low-rule");
    CHECK(rules[0]["name"] == "CritRule");
    CHECK(rules[0]["shortDescription"]["text"] == "Name of crit-rule");
    CHECK(rules[0]["properties"]["security-severity"] == "9.5");
    CHECK(rules[1]["properties"]["security-severity"] == "3.0");
    CHECK(rules[0]["defaultConfiguration"]["level"] == "error");
    CHECK(rules[1]["defaultConfiguration"]["level"] == "note");
    CHECK_THAT(rules[0]["help"]["text"].get<std::string>(), Catch::Contains("Revoke it."));
    CHECK_THAT(rules[0]["help"]["markdown"].get<std::string>(), Catch::Contains("https://example.com/crit-rule"));
    CHECK_THAT(rules[0]["help"]["markdown"].get<std::string>(), !Catch::Contains("not a url"));
    CHECK(rules[0]["helpUri"] == "https://example.com/crit-rule");
    CHECK_FALSE(rules[1]["help"]["text"].get<std::string>().empty());  // default remediation
    const auto& results = run["results"];
    REQUIRE(results.size() == 3);
    CHECK(results[0]["ruleId"] == "low-rule");
    CHECK(results[0]["ruleIndex"] == 1);
    CHECK(results[1]["ruleIndex"] == 0);
    CHECK(results[0]["level"] == "note");
    CHECK(results[1]["level"] == "error");
}

TEST_CASE("sarif: every severity maps to GitHub's score and a level") {
    std::vector<std::pair<Severity, std::string>> cases{{Severity::Critical, "9.5"}, {Severity::High, "8.0"},
                                                        {Severity::Medium, "5.5"}, {Severity::Low, "3.0"},
                                                        {Severity::Info, "1.0"}};
    for (auto& [sev, score] : cases) {
        RuleSpec r = make_rule("r", sev);
        std::vector<Finding> fs{make_finding(r, "a", "value-0123456789")};
        auto j = render("sarif", fs).json;
        CHECK(j["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["security-severity"] == score);
        CHECK(std::stod(score) > 0);
    }
}

TEST_CASE("sarif: regions are 1-based with an exclusive end column") {
    RuleSpec r = make_rule("r", Severity::High);
    Finding f = make_finding(r, "a.txt", "0123456789abcdef", 7, 12);  // end_column 27 inclusive
    Finding pem = make_finding(r, "k.pem", "-----BEGIN X-----\nabc\n-----END X-----", 1, 1);
    pem.end_line = 3;
    pem.end_column = 15;
    Finding odd = make_finding(r, "z.txt", "s", 0, 0);  // defensive: never a 0 in the region
    odd.end_line = odd.end_column = 0;
    std::vector<Finding> fs{f, pem, odd};
    auto j = render("sarif", fs).json;
    auto region = [&](int i) { return j["runs"][0]["results"][i]["locations"][0]["physicalLocation"]["region"]; };
    CHECK(region(0) == nlohmann::json{{"startLine", 7}, {"startColumn", 12}, {"endLine", 7}, {"endColumn", 28}});
    CHECK(region(1) == nlohmann::json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 3}, {"endColumn", 16}});
    for (const char* k : {"startLine", "startColumn", "endLine", "endColumn"}) CHECK(region(2)[k].get<int>() >= 1);
    CHECK(region(2)["endColumn"].get<int>() > region(2)["startColumn"].get<int>());
}

TEST_CASE("sarif: URIs are escaped; absolute paths become file URIs") {
    RuleSpec r = make_rule("r", Severity::High);
    std::vector<Finding> fs{make_finding(r, "dir with space/ü#1%.py", "value-0123456789"),
                            make_finding(r, "/abs/x?.txt", "value-0123456789"),
                            make_finding(r, "c:weird", "value-0123456789")};
    auto j = render("sarif", fs).json;
    auto artifact = [&](int i) { return j["runs"][0]["results"][i]["locations"][0]["physicalLocation"]["artifactLocation"]; };
    CHECK(artifact(0)["uri"] == "dir%20with%20space/%C3%BC%231%25.py");
    CHECK(artifact(0)["uriBaseId"] == "%SRCROOT%");
    CHECK(artifact(1)["uri"] == "file:///abs/x%3F.txt");
    CHECK_FALSE(artifact(1).contains("uriBaseId"));
    CHECK(artifact(2)["uri"] == "c%3Aweird");  // not mistaken for a scheme
}

TEST_CASE("sarif: fingerprints, git provenance, and redaction") {
    RuleSpec r = make_rule("r", Severity::High);
    Finding f = make_finding(r, "a.txt", "SuperSecretValue0123456789");
    f.source.kind = SourceKind::Git;
    f.commit = CommitInfo{"0123456789abcdef0123456789abcdef01234567", "Ann", "ann@example.com", "2024-01-01T00:00:00Z"};
    f.occurrences = 4;
    std::vector<Finding> fs{f};
    auto [text, j] = render("sarif", fs);
    const auto& res = j["runs"][0]["results"][0];
    CHECK(res["partialFingerprints"]["nhiscan/v1"] == f.fingerprint);
    CHECK(res["partialFingerprints"]["nhiscanLocation/v1"] == f.location_fingerprint);
    CHECK(res["properties"]["commit"] == f.commit->commit);
    CHECK(res["properties"]["author"] == "Ann <ann@example.com>");
    CHECK(res["properties"]["date"] == "2024-01-01T00:00:00Z");
    CHECK(res["properties"]["occurrences"] == 4);
    CHECK(text.find("SuperSecretValue0123456789") == std::string::npos);
    CHECK_THAT(res["message"]["text"].get<std::string>(), Catch::Contains("Supe*****"));
    CHECK(render("sarif", fs, false).text.find("SuperSecretValue0123456789") != std::string::npos);
}

TEST_CASE("sarif: an empty scan is an empty run; errors mark the invocation") {
    std::vector<Finding> none;
    auto j = render("sarif", none, true, {}, 2).json;
    CHECK(j["runs"][0]["results"].empty());
    CHECK(j["runs"][0]["tool"]["driver"]["rules"].empty());
    const auto& inv = j["runs"][0]["invocations"][0];
    CHECK(inv["executionSuccessful"] == false);
    CHECK(inv["startTimeUtc"] == "2024-01-02T03:04:05Z");
    CHECK(inv["toolExecutionNotifications"][0]["level"] == "error");
}
