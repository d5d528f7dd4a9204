// The parsed pack in binary form (rules/pack_blob.hpp): what goes in comes back, every field.
#include "rules/pack_blob.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;

namespace {

// Every field of every struct set to something other than its default, so a field that
// serialize_pack() leaves out comes back different.
RulePack every_field_set() {
    RulePack p;
    RuleSpec r;
    r.id = "acme-key";
    r.name = "Acme key";
    r.provider = "Acme";
    r.kind = "api_key";
    r.severity = Severity::Critical;
    r.confidence = Confidence::Low;
    r.pattern = R"(acme_([a-z]{8}))";
    r.keywords = {"acme", "acme_"};
    r.min_entropy = 3.25;
    r.min_entropy_hex = 2.5;
    r.validator = "luhn";
    r.filters = {"placeholder", "template"};
    r.remediation = "Rotate it.";
    r.references = {"https://acme.example/docs"};
    r.examples = {"acme_abcdefgh", "x = acme_hgfedcba"};
    r.negative_examples = {"acme_xxxxxxxx"};
    r.allowlist = Allowlist{{"docs/**"}, {"^test"}, {"example"}};
    r.shape = "keyword";
    r.hs_pattern = "(?i)acme";
    r.keyword = KeywordShape{{"acme", "acmecorp"}, "hex", 32, 40, 12};
    r.companion = CompanionSpec{"Acme key id", R"(id_([0-9]{6}))", 7, false};
    r.tenant = CompanionSpec{"Acme tenant", R"(([a-z]+)\.acme\.example)", 5, true};
    r.live.method = "POST";
    r.live.url = "https://{{tenant}}.acme.example/v1/me";
    r.live.host = "{{tenant}}.acme.example";
    r.live.tenant_host = true;
    r.live.host_suffix = ".acme.example";
    r.live.tenant_name = "Acme tenant";
    r.live.headers = {{"Authorization", "Bearer {{secret}}"}, {"X-Id", "{{companion}}"}};
    r.live.body = "{}";
    r.live.basic_user = "u";
    r.live.basic_password = "{{secret}}";
    r.live.sign = "aws-sigv4";
    r.live.aws_region = "eu-west-1";
    r.live.aws_service = "s3";
    r.live.valid = LiveMatch{{200, 204}, {"/id"}, {{"/ok", "true"}}};
    r.live.invalid = LiveMatch{{401}, {"/error"}, {{"/code", "\"bad\""}}};
    r.live.metadata = {{"account", "/account/id"}};
    r.live.needs_companion = true;
    r.paths = {"**/*.env"};
    r.pos = SourcePos{"rules/acme.toml", 12};
    p.rules = {r, RuleSpec{}};
    p.filters = {FilterSpec{
        "f", "a filter", {"^x+$"}, {"y"}, {"hand-typed"}, {"xxxx"}, {"k3y"}, true, SourcePos{"rules/filters.toml", 3}}};
    p.allowlist = Allowlist{{"vendor/**"}, {"dummy"}, {"sample"}};
    p.test_paths.description = "tests";
    p.test_paths.paths = {"**/test/**"};
    p.test_paths.fixture_kinds = {"private_key"};
    p.test_paths.fixture_rules = {"jwt"};
    p.test_paths.min_confidence = Confidence::High;
    p.test_paths.min_confidence_set = true;
    p.test_paths.builtin_paths = false;
    p.test_paths.examples = {"a/test/b.go"};
    p.test_paths.negative_examples = {"a/src/b.go"};
    p.test_paths.pos = SourcePos{"rules/test-paths.toml", 1};
    p.live_validation_off = true;
    return p;
}

}  // namespace

TEST_CASE("pack blob: every field of a pack survives the round trip") {
    RulePack p = every_field_set();
    RulePack back = deserialize_pack(serialize_pack(p));
    CHECK(back == p);
    CHECK(back.rules[0].live.valid.status == std::vector<int>{200, 204});
    CHECK(back.rules[0].min_entropy == 3.25);
    CHECK_FALSE(back == RulePack{});
}

TEST_CASE("pack blob: the built-in pack survives the round trip") {
    RulePack p = builtin_pack();
    REQUIRE(p.rules.size() > 1000);
    CHECK(deserialize_pack(serialize_pack(p)) == p);
}

TEST_CASE("pack blob: bytes that are not a whole blob are an error, not a pack") {
    const std::string blob = serialize_pack(every_field_set());
    CHECK_THROWS_AS(deserialize_pack(""), Error);
    CHECK_THROWS_AS(deserialize_pack("nhiscan-pack-v0" + blob.substr(15)), Error);
    CHECK_THROWS_AS(deserialize_pack(blob.substr(0, blob.size() - 1)), Error);
    CHECK_THROWS_AS(deserialize_pack(blob.substr(0, blob.size() / 2)), Error);
    CHECK_THROWS_AS(deserialize_pack(blob + "x"), Error);
    CHECK_NOTHROW(deserialize_pack(blob));
}
