// Hardening regression for the `nhiscan:allow` marker lookup (scan/scanner): same meaning as
// before (a marker anywhere on a line the match touches drops it), found in linear time
// (an earlier version searched the whole line around every match: quadratic on one long
// minified line with many matches).
#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>

#include "rules/loader.hpp"
#include "scan/scanner.hpp"

using namespace nhiscan;

namespace {
std::shared_ptr<const CompiledRules> tok_rules() {
    return CompiledRules::build(parse_rule_file("[[rules]]\nid = 'tok'\npattern = '''(tok_[a-z]{4})'''\n", "t.toml"),
                                CacheOptions{false, {}});
}
}  // namespace

TEST_CASE("inline allow: a marker anywhere on the match's line, random layouts") {
    auto rules = tok_rules();
    Scanner scanner(*rules);
    std::mt19937 rng(7);
    for (int round = 0; round < 300; ++round) {
        std::string text;
        std::vector<std::pair<std::size_t, bool>> expected;  // token start, reported
        int lines = 1 + static_cast<int>(rng() % 8);
        for (int l = 0; l < lines; ++l) {
            bool marker = rng() % 3 == 0;
            std::vector<std::size_t> starts;
            int parts = static_cast<int>(rng() % 6);
            for (int k = 0; k < parts; ++k) {
                switch (rng() % 4) {
                    case 0: text += " x "; break;
                    case 1: text += marker && rng() % 2 ? "nhiscan:allow" : "nhiscan:"; break;
                    case 2: text += "\r"; break;
                    default:
                        starts.push_back(text.size());
                        text += "tok_";
                        for (int c = 0; c < 4; ++c) text += static_cast<char>('a' + rng() % 26);
                        text += ' ';
                }
            }
            bool has_marker = text.rfind('\n') == std::string::npos
                                  ? text.find("nhiscan:allow") != std::string::npos
                                  : text.find("nhiscan:allow", text.rfind('\n')) != std::string::npos;
            for (auto s : starts) expected.emplace_back(s, !has_marker);
            if (l + 1 < lines) text += '\n';
        }
        auto got = scanner.scan(text, "p");
        std::vector<std::size_t> want;
        for (auto& [s, reported] : expected)
            if (reported) want.push_back(s);
        std::vector<std::size_t> have;
        for (const auto& m : got) have.push_back(m.start);
        INFO(text);
        CHECK(have == want);
    }
}

TEST_CASE("inline allow lookup is linear on one long line with many matches") {
    auto rules = tok_rules();
    Scanner scanner(*rules);
    std::string text;
    text.reserve(12u << 20);
    while (text.size() < (10u << 20)) text += std::string(490, 'x') + " tok_abcd ";
    std::string allowed = text + " nhiscan:allow\n" + text;
    auto t0 = std::chrono::steady_clock::now();
    auto all = scanner.scan(text, "p");
    auto none = scanner.scan(allowed, "p");
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CHECK(all.size() > 20000);
    CHECK(none.size() == all.size());  // the second line of `allowed` has no marker
    CHECK(secs < 5.0);  // the per-match line search took minutes here
}
