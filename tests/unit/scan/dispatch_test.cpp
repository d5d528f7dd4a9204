// Names that rules and filters use are listed in rules/pack.cpp (load-time errors) and
// dispatched by the tables in scan/validators.cpp and scan/predicates.cpp. These tests prove
// the two agree, that each name reaches its own function, and that a name without one stops
// the load instead of silently never running.
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "compile/compiled_rules.hpp"
#include "core/error.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"
#include "scan/predicates.hpp"
#include "scan/scanner.hpp"
#include "scan/validators.hpp"

using namespace nhiscan;

namespace {

template <typename Table>
std::set<std::string> names_of(const Table& t) {
    std::set<std::string> out;
    for (const auto& e : t) out.emplace(e.name);
    return out;
}

std::set<std::string> listed(std::span<const std::string_view> names) { return {names.begin(), names.end()}; }

std::shared_ptr<const CompiledRules> compile(const char* file, const char* toml) {
    return CompiledRules::build(parse_rule_file(toml, file), CacheOptions{false, {}});
}

std::string error_of(auto&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("every validator name the loader accepts dispatches, and no other") {
    CHECK(names_of(validator_table()) == listed(validator_names()));
    REQUIRE(validator_names().size() == 6);
    for (auto name : validator_names()) {
        INFO(name);
        ValidatorFn fn = find_validator(name);
        REQUIRE(fn != nullptr);
        CHECK(fn("x").checked);  // a real validator ran (an unknown name gives checked = false)
    }
    CHECK(find_validator("luhn") == nullptr);
    CHECK_FALSE(validate_secret("luhn", "x").checked);
}

TEST_CASE("each validator name reaches its own validator") {
    const std::string body = "FAKE0fake1FAKE2fake3FAKE4fake5";
    const std::string gh = std::string("ghp") + "_" + body + base62_crc32(body);
    const std::string npm = std::string("npm") + "_" + body + base62_crc32(body);
    const std::string aws = std::string("AKIA") + "EXAMPLE234567ABC";
    const std::string der = "-----BEGIN EXAMPLE KEY-----\nMAEBAQEBAQEBAQEBAQEBAQEBAQEB\n-----END EXAMPLE KEY-----";
    const std::string ssh =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAgICAgICAgICAg==\n-----END OPENSSH PRIVATE KEY-----";
    auto valid = [](std::string_view name, std::string_view secret) { return find_validator(name)(secret).valid; };
    CHECK(valid("github-crc32", gh));
    CHECK(valid("npm-crc32", npm));
    CHECK_FALSE(valid("github-crc32", gh.substr(0, 36) + "AAAAAA"));
    CHECK(valid("aws-key-id", aws));
    CHECK_FALSE(valid("aws-key-id", aws.substr(0, 12)));
    CHECK(valid("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));
    CHECK(valid("pem", der));
    CHECK_FALSE(valid("openssh", der));
    CHECK(valid("openssh", ssh));
}

TEST_CASE("every filter check name the loader accepts dispatches to its predicate, and no other") {
    CHECK(names_of(predicates::table()) == listed(check_names()));
    REQUIRE(check_names().size() == 15);
    for (auto name : check_names()) {
        INFO(name);
        CHECK(predicates::find(name) != nullptr);
    }
    CHECK(predicates::find("repeated") == &predicates::repeated);
    CHECK(predicates::find("sequential") == &predicates::sequential);
    CHECK(predicates::find("single-class") == &predicates::single_class);
    CHECK(predicates::find("word-like") == &predicates::word_like);
    CHECK(predicates::find("hex-hash") == &predicates::hex_hash);
    CHECK(predicates::find("uuid") == &predicates::uuid);
    CHECK(predicates::find("keyboard-mash") == &predicates::keyboard_mash);
    CHECK(predicates::find("jwt-placeholder-key") == &predicates::jwt_placeholder_key);
    CHECK(predicates::find("jwt-unsigned") == &predicates::jwt_unsigned);
    CHECK(predicates::find("low-entropy-for-length") == &predicates::low_entropy_for_length);
    CHECK(predicates::find("identifier-words") == &predicates::identifier_words);
    CHECK(predicates::find("placeholder-body") == &predicates::placeholder_body);
    CHECK(predicates::find("base64-phrase") == &predicates::base64_phrase);
    CHECK(predicates::find("not-user-password") == &predicates::not_user_password);
    CHECK(predicates::find("base64-example-pair") == &predicates::base64_example_pair);
    CHECK(predicates::find("nope") == nullptr);
}

TEST_CASE("a scanner refuses a name it cannot dispatch instead of skipping the check") {
    // parse_rule_file() does not check names (validate_structure() does); the scanner is the
    // last line: it resolves every name when it is built.
    auto bad_validator = compile("v.toml", R"([[rules]]
id = "a"
pattern = '''(demo_[a-z]{8})'''
validator = "luhn"
)");
    CHECK_THAT(error_of([&] { Scanner s(*bad_validator); }),
               Catch::Contains("v.toml") && Catch::Contains("validator 'luhn' has no implementation"));

    auto bad_check = compile("c.toml", R"([[filters]]
id = "f"
checks = ["repeated", "nope"]
[[rules]]
id = "a"
pattern = '''(demo_[a-z]{8})'''
filters = ["f"]
)");
    CHECK_THAT(error_of([&] { Scanner s(*bad_check); }),
               Catch::Contains("c.toml") && Catch::Contains("check 'nope' has no implementation"));
}

TEST_CASE("resolved checks still drop what they should") {
    auto rules = compile("c.toml", R"([[filters]]
id = "f"
checks = ["repeated"]
[[rules]]
id = "a"
pattern = '''\b(demo_[a-z]{8,12})\b'''
filters = ["f"]
)");
    Scanner s(*rules);
    CHECK(s.scan("demo_aaaaaaaaaaaa", "x.txt").empty());
    CHECK(s.scan("demo_qhwrkzpm", "x.txt").size() == 1);
}
