#include "core/glob.hpp"

#include <vector>

namespace nhiscan {
namespace {

// Matches a class starting at p[0] == '['; returns the index after ']' or npos if malformed.
std::size_t match_class(std::string_view p, char c, bool& matched) {
    std::size_t i = 1;
    bool negate = i < p.size() && (p[i] == '!' || p[i] == '^');
    if (negate) ++i;
    bool hit = false;
    bool first = true;
    for (; i < p.size() && (first || p[i] != ']'); ++i, first = false) {
        if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
            if (c >= p[i] && c <= p[i + 2]) hit = true;
            i += 2;
        } else if (p[i] == c) {
            hit = true;
        }
    }
    if (i >= p.size()) return std::string_view::npos;
    matched = hit != negate;
    return i + 1;
}

// Iterative matcher with backtracking for '*' (one segment) and '**' (any segments).
bool match(std::string_view p, std::string_view s) {
    std::size_t pi = 0, si = 0;
    std::size_t star_p = std::string_view::npos, star_s = 0;
    bool star_any = false;
    while (si < s.size()) {
        if (pi < p.size()) {
            if (p.substr(pi, 3) == "**/") {
                // "**/" matches zero or more whole segments.
                star_p = pi + 3, star_s = si, star_any = true;
                pi += 3;
                continue;
            }
            if (p.substr(pi, 2) == "**") {
                star_p = pi + 2, star_s = si, star_any = true;
                pi += 2;
                continue;
            }
            if (p[pi] == '*') {
                star_p = ++pi, star_s = si, star_any = false;
                continue;
            }
            if (p[pi] == '?' && s[si] != '/') {
                ++pi, ++si;
                continue;
            }
            if (p[pi] == '[') {
                bool m = false;
                auto next = match_class(p.substr(pi), s[si], m);
                if (next != std::string_view::npos && m && s[si] != '/') {
                    pi += next, ++si;
                    continue;
                }
            } else if (p[pi] == s[si]) {
                ++pi, ++si;
                continue;
            }
        }
        if (star_p != std::string_view::npos && (star_any || s[star_s] != '/')) {
            if (star_any && p.substr(star_p >= 3 ? star_p - 3 : 0, 3) == "**/") {
                // After "**/" the next attempt must start at a segment boundary.
                auto slash = s.find('/', star_s);
                if (slash == std::string_view::npos) return false;
                star_s = slash + 1;
            } else {
                ++star_s;
            }
            si = star_s;
            pi = star_p;
            continue;
        }
        return false;
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.empty()) return false;
    if (pattern.front() == '/') return match(pattern.substr(1), path);
    if (pattern.find('/') == std::string_view::npos) {
        auto slash = path.rfind('/');
        return match(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
    }
    if (match(pattern, path)) return true;
    // A relative pattern with '/' also matches below any directory, as in .gitignore's "**/".
    return false;
}

}  // namespace nhiscan
