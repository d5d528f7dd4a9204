// libFuzzer target: the scanner on arbitrary bytes with the built-in rule pack.
// Scanner::scan (Hyperscan candidates, RE2 confirm, validators, filters, collapse) and
// locate (line/column), with invariants checked against a naive recomputation:
//   - every match lies inside the buffer and its secret is exactly those bytes (or, for a
//     decoded value, what they decode to);
//   - line/column/end_line/end_column agree with counting '\n' from the start;
//   - the same input gives the same findings on a second scan (scratch/candidate reuse).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "compile/compiled_rules.hpp"
#include "core/error.hpp"
#include "findings/locate.hpp"
#include "rules/pack.hpp"
#include "scan/scanner.hpp"
#include "fuzz_check.hpp"

using namespace nhiscan;
using nhiscan::fuzz::check;

namespace {

const CompiledRules& rules() {
    static std::shared_ptr<const CompiledRules> r = [] {
        RulePack pack = builtin_pack();
        validate_structure(pack);
        return CompiledRules::build(std::move(pack), CacheOptions{false, {}});
    }();
    return *r;
}

struct LineCol {
    std::size_t line, col;
};

LineCol naive(std::string_view data, std::size_t off) {
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < off; ++i)
        if (data[i] == '\n') ++line, line_start = i + 1;
    return {line, off - line_start + 1};
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)rules();  // compile once, before the first input, so it is not timed as one
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Scanner scanner(rules());
    static Scanner plain(rules(), /*collapse=*/false);
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto matches = scanner.scan(text, "fuzz/input.txt");
        for (const auto& m : matches) {
            check(m.rule < rules().size(), "rule index in range");
            check(m.start < m.end && m.end <= size, "match inside the buffer");
            // A decoded secret (decode.hpp) is what the encoded bytes at [start, end) decode to.
            check(!m.decoded.empty() || text.substr(m.start, m.end - m.start) == m.secret, "secret is the matched bytes");
        }
        auto again = scanner.scan(text, "fuzz/input.txt");
        check(again.size() == matches.size(), "rescan gives the same number of matches");
        for (std::size_t i = 0; i < again.size(); ++i)
            check(again[i].start == matches[i].start && again[i].end == matches[i].end && again[i].rule == matches[i].rule,
                  "rescan gives the same matches");
        auto copy = matches;
        auto found = locate(rules(), text, std::move(copy), BlobContext{"fuzz/input.txt", SourceKind::File});
        check(found.size() == matches.size(), "one finding per match");
        for (std::size_t i = 0; i < found.size(); ++i) {
            LineCol s = naive(text, matches[i].start), e = naive(text, matches[i].end - 1);
            check(found[i].line == s.line && found[i].column == s.col, "start line/column");
            check(found[i].end_line == e.line && found[i].end_column == e.col, "end line/column");
            check(found[i].secret == matches[i].secret, "finding keeps the secret");
        }
        // Without the cross-rule collapse: a superset of the collapsed matches.
        auto all = plain.scan(text, "fuzz/input.txt");
        check(all.size() >= matches.size(), "collapse only removes");
    } catch (const Error&) {
        // "too many candidate matches" is a documented, loud refusal; anything else escapes.
    }
    return 0;
}
