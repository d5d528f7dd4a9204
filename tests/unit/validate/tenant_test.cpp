// Tenant hosts (docs/validation.md, "Tenant hosts"): only a vetted DNS label from the content
// goes in front of the suffix fixed in the rule; anything else is refused before sending.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "rules/loader.hpp"
#include "validate/check.hpp"
#include "validate/template.hpp"

using namespace nhiscan;
using namespace nhiscan::live;

namespace {

RulePack load(const std::string& tenant, const std::string& url) {
    return parse_rule_file("[[rules]]\nid = \"t\"\npattern = '(00[a-z]{8})'\n" + tenant + "[rules.validate]\nurl = \"" +
                               url +
                               "\"\nheaders = { Authorization = \"SSWS {{secret}}\" }\n"
                               "valid = { status = [200] }\ninvalid = { status = [401] }\n",
                           "t.toml");
}

const std::string kTenant = "[rules.tenant]\nname = \"Okta org\"\npattern = '([a-z0-9-]+)\\.okta\\.com'\n";

}  // namespace

TEST_CASE("tenant_label: one lower-cased DNS label of [a-z0-9-], nothing else") {
    CHECK(tenant_label("acme") == "acme");
    CHECK(tenant_label("Dev-123") == "dev-123");
    CHECK(tenant_label(std::string(63, 'a')) == std::string(63, 'a'));
    for (const std::string& bad :
         std::vector<std::string>{"", "evil.com#", "a.b", "x@y", "x:443", "a/b", "a b", "%65vil", "-a", "a-", "a\nb",
                                  "a\\b", "a?b", "[::1]", std::string(64, 'a'), std::string("a\0b", 3)})
        CHECK_FALSE(tenant_label(bad).has_value());
}

TEST_CASE("[rules.validate]: {{tenant}} only as the first label, under a fixed suffix with a dot") {
    RulePack p = load(kTenant, "https://{{tenant}}.okta.com/api/v1/users/me");
    const LiveSpec& s = p.rules.at(0).live;
    CHECK(s.tenant_host);
    CHECK(s.host == "{{tenant}}.okta.com");
    CHECK(s.host_suffix == ".okta.com");
    CHECK(s.tenant_name == "Okta org");
    CHECK_FALSE(s.needs_companion);

    CHECK_THROWS_WITH(load(kTenant, "https://api.{{tenant}}.okta.com/"), Catch::Contains("fixed host"));
    CHECK_THROWS_WITH(load(kTenant, "https://{{tenant}}.com/"), Catch::Contains("fixed suffix with a dot"));
    CHECK_THROWS_WITH(load(kTenant, "https://{{tenant}}.okta.com:8443/"), Catch::Contains("no port"));
    CHECK_THROWS_WITH(load(kTenant, "https://{{tenant}}.u@okta.com/"), Catch::Contains("fixed suffix"));
    CHECK_THROWS_WITH(load(kTenant, "https://x.okta.com/{{tenant}}"), Catch::Contains("unknown placeholder"));
    CHECK_THROWS_WITH(load("", "https://{{tenant}}.okta.com/"), Catch::Contains("needs [rules.tenant]"));
    CHECK_THROWS_WITH(load(kTenant, "https://acme.okta.com/"), Catch::Contains("used only as the first label"));
    CHECK_THROWS_WITH(load("[rules.tenant]\nname = \"x\"\npattern = '(a)(b)'\n", "https://{{tenant}}.okta.com/"),
                      Catch::Contains("exactly one capturing group"));
    // A tenant the secret names itself (Mailchimp's `-us21`): matched in the secret, no `within`.
    CHECK(load("[rules.tenant]\nname = \"dc\"\npattern = '-(us[0-9])$'\nin_secret = true\n",
               "https://{{tenant}}.api.example.com/")
              .rules.at(0)
              .tenant.in_secret);
    CHECK_THROWS_WITH(load("[rules.tenant]\nname = \"dc\"\npattern = '-(us[0-9])$'\nin_secret = true\nwithin = 2\n",
                           "https://{{tenant}}.api.example.com/"),
                      Catch::Contains("'in_secret' and 'within' exclude each other"));
    CHECK_THROWS_WITH(load("[rules.tenant]\nname = \"dc\"\npattern = '-(us[0-9])$'\nin_secret = 1\n",
                           "https://{{tenant}}.api.example.com/"),
                      Catch::Contains("'in_secret' must be true or false"));
}

TEST_CASE("check_once: no tenant, or one that is not a label, is unknown and nothing is sent") {
    RulePack p = load(kTenant, "https://{{tenant}}.okta.com/api/v1/users/me");
    const LiveSpec& s = p.rules.at(0).live;
    // These return before the client sends anything (tests/e2e/test_validate.py proves it
    // against the mock, which answers for the hosts an escape would reach).
    HttpClient client(HttpLimits{});
    auto none = check_once(s, Credential{"00abcdefgh", "", ""}, client);
    CHECK(none.result.status == "unknown");
    CHECK(none.result.reason == "needs its Okta org (the host's first label), and none was found near the secret");
    for (const char* bad : {"evil.com#", "a.b", "x@y", "x:443", "a/b"}) {
        auto r = check_once(s, Credential{"00abcdefgh", "", bad}, client);
        CHECK(r.result.status == "unknown");
        CHECK(r.result.reason == "the Okta org is not one DNS label ([a-z0-9-]): nothing sent");
        CHECK_FALSE(r.result.checked_at.empty());
    }
}
