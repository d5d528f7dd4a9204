#include "findings/locate.hpp"

#include <algorithm>

namespace nhiscan {
namespace {

// Walks forward from a known (offset, line, line_start) to `target` (target >= offset),
// keeping the UTF-16 length of the line up to the offset (counted once: no quadratic walk on
// a minified line with many findings).
struct LineCursor {
    std::string_view data;
    std::size_t offset = 0, line = 1, line_start = 0, units = 0;

    void advance(std::size_t target) {
        std::size_t from = offset;
        for (auto p = data.find('\n', offset); p != std::string_view::npos && p < target; p = data.find('\n', p + 1)) {
            ++line;
            line_start = p + 1;
        }
        if (line_start > from) units = utf16_length(data.substr(line_start, target - line_start));
        else units += utf16_length(data.substr(from, target - from));
        offset = target;
    }
};

}  // namespace

std::size_t utf16_length(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8) n += (c & 0xC0) != 0x80 ? (c >= 0xF0 ? 2 : 1) : 0;
    return n;
}

std::vector<Finding> locate(const CompiledRules& rules, std::string_view data, std::vector<Match> matches,
                            const BlobContext& ctx) {
    std::vector<Finding> out;
    out.reserve(matches.size());
    // Matches are sorted by start, so `start` only moves forward: one pass over the data. The
    // end position is found from the start cursor, costing the secret's length per match;
    // rewinding a shared end cursor to offset 0 (as an earlier version did when a match ended
    // before the previous one) made nested matches quadratic in the buffer size.
    auto by_start = [](const Match& a, const Match& b) { return a.start < b.start; };
    if (!std::is_sorted(matches.begin(), matches.end(), by_start))
        std::stable_sort(matches.begin(), matches.end(), by_start);
    LineCursor start{data};
    for (auto& m : matches) {
        Finding f;
        f.rule = rules.rule(m.rule).spec;
        f.path = ctx.path;
        f.source.kind = ctx.kind;
        f.source.member = ctx.member;
        start.advance(m.start);
        f.line = ctx.line_base + start.line;
        f.column = m.start - start.line_start + 1 + (start.line == 1 ? ctx.column_base : 0);
        // end_column is inclusive: the column of the secret's last byte.
        std::size_t last = m.end > m.start ? m.end - 1 : m.start;
        LineCursor end = start;
        end.advance(last);
        f.end_line = ctx.line_base + end.line;
        f.end_column = last - end.line_start + 1 + (end.line == 1 ? ctx.column_base : 0);
        // A chunked line's preceding bytes are counted as units (exact for ASCII).
        f.utf16_column = start.units + 1 + (start.line == 1 ? ctx.column_base : 0);
        f.utf16_end_column =
            end.units + utf16_length(data.substr(last, m.end - last)) + 1 + (end.line == 1 ? ctx.column_base : 0);
        f.confidence = m.confidence;
        f.checksum = m.checksum;
        f.companion = std::move(m.companion);
        f.tenant = std::move(m.tenant);
        f.decoded = std::move(m.decoded);
        f.note = std::move(m.note);
        f.fingerprint = fingerprint_of(f.rule->id, m.secret);
        f.location_fingerprint = location_fingerprint_of(f.rule->id, m.secret, f.path);
        f.secret = std::move(m.secret);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace nhiscan
