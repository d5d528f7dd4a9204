#include "scan/inline_allow.hpp"

#include <algorithm>
#include <cstring>

namespace nhiscan {
namespace {

constexpr std::string_view kAllow = "nhiscan:allow";
constexpr std::string_view kNextLineSuffix = "-next-line";
constexpr std::string_view kGitleaksAllow = "gitleaks:allow";

AllowedLine line_at(std::string_view data, std::size_t p) {
    std::size_t b = p == 0 ? std::string_view::npos : data.rfind('\n', p - 1);
    b = b == std::string_view::npos ? 0 : b + 1;
    std::size_t e = data.find('\n', p);
    return {b, e == std::string_view::npos ? data.size() : e};
}

// data.find(marker, from). string_view::find walks the marker's first letter with memchr, and
// an 'n' or a 'g' is in most words of real text (this was 5% of `dir` on the JDK sources);
// ':' is rarer, so the markers are found from their colon.
std::size_t find_marker(std::string_view data, std::string_view marker, std::size_t from) {
    const std::size_t colon = marker.find(':');
    for (std::size_t c = from + colon; c < data.size(); ++c) {
        const void* hit = std::memchr(data.data() + c, ':', data.size() - c);
        if (!hit) break;
        c = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data());
        if (data.substr(c - colon, marker.size()) == marker) return c - colon;
    }
    return std::string_view::npos;
}

}  // namespace

std::vector<AllowedLine> inline_allowed_lines(std::string_view data) {
    std::vector<AllowedLine> lines;
    // Each marker line is delimited once: skip the rest of a line already taken.
    auto add_same_line = [&](std::string_view marker, auto&& accept) {
        std::size_t line_end = 0;
        bool any = false;
        for (std::size_t p = find_marker(data, marker, 0); p != std::string_view::npos;
             p = find_marker(data, marker, p + 1)) {
            if (any && p < line_end) continue;
            if (!accept(p)) continue;
            AllowedLine l = line_at(data, p);
            lines.push_back(l);
            line_end = l.end;
            any = true;
        }
    };
    auto is_next_line_marker = [&](std::size_t p) {
        return data.substr(p + kAllow.size(), kNextLineSuffix.size()) == kNextLineSuffix;
    };
    add_same_line(kAllow, [&](std::size_t p) { return !is_next_line_marker(p); });
    add_same_line(kGitleaksAllow, [](std::size_t) { return true; });
    // allow-next-line: the line after the marker's; a marker on the last line allows nothing.
    std::size_t last_marker_line_end = std::string_view::npos;
    for (std::size_t p = find_marker(data, kAllow, 0); p != std::string_view::npos;
         p = find_marker(data, kAllow, p + 1)) {
        if (!is_next_line_marker(p)) continue;
        AllowedLine own = line_at(data, p);
        if (own.end == last_marker_line_end) continue;
        last_marker_line_end = own.end;
        if (own.end >= data.size()) continue;
        lines.push_back(line_at(data, own.end + 1));
    }
    std::sort(lines.begin(), lines.end(), [](const AllowedLine& a, const AllowedLine& b) { return a.begin < b.begin; });
    lines.erase(std::unique(lines.begin(), lines.end(),
                            [](const AllowedLine& a, const AllowedLine& b) { return a.begin == b.begin; }),
                lines.end());
    return lines;
}

}  // namespace nhiscan
