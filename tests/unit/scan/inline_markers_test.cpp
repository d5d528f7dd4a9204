// The inline markers (scan/inline_allow): which lines nhiscan:allow, gitleaks:allow and
// nhiscan:allow-next-line allow, and that the scanner honours them.
#include <catch2/catch.hpp>

#include <string>

#include "rules/loader.hpp"
#include "scan/inline_allow.hpp"
#include "scan/scanner.hpp"

using namespace nhiscan;

namespace {

// 1-based numbers of the lines inline_allowed_lines() returns.
std::vector<int> allowed(std::string_view text) {
    std::vector<int> out;
    for (auto l : inline_allowed_lines(text)) {
        if (l.begin == l.end && l.begin == text.size()) continue;  // the empty line after a final '\n'
        out.push_back(1 + static_cast<int>(std::count(text.begin(), text.begin() + l.begin, '\n')));
    }
    return out;
}

}  // namespace

TEST_CASE("inline markers: which lines they allow") {
    CHECK(allowed("a\nb # nhiscan:allow\nc\n") == std::vector<int>{2});
    CHECK(allowed("a # gitleaks:allow\nb\n") == std::vector<int>{1});
    CHECK(allowed("# nhiscan:allow-next-line\nb\nc\n") == std::vector<int>{2});
    // allow-next-line allows the next line only, not its own nor the one after.
    CHECK(allowed("x\n# nhiscan:allow-next-line\n\nd\n") == std::vector<int>{3});
    // Both markers on one line: its own line and the next.
    CHECK(allowed("a # nhiscan:allow nhiscan:allow-next-line\nb\nc\n") == std::vector<int>{1, 2});
    // A next-line marker on the last line, without a newline, allows nothing.
    CHECK(allowed("a\n# nhiscan:allow-next-line").empty());
    CHECK(allowed("gitleaks:allownhiscan:allow\n") == std::vector<int>{1});
    CHECK(allowed("nothing here\nnhiscan:\n").empty());
    CHECK(allowed("").empty());
    // Markers are found from their colon: at the very start and end of the data, next to
    // other colons, and not when the colon has the wrong word before or after it.
    CHECK(allowed("nhiscan:allow") == std::vector<int>{1});
    CHECK(allowed("a\nb ::nhiscan::allow: gitleaks:allow") == std::vector<int>{2});
    CHECK(allowed("a\nb:: x::y nhiscan::allow ngitleaks:alloz nhiscan:\n:allow\n").empty());
    CHECK(allowed(std::string(5000, ':') + "\nx nhiscan:allow\n") == std::vector<int>{2});
}

TEST_CASE("inline markers: the scanner drops matches on allowed lines only") {
    auto rules = CompiledRules::build(parse_rule_file("[[rules]]\nid = 'tok'\npattern = '''(tok_[a-z]{4})'''\n", "t.toml"),
                                      CacheOptions{false, {}});
    Scanner scanner(*rules);
    std::string text =
        "tok_aaaa # gitleaks:allow\n"   // 1 allowed
        "// nhiscan:allow-next-line\n"  // 2
        "tok_bbbb\n"                    // 3 allowed
        "tok_cccc\n"                    // 4 reported
        "tok_dddd nhiscan:allow\n"      // 5 allowed
        "tok_eeee\n";                   // 6 reported
    std::vector<std::string> found;
    for (const auto& m : scanner.scan(text, "a.txt")) found.push_back(m.secret);
    CHECK(found == std::vector<std::string>{"tok_cccc", "tok_eeee"});
}
