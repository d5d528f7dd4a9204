#include "core/glob.hpp"

#include <fnmatch.h>

#include <string>
#include <vector>

namespace nhiscan {
namespace {

std::vector<std::string> split(std::string_view s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (;;) {
        auto slash = s.find('/', pos);
        out.emplace_back(s.substr(pos, slash == std::string_view::npos ? slash : slash - pos));
        if (slash == std::string_view::npos) return out;
        pos = slash + 1;
    }
}

// Segment-wise: "**" consumes zero or more whole segments, anything else is one fnmatch
// segment. Recursion depth is bounded by the number of pattern segments.
bool match_segments(const std::vector<std::string>& p, std::size_t pi, const std::vector<std::string>& s,
                    std::size_t si) {
    if (pi == p.size()) return si == s.size();
    if (p[pi] == "**") {
        for (std::size_t k = si; k <= s.size(); ++k)
            if (match_segments(p, pi + 1, s, k)) return true;
        return false;
    }
    if (si == s.size()) return false;
    return ::fnmatch(p[pi].c_str(), s[si].c_str(), 0) == 0 && match_segments(p, pi + 1, s, si + 1);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (pattern.empty()) return false;
    bool anchored = pattern.front() == '/';
    if (anchored) pattern.remove_prefix(1);
    if (!anchored && pattern.find('/') == std::string_view::npos) {
        auto slash = path.rfind('/');
        std::string base(slash == std::string_view::npos ? path : path.substr(slash + 1));
        return ::fnmatch(std::string(pattern).c_str(), base.c_str(), 0) == 0;
    }
    return match_segments(split(pattern), 0, split(path), 0);
}

}  // namespace nhiscan
