// Which rules run on binary content (`staged`): confidence high and a literal prefix.
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include "rules/rule.hpp"

using namespace nhiscan;

TEST_CASE("literal_prefix reads the literal every match starts with") {
    CHECK(literal_prefix(R"(\b(ghp_[0-9A-Za-z]{36})\b)") == "ghp_");
    CHECK(literal_prefix(R"(\b((?:AKIA|ABIA|ACCA)[A-Z2-7]{16})\b)") == "AKIA");
    CHECK(literal_prefix(R"(\b((?:AKIA|ASI)[A-Z2-7]{16})\b)") == "ASI");  // the shortest alternative
    CHECK(literal_prefix(R"((-----BEGIN RSA PRIVATE KEY-----\s{0,8}[A-Za-z0-9+/=\s\\]{64,}))") ==
          "-----BEGIN RSA PRIVATE KEY-----");
    CHECK(literal_prefix(R"(\b(dp\.pt\.[A-Za-z0-9]{40,44})\b)") == "dp.pt.");
    CHECK(literal_prefix(R"(\bamqps?://[^\s:@]{0,64})") == "amqp");  // `s?` is optional: not part of it
    CHECK(literal_prefix(R"(\bAC[a-f0-9]{32})") == "AC");
    CHECK(literal_prefix(R"((?i)AccountName=[a-z0-9]{3,24})").empty());
    CHECK(literal_prefix(R"((?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}Q~))").empty());
    CHECK(literal_prefix(R"([A-Za-z0-9]{14}\.atlasv1\.)").empty());
    CHECK(literal_prefix(R"((?:ab|c[d])x)").empty());
}

TEST_CASE("runs_on_binary needs confidence high and a prefix of 3 bytes") {
    RuleSpec r;
    r.pattern = R"(\b(ghp_[0-9A-Za-z]{36})\b)";
    r.confidence = Confidence::High;
    CHECK(runs_on_binary(r));
    r.confidence = Confidence::Medium;
    CHECK_FALSE(runs_on_binary(r));
    r.confidence = Confidence::High;
    r.pattern = R"(\bAC[a-f0-9]{32}:([a-f0-9]{32}))";
    CHECK_FALSE(runs_on_binary(r));
}

TEST_CASE("word_after_pattern: a word-gated pattern's value followed by its word on the line") {
    // the word up to 4 lines above, a boundary class, the value
    const std::string gap = R"((?:[^\r\n]{0,60}?|[^\r\n]{0,60}(?:\r?\n[^\r\n]{0,100}){0,3}?\r?\n[^\r\n]{0,40}?))";
    CHECK(
        word_after_pattern("(?i:deepseek)" + gap + R"([^A-Za-z0-9_-](sk-[a-f0-9]{32})\b)") ==
        R"([^A-Za-z0-9_-](sk-[a-f0-9]{32})\b(?:[^\r\n=;]{0,40}?[(,][ \t]{0,4}["']|["']?[,;]?[ \t]{0,8}(?:#|//|--)[ \t]{0,4})(?i:deepseek))");
    // the boundary ends the gap's alternatives: a boundary of no key's character stands in
    CHECK(
        word_after_pattern(
            R"((?i:acme)(?:(?:[^\r\n]{0,40}|[^\r\n]{0,40}\r?\n[^\r\n]{0,40})[^A-Za-z0-9]|x)(11[0-9a-f]{32}))") ==
        R"((?:^|[^A-Za-z0-9_+/=.-])(11[0-9a-f]{32})(?:[^\r\n=;]{0,40}?[(,][ \t]{0,4}["']|["']?[,;]?[ \t]{0,8}(?:#|//|--)[ \t]{0,4})(?i:acme))");
    // the word after the value only as a call's quoted argument or a comment's first word
    RE2 after(word_after_pattern("(?i:deepseek)" + gap + R"([^A-Za-z0-9_-](sk-[a-f0-9]{32})\b)"));
    REQUIRE(after.ok());
    const std::string v = std::string("sk-deadbeef") + "7a1c6bf2c0ffee9d3e00aba7";
    CHECK(RE2::PartialMatch("Secret(value=\"" + v + "\").save(\"deepseek\")", after));
    CHECK(RE2::PartialMatch("key = \"" + v + "\"  # DeepSeek", after));
    CHECK(RE2::PartialMatch("key: " + v + " // deepseek", after));
    CHECK_FALSE(RE2::PartialMatch("OPENAI_API_KEY=" + v + " # see deepseek docs", after));
    CHECK_FALSE(RE2::PartialMatch("req=" + v + " model=deepseek-chat", after));
    CHECK_FALSE(RE2::PartialMatch("var a=\"" + v + "\",b=\"deepseek\";", after));
    CHECK_FALSE(RE2::PartialMatch("Bearer " + v + "' https://example.com/?ref=deepseek", after));
    CHECK_FALSE(RE2::PartialMatch("| KEY | " + v + " | used by the deepseek proxy |", after));
    // not an assignment's name, a prefix alone, nor a gap of another kind
    CHECK(word_after_pattern(R"((?i)(?:acme[\w.-]{0,30}secret)[ \t]{0,4}[:=][ \t]{0,4}([a-z0-9]{32}))").empty());
    CHECK(word_after_pattern(R"(\b(ghp_[0-9A-Za-z]{36})\b)").empty());
    CHECK(word_after_pattern(R"((?i:acme)(?:[\w.-]{0,20})[^a-z]([a-z0-9]{32}))").empty());
}
