// Every format says when a scan left something out: JSON/JSONL with a closing status record,
// SARIF with notifications, GitLab with messages.
#include <sstream>

#include <catch2/catch.hpp>

#include "report/json.hpp"
#include "report_fixture.hpp"

using namespace nhiscan;
using namespace nhiscan::testing;

namespace {

ScanStats skipped(std::size_t large) {
    ScanStats s;
    s.skipped_large = large;
    s.skipped_binary = 5;  // by design: never a reason
    s.ignored_files = 3;
    return s;
}

}  // namespace

TEST_CASE("json: a complete scan is just the findings") {
    RuleSpec r = make_rule("a-rule", Severity::High);
    std::vector<Finding> fs{make_finding(r, "a.txt", "asecretvalue-0123456789")};
    auto j = render("json", fs, true, {}, 0, skipped(0)).json;
    REQUIRE(j.size() == 1);
    CHECK(j[0]["rule_id"] == "a-rule");
}

TEST_CASE("json and jsonl: an incomplete scan ends with complete: false and its reasons") {
    RuleSpec r = make_rule("a-rule", Severity::High);
    std::vector<Finding> fs{make_finding(r, "a.txt", "asecretvalue-0123456789")};
    auto expected = nlohmann::json::parse(R"({"complete": false, "reasons": [
        {"reason": "unreadable", "count": 1, "message": "1 input could not be read"},
        {"reason": "too-large", "count": 2, "message": "2 inputs larger than --max-file-size were skipped"}]})");
    auto j = render("json", fs, true, {}, 1, skipped(2)).json;
    REQUIRE(j.size() == 2);
    CHECK(j[0]["rule_id"] == "a-rule");
    CHECK(j[1] == expected);

    ReportInput in;
    in.findings = &fs;
    in.scan_errors = 1;
    in.stats = skipped(2);
    std::ostringstream out;
    write_report(*find_format("jsonl"), in, out);
    std::istringstream lines(out.str());
    std::string first, last, extra;
    REQUIRE(std::getline(lines, first));
    REQUIRE(std::getline(lines, last));
    CHECK_FALSE(std::getline(lines, extra));
    CHECK(nlohmann::json::parse(first)["rule_id"] == "a-rule");
    CHECK(nlohmann::json::parse(last) == expected);
}

TEST_CASE("sarif and gitlab: a size skip is a warning, the scan still succeeded") {
    std::vector<Finding> none;
    auto inv = render("sarif", none, true, {}, 0, skipped(1)).json["runs"][0]["invocations"][0];
    CHECK(inv["executionSuccessful"] == true);
    REQUIRE(inv["toolExecutionNotifications"].size() == 1);
    CHECK(inv["toolExecutionNotifications"][0]["level"] == "warning");
    CHECK(inv["toolExecutionNotifications"][0]["message"]["text"] ==
          "1 input larger than --max-file-size was skipped; the scan is incomplete.");

    auto scan = render("gitlab", none, true, {}, 0, skipped(1)).json["scan"];
    CHECK(scan["status"] == "success");
    REQUIRE(scan["messages"].size() == 1);
    CHECK(scan["messages"][0]["level"] == "warn");

    auto both = render("sarif", none, true, {}, 2, skipped(1)).json["runs"][0]["invocations"][0];
    CHECK(both["executionSuccessful"] == false);
    REQUIRE(both["toolExecutionNotifications"].size() == 2);
    CHECK(both["toolExecutionNotifications"][0]["level"] == "error");
    CHECK(both["toolExecutionNotifications"][1]["level"] == "warning");
}
