// Hardening regression for findings/locate: matches whose ends go backwards (a long secret
// with shorter ones nested inside, from different rules) are placed correctly, in time
// linear in the buffer (an earlier version rewound to offset 0 for each such match).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "findings/locate.hpp"
#include "rules/loader.hpp"

using namespace nhiscan;

TEST_CASE("nested matches: right lines and columns, linear time") {
    auto rules = CompiledRules::build(parse_rule_file("[[rules]]\nid = 'outer'\npattern = '''(o[a-z]{0,30}!)'''\n"
                                                      "[[rules]]\nid = 'inner'\npattern = '''(i[a-z]{3})'''\n",
                                                      "t.toml"),
                                      CacheOptions{false, {}});
    std::string text = std::string(2u << 20, '\n');  // 2 Mi lines
    std::vector<Match> matches;
    const std::size_t n = 20000;
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t at = (text.size() - 64) * k / n;
        text.replace(at, 12, "oxxiabcxxxx!");
        matches.push_back(Match{0, at, at + 12, text.substr(at, 12)});
        matches.push_back(Match{1, at + 3, at + 7, text.substr(at + 3, 4)});
    }
    auto t0 = std::chrono::steady_clock::now();
    auto fs = locate(*rules, text, matches, BlobContext{"p", SourceKind::File});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(fs.size() == 2 * n);
    for (std::size_t k = 0; k < n; k += 997) {
        std::size_t at = matches[2 * k].start;
        auto line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
        CHECK(fs[2 * k].line == line);
        CHECK(fs[2 * k + 1].end_line == line);
        CHECK(fs[2 * k].column == 1);
        CHECK(fs[2 * k].end_column == 12);
        CHECK(fs[2 * k + 1].column == 4);
        CHECK(fs[2 * k + 1].end_column == 7);
    }
    CHECK(secs < 2.0);  // the quadratic version took minutes here
}
