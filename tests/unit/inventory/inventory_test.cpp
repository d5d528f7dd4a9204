#include <catch2/catch.hpp>

#include "inventory/classify.hpp"
#include "inventory/codeowners.hpp"
#include "inventory/key.hpp"
#include "inventory/lifecycle.hpp"
#include "inventory/output.hpp"

using namespace nhiscan;
using namespace nhiscan::inventory;

TEST_CASE("keyed hash is HMAC-SHA256 (RFC 4231 test case 2)") {
    InventoryKey k{"Jefe", "test"};
    CHECK(keyed_hash(k, "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("CODEOWNERS: the last matching line wins, as GitHub reads it") {
    CodeOwners owners(".github/CODEOWNERS",
                      "# comment\n"
                      "*                 @all\n"
                      "/config/          @platform\n"
                      "*.env             @env   # trailing comment\n"
                      "docs/*            @docs\n"
                      "apps/             @apps\n"
                      "/build/logs/      @logs\n"
                      "**/secrets/**     @sec\n"
                      "/tests/\n");
    auto owner = [&](const char* path) -> std::string {
        auto m = owners.match(path);
        if (!m) return "(no rule)";
        return m->owners.empty() ? "(nobody)" : m->owners.front();
    };
    CHECK(owner("README.md") == "@all");
    CHECK(owner("config/db.yml") == "@platform");
    CHECK(owner("config/app.env") == "@env");
    CHECK(owner("sub/config/db.yml") == "@all");  // /config/ is anchored at the root
    CHECK(owner("docs/a.md") == "@docs");
    CHECK(owner("docs/deep/a.md") == "@all");  // docs/* owns docs' files, not its subdirectories'
    CHECK(owner("x/apps/y/z.js") == "@apps");  // apps/ matches a directory anywhere
    CHECK(owner("build/logs/a/b.log") == "@logs");
    CHECK(owner("a/secrets/b/c.txt") == "@sec");
    CHECK(owner("tests/x.py") == "(nobody)");
    CHECK(owners.match("tests/x.py")->rules.front()->line == 9);
    CHECK(owners.describe(*owners.match("config/app.env")) == ".github/CODEOWNERS:4 '*.env'");
}

TEST_CASE("CODEOWNERS: GitLab sections each pick their last matching line, and owners add up") {
    CodeOwners owners(".gitlab/CODEOWNERS",
                      "*.env @root-env\n"
                      "[Backend] @backend-lead\n"
                      "config/ @backend\n"
                      "config/app.env\n"  // no owners: the section's default
                      "^[Ops][2] @ops\n"
                      "*.env @ops-env\n"
                      "[backend]\n"  // the same section again (names are case-insensitive)
                      "docs/ @writers\n");
    auto m = owners.match("config/app.env");
    REQUIRE(m);
    CHECK(m->owners == std::vector<std::string>{"@root-env", "@backend-lead", "@ops-env"});
    CHECK(owners.describe(*m) ==
          ".gitlab/CODEOWNERS:1 '*.env', .gitlab/CODEOWNERS:4 'config/app.env' [Backend], .gitlab/CODEOWNERS:6 '*.env' "
          "[Ops]");
    m = owners.match("config/db.yml");
    REQUIRE(m);
    CHECK(m->owners == std::vector<std::string>{"@backend"});
    m = owners.match("docs/a.md");
    REQUIRE(m);
    CHECK(m->owners == std::vector<std::string>{"@writers"});
    CHECK(owners.describe(*m) == ".gitlab/CODEOWNERS:8 'docs/' [Backend]");
    CHECK_FALSE(owners.match("src/main.cpp"));
}

TEST_CASE("CODEOWNERS patterns as regular expressions") {
    CHECK(codeowners_regex("*.js") == "(?:.*/)?[^/]*\\.js(?:/.*)?");
    CHECK(codeowners_regex("/docs/") == "docs/.*");
    CHECK(codeowners_regex("docs/*") == "docs/[^/]*");
    CHECK(codeowners_regex("**/logs") == "(?:.*/)?logs(?:/.*)?");
}

TEST_CASE("the slot is the assignment name left of the secret") {
    CHECK(slot_before("GITHUB_TOKEN=") == "GITHUB_TOKEN");
    CHECK(slot_before("export GH_TOKEN=") == "GH_TOKEN");
    CHECK(slot_before("    return Client(token=\"") == "token");
    CHECK(slot_before("  \"apiKey\": \"") == "apiKey");
    CHECK(slot_before("aws_secret_access_key = ") == "aws_secret_access_key");
    CHECK(slot_before("  url: postgresql://svc_app:") == "url");
    CHECK(slot_before("DATABASE_URL=postgres://u:") == "DATABASE_URL");
    CHECK(slot_before("config[:token] => '") == "token");  // a Ruby symbol key
    CHECK(slot_before("token ") == "");
    CHECK(slot_before("") == "");
}

TEST_CASE("public identifiers") {
    RuleSpec aws;
    aws.validator = "aws-key-id";
    CHECK(public_identifier(aws, "AKIAXXXXXXXXXXXXXXXX", "").value == "AKIAXXXXXXXXXXXXXXXX");

    RuleSpec dsn;
    dsn.companion.name = "user@host";
    auto id = public_identifier(dsn, "pw", "svc@db.internal");
    CHECK(id.type == "user@host");
    CHECK(id.value == "svc@db.internal");

    RuleSpec other_companion;  // a companion that is not an identifier is not shown
    other_companion.companion.name = "secret half";
    CHECK(public_identifier(other_companion, "pw", "zzz").value.empty());

    RuleSpec jwt;
    jwt.validator = "jwt";
    // {"alg":"none","kid":"k1"} . {"iss":"https://issuer","sub":"svc"} . sig
    auto claims = public_identifier(jwt, "eyJhbGciOiJub25lIiwia2lkIjoiazEifQ.eyJpc3MiOiJodHRwczovL2lzc3VlciIsInN1YiI6InN2YyJ9.x", "");
    CHECK(claims.type == "jwt-claims");
    CHECK(claims.value == "iss=https://issuer; sub=svc; kid=k1");

    RuleSpec token;
    token.pattern = R"(\b(ghp_[A-Za-z0-9]{36})\b)";
    auto t = public_identifier(token, "ghp_" + std::string(32, 'x') + "AbCd", "");
    CHECK(t.type == "prefix+last4");
    CHECK(t.value == "ghp_...AbCd");
}

TEST_CASE("public identifier of a GCP service-account key: client_email and private_key_id beside it") {
    RuleSpec gcp;
    gcp.kind = "service-account-key";
    const std::string key = "-----BEGIN PRIVATE KEY-----\\nxxxxEXAMPLExxxx\\n-----END PRIVATE KEY-----\\n";
    const std::string id(40, 'a');
    // Two key files in one blob: each key's own object decides.
    std::string text =
        R"({"private_key_id": "bbbb0000bbbb0000", "private_key": "other", "client_email": "b@p.iam.gserviceaccount.com"},
{"type": "service_account", "private_key_id": ")" +
        id + R"(", "private_key": ")" + key + R"(", "client_email": "a@p.iam.gserviceaccount.com"})";
    auto g = public_identifier(gcp, key, "", text);
    CHECK(g.type == "gcp-service-account");
    CHECK(g.value == "client_email=a@p.iam.gserviceaccount.com; private_key_id=" + id);
    // Without the file: the rule's companion (client email) alone.
    g = public_identifier(gcp, key, "c@p.iam.gserviceaccount.com", "");
    CHECK(g.value == "client_email=c@p.iam.gserviceaccount.com");
    CHECK(public_identifier(gcp, key, "", "").type.empty());
}

TEST_CASE("priority: at HEAD, severity, exposure, refs, unowned") {
    auto rec = [](std::string key, bool head, std::string sev, std::int64_t days, std::size_t refs, std::string src) {
        Record r;
        r.key = std::move(key);
        r.state = head ? "at HEAD" : "removed";
        r.severity = std::move(sev);
        r.exposure_days = days;
        r.refs.assign(refs, "refs/heads/x");
        r.owner_source = std::move(src);
        return r;
    };
    std::vector<Record> rs = {
        rec("a", false, "critical", 900, 9, "introducing-author"),
        rec("b", true, "low", 1, 1, "codeowners"),
        rec("c", true, "high", 10, 1, "codeowners"),
        rec("d", true, "high", 10, 1, "introducing-author"),
        rec("e", true, "high", 10, 2, "codeowners"),
        rec("f", true, "high", 11, 1, "codeowners"),
    };
    prioritise(rs);
    std::string order;
    for (const auto& r : rs) order += r.key;
    CHECK(order == "fedcba");
    CHECK(rs.front().priority == 1);
    CHECK(rs.back().priority == 6);
}

TEST_CASE("exposure buckets") {
    CHECK(exposure_bucket(0) == "< 7 days");
    CHECK(exposure_bucket(7) == "7-29 days");
    CHECK(exposure_bucket(89) == "30-89 days");
    CHECK(exposure_bucket(90) == "90-365 days");
    CHECK(exposure_bucket(366) == "> 1 year");
}
