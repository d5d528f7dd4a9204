#include "compile/regex_gate.hpp"

#include <cctype>

namespace nhiscan {
namespace {

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The end of the escape that starts at p[i] == '\\': `\p{Greek}` and `\x{263a}` carry braces,
// `\Q...\E` quotes up to `\E`, every other escape is two bytes.
std::size_t escape_end(std::string_view p, std::size_t i) {
    if (i + 1 >= p.size()) return p.size();
    char c = p[i + 1];
    if ((c == 'p' || c == 'P' || c == 'x') && i + 2 < p.size() && p[i + 2] == '{') {
        std::size_t close = p.find('}', i + 3);
        return close == std::string_view::npos ? p.size() : close + 1;
    }
    if (c == 'Q') {
        std::size_t close = p.find("\\E", i + 2);
        return close == std::string_view::npos ? p.size() : close + 2;
    }
    return i + 2;
}

// The end of the character class that starts at p[i] == '[': a `]` right after `[` or `[^`
// is a member, `[:alpha:]` is a member, escapes are skipped.
std::size_t class_end(std::string_view p, std::size_t i) {
    std::size_t k = i + 1;
    if (k < p.size() && p[k] == '^') ++k;
    if (k < p.size() && p[k] == ']') ++k;
    while (k < p.size() && p[k] != ']') {
        if (p[k] == '\\') {
            k = escape_end(p, k);
        } else if (p[k] == '[' && k + 1 < p.size() && p[k + 1] == ':') {
            std::size_t close = p.find(":]", k + 2);
            k = close == std::string_view::npos ? k + 1 : close + 2;
        } else {
            ++k;
        }
    }
    return k < p.size() ? k + 1 : p.size();
}

// A repetition `{m}`, `{m,}` or `{m,n}` at p[i] == '{': its end, lower bound and count (the
// upper bound, or m when there is none). False when the brace is a literal.
bool repetition_at(std::string_view p, std::size_t i, std::size_t& end, unsigned long& low, unsigned long& count) {
    // RE2 takes counts up to 1000: a count of more than five digits is left as it is (no overflow).
    auto number = [&](std::size_t& k, unsigned long& out) {
        std::size_t a = k;
        for (out = 0; k < p.size() && digit(p[k]) && k - a < 5; ++k)
            out = out * 10 + static_cast<unsigned long>(p[k] - '0');
        return k > a && !(k < p.size() && digit(p[k]));
    };
    std::size_t k = i + 1;
    if (!number(k, low) || k >= p.size()) return false;
    count = low;
    if (p[k] == ',') {
        ++k;
        unsigned long high = 0;
        std::size_t b = k;
        if (k < p.size() && digit(p[k]) && !number(k, high)) return false;
        if (k > b) count = high;
    }
    if (k >= p.size() || p[k] != '}') return false;
    end = k + 1;
    return true;
}

}  // namespace

std::string widen_repetitions(std::string_view p, unsigned min_count) {
    std::string out;
    out.reserve(p.size());
    bool widened = false;
    for (std::size_t i = 0; i < p.size();) {
        std::size_t next = i + 1;
        if (p[i] == '\\') {
            next = escape_end(p, i);
        } else if (p[i] == '[') {
            next = class_end(p, i);
        } else if (p[i] == '{') {
            unsigned long low = 0, count = 0;
            if (repetition_at(p, i, next, low, count) && count >= min_count) {
                out += low == 0 ? '*' : '+';
                widened = true;
                i = next;
                continue;
            }
        }
        out.append(p.substr(i, next - i));
        i = next;
    }
    return widened ? out : std::string();
}

}  // namespace nhiscan
