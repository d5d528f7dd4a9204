#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "report_fixture.hpp"

using namespace nhiscan;
using namespace nhiscan::testing;

TEST_CASE("gitlab: scan section") {
    std::vector<Finding> none;
    auto j = render("gitlab", none).json;
    CHECK(j["version"] == "15.0.0");
    CHECK(j["vulnerabilities"].empty());
    const auto& scan = j["scan"];
    CHECK(scan["type"] == "secret_detection");
    CHECK(scan["status"] == "success");
    CHECK(scan["start_time"] == "2024-01-02T03:04:05");
    for (const char* k : {"analyzer", "scanner"}) {
        CHECK(scan[k]["id"] == "nhiscan");
        CHECK(scan[k]["version"] == tool_version());
        CHECK(scan[k]["vendor"]["name"] == "nhiscan");
    }
    CHECK_FALSE(scan.contains("messages"));
    auto failed = render("gitlab", none, true, {}, 1).json["scan"];
    CHECK(failed["status"] == "failure");
    CHECK(failed["messages"][0]["level"] == "warn");
}

TEST_CASE("gitlab: vulnerabilities carry severity, solution, identifiers and a commit") {
    RuleSpec crit = make_rule("crit-rule", Severity::Critical), info = make_rule("info-rule", Severity::Info, "");
    Finding a = make_finding(crit, "src/a.py", "critsecret-0123456789", 4);
    Finding b = make_finding(info, "b.txt", "infosecret-0123456789", 9);
    b.source.kind = SourceKind::Git;
    b.commit = CommitInfo{"feedfacefeedfacefeedfacefeedfacefeedface", "Ann", "ann@example.com", "2024-01-01T00:00:00Z"};
    std::vector<Finding> fs{a, b};
    auto [text, j] = render("gitlab", fs, true, "1111111111111111111111111111111111111111");
    const auto& v = j["vulnerabilities"];
    REQUIRE(v.size() == 2);
    CHECK(v[0]["severity"] == "Critical");
    CHECK(v[1]["severity"] == "Info");
    CHECK(v[0]["name"] == "Name of crit-rule");
    CHECK(v[0]["solution"] == "Revoke it.");
    CHECK_FALSE(v[1].contains("solution"));
    CHECK(v[0]["identifiers"] == nlohmann::json::array({{{"type", "nhiscan_rule_id"},
                                                         {"name", "nhiscan rule ID crit-rule"},
                                                         {"value", "crit-rule"}}}));
    CHECK(v[0]["links"] == nlohmann::json::array({{{"url", "https://example.com/crit-rule"}}}));
    CHECK(v[0]["location"]["file"] == "src/a.py");
    CHECK(v[0]["location"]["start_line"] == 4);
    CHECK(v[0]["location"]["commit"]["sha"] == "1111111111111111111111111111111111111111");  // HEAD
    CHECK(v[1]["location"]["commit"]["sha"] == b.commit->commit);                          // introducing commit
    CHECK(v[1]["location"]["commit"]["author"] == "Ann");
    CHECK(text.find("critsecret-0123456789") == std::string::npos);
    CHECK(v[0]["raw_source_code_extract"] == "crit*****");
    CHECK(render("gitlab", fs, false).json["vulnerabilities"][0]["raw_source_code_extract"] == "critsecret-0123456789");
}

TEST_CASE("gitlab: placeholder commit outside a repository") {
    RuleSpec r = make_rule("r", Severity::High);
    std::vector<Finding> fs{make_finding(r, "a", "value-0123456789")};
    auto j = render("gitlab", fs).json;
    CHECK(j["vulnerabilities"][0]["location"]["commit"]["sha"] == std::string(40, '0'));
}

TEST_CASE("gitlab: ids are UUID-shaped, stable, and unique within a report") {
    RuleSpec r = make_rule("r", Severity::High);
    Finding f1 = make_finding(r, "a", "value-0123456789", 1), f2 = make_finding(r, "a", "value-0123456789", 8);
    Finding f3 = make_finding(r, "b", "value-0123456789", 1);
    std::vector<Finding> fs{f1, f2, f3};
    auto j = render("gitlab", fs).json;
    std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    std::set<std::string> ids;
    for (const auto& v : j["vulnerabilities"]) {
        CHECK(std::regex_match(v["id"].get<std::string>(), uuid));
        ids.insert(v["id"].get<std::string>());
    }
    CHECK(ids.size() == 3);
    // The first occurrence's id depends only on rule, secret and path: not on the line.
    Finding moved = make_finding(r, "a", "value-0123456789", 40);
    std::vector<Finding> later{moved};
    CHECK(render("gitlab", later).json["vulnerabilities"][0]["id"] == j["vulnerabilities"][0]["id"]);
}

TEST_CASE("gitlab: schema limits on name and solution") {
    RuleSpec r = make_rule("r", Severity::High, std::string(8000, 'x'));
    r.name = std::string(300, 'n');
    std::vector<Finding> fs{make_finding(r, "a", "value-0123456789")};
    auto v = render("gitlab", fs).json["vulnerabilities"][0];
    CHECK(v["solution"].get<std::string>().size() <= 7000);
    CHECK(v["name"].get<std::string>().size() <= 255);
}
