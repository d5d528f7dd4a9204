// Response matchers, metadata extraction and templates of live validation.
#include <catch2/catch.hpp>

#include "rules/loader.hpp"
#include "validate/outcome.hpp"
#include "validate/template.hpp"

using namespace nhiscan;
using namespace nhiscan::live;

namespace {

const RuleSpec& rule_from(const std::string& toml, RulePack& keep) {
    keep = parse_rule_file(toml, "t.toml");
    return keep.rules.at(0);
}

const char* kGithubLike = R"(
[[rules]]
id = "t"
pattern = '(ghp_[a-z]{4})'
[rules.validate]
url = "https://api.github.com/user"
headers = { Authorization = "token {{secret}}" }
valid = { status = [200], json_present = ["/login"] }
invalid = { status = [401] }
metadata = { user = "/login", scopes = "header:X-OAuth-Scopes", orgs = "/orgs" }
)";

const char* kSlackLike = R"(
[[rules]]
id = "t"
pattern = '(xoxb-[a-z]{4})'
[rules.validate]
method = "POST"
url = "https://slack.com/api/auth.test"
headers = { Authorization = "Bearer {{secret}}" }
valid = { status = [200], json_equals = { "/ok" = true } }
invalid = { status = [401], json_equals = { "/ok" = false } }
metadata = { team = "/team", user = "/user" }
)";

HttpResponse resp(int status, std::string body, std::map<std::string, std::string> headers = {}) {
    return HttpResponse{status, std::move(headers), std::move(body)};
}

}  // namespace

TEST_CASE("classify: valid with metadata from JSON and headers; invalid; unknown with the reason") {
    RulePack keep;
    const LiveSpec& s = rule_from(kGithubLike, keep).live;
    REQUIRE(s.host == "api.github.com");

    auto v = classify(s, resp(200, R"({"login":"octo","orgs":["a","b"]})", {{"x-oauth-scopes", "repo, gist"}}), "ghp_x");
    CHECK(v.status == "valid");
    CHECK(v.reason == "HTTP 200");
    REQUIRE(v.metadata.size() == 3);
    // In name order (the TOML table's).
    CHECK(v.metadata[0] == std::pair<std::string, std::string>{"orgs", "a, b"});
    CHECK(v.metadata[1] == std::pair<std::string, std::string>{"scopes", "repo, gist"});
    CHECK(v.metadata[2] == std::pair<std::string, std::string>{"user", "octo"});

    CHECK(classify(s, resp(401, R"({"message":"Bad credentials"})"), "x").status == "invalid");

    auto e5 = classify(s, resp(503, "oops"), "x");
    CHECK(e5.status == "unknown");
    CHECK(e5.reason == "HTTP 503: the provider failed");

    auto bad = classify(s, resp(200, "{not json"), "x");
    CHECK(bad.status == "unknown");
    CHECK(bad.reason == "HTTP 200: the response is not JSON");

    auto redirect = classify(s, resp(302, "", {{"location", "https://evil.example/steal"}}), "x");
    CHECK(redirect.status == "unknown");
    CHECK(redirect.reason == "HTTP 302: redirect to evil.example not followed");
}

TEST_CASE("classify: metadata that holds the secret is withheld") {
    RulePack keep;
    const LiveSpec& s = rule_from(kGithubLike, keep).live;
    auto v = classify(s, resp(200, R"({"login":"echo ghp_abcd"})"), "ghp_abcd");
    CHECK(v.status == "valid");
    CHECK(v.metadata.empty());
}

TEST_CASE("classify: a JSON field decides between valid and invalid on the same status (Slack)") {
    RulePack keep;
    const LiveSpec& s = rule_from(kSlackLike, keep).live;
    CHECK(classify(s, resp(200, R"({"ok":true,"team":"T","user":"bot"})"), "x").status == "valid");
    CHECK(classify(s, resp(200, R"({"ok":false,"error":"invalid_auth"})"), "x").status == "invalid");
    CHECK(classify(s, resp(200, R"({"ok":"maybe"})"), "x").status == "unknown");
}

TEST_CASE("templates: URL values are percent-encoded, JSON values escaped, headers refuse line breaks") {
    Credential c{"a/b?c#d e:f", "AKIA1", ""};
    CHECK(*expand("https://h/x/{{secret}}?id={{companion}}", c, Escape::Url) == "https://h/x/a%2Fb%3Fc%23d%20e:f?id=AKIA1");
    CHECK(*expand(R"({"k":"{{secret:json}}"})", Credential{"q\"\\", "", ""}, Escape::None) == R"({"k":"q\"\\"})");
    CHECK(*expand("token={{secret:url}}", Credential{"a&b=c", "", ""}, Escape::None) == "token=a%26b%3Dc");
    CHECK_FALSE(expand("Bearer {{secret}}", Credential{"x\r\nHost: evil", "", ""}, Escape::None, true).has_value());
}

TEST_CASE("[rules.validate] refuses a templated host, a state-changing method and unknown placeholders") {
    auto load = [](const std::string& extra) {
        return parse_rule_file("[[rules]]\nid = \"t\"\npattern = '(x[a-z]{4})'\n[rules.validate]\n" + extra, "t.toml");
    };
    const std::string ok = "valid = { status = [200] }\ninvalid = { status = [401] }\n";
    CHECK_NOTHROW(load("url = \"https://api.example.com/v1/{{secret}}\"\n" + ok));
    CHECK_THROWS_WITH(load("url = \"https://{{companion}}/v1\"\n" + ok), Catch::Contains("fixed host"));
    CHECK_THROWS_WITH(load("url = \"https://user@api.example.com/\"\n" + ok), Catch::Contains("fixed host"));
    CHECK_THROWS_WITH(load("url = \"http://api.example.com/\"\n" + ok), Catch::Contains("https://"));
    CHECK_THROWS_WITH(load("method = \"DELETE\"\nurl = \"https://api.example.com/\"\n" + ok),
                      Catch::Contains("method 'DELETE' is not allowed"));
    CHECK_THROWS_WITH(load("url = \"https://api.example.com/{{host}}\"\n" + ok), Catch::Contains("unknown placeholder"));
    CHECK_THROWS_WITH(load("url = \"https://api.example.com/\"\nvalid = { status = [200] }\n"),
                      Catch::Contains("missing required key 'invalid'"));
    CHECK_THROWS_WITH(load("url = \"https://api.example.com/\"\nmetadata = { x = \"login\" }\n" + ok),
                      Catch::Contains("JSON pointer"));
}
