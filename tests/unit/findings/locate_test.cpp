#include <catch2/catch.hpp>

#include "findings/locate.hpp"
#include "rules/loader.hpp"

using namespace nhiscan;

TEST_CASE("line and column are 1-based; columns count bytes; CRLF and no trailing newline") {
    auto rules = CompiledRules::build(parse_rule_file("[[rules]]\nid = 'demo'\npattern = '''(demo_[a-z0-9]{6})'''\n", "t.toml"),
                                      CacheOptions{false, {}});
    Scanner s(*rules);
    std::string text = "first\r\n\xc3\xa9 demo_abc123\r\nthird demo_def456";
    auto fs = locate(*rules, text, s.scan(text, "p"), BlobContext{"p", SourceKind::File});
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].line == 2);
    CHECK(fs[0].column == 4);  // 'é' is two bytes
    CHECK(fs[0].end_line == 2);
    CHECK(fs[0].end_column == 14);
    CHECK(fs[1].line == 3);
    CHECK(fs[1].column == 7);
    CHECK(fs[0].fingerprint == fingerprint_of("demo", "demo_abc123"));
    CHECK(fs[0].fingerprint != fs[0].location_fingerprint);
    auto shifted = locate(*rules, text, s.scan(text, "p"), BlobContext{"p", SourceKind::File, {}, 10, 5});
    CHECK(shifted[0].line == 12);
    CHECK(shifted[0].column == 4);  // not on the buffer's first line: no column base
}

TEST_CASE("fingerprints depend on rule and secret only") {
    CHECK(fingerprint_of("a", "s") == fingerprint_of("a", "s"));
    CHECK(fingerprint_of("a", "s") != fingerprint_of("b", "s"));
    CHECK(location_fingerprint_of("a", "s", "x") != location_fingerprint_of("a", "s", "y"));
}
