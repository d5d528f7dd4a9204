#include "core/diag.hpp"

#include <cstdio>
#include <mutex>
#include <set>

#include <fmt/core.h>

namespace nhiscan::diag {
namespace {
std::atomic<bool> g_quiet{false};
std::atomic<std::size_t> g_errors{0};
std::mutex g_mu;
std::set<std::string, std::less<>> g_once;

void emit(std::string_view kind, std::string_view msg) {
    std::lock_guard lock(g_mu);
    fmt::print(stderr, "nhiscan: {}: {}\n", kind, msg);
    std::fflush(stderr);
}
}  // namespace

void set_quiet(bool q) { g_quiet = q; }
bool quiet() { return g_quiet; }

void notice(std::string_view msg) {
    if (!g_quiet) emit("notice", msg);
}

void notice_once(std::string_view key, std::string_view msg) {
    {
        std::lock_guard lock(g_mu);
        if (!g_once.emplace(key).second) return;
    }
    notice(msg);
}

void warning(std::string_view msg) { emit("warning", msg); }

void scan_error(std::string_view msg) {
    ++g_errors;
    emit("error", msg);
}

void scan_errors_capped(std::size_t n, const std::function<std::string(std::size_t)>& message,
                        const std::function<std::string(std::size_t)>& more) {
    constexpr std::size_t kShown = 10;
    for (std::size_t i = 0; i < n && i < kShown; ++i) scan_error(message(i));
    if (n > kShown) scan_error(more(n - kShown));
}

std::size_t scan_error_count() { return g_errors; }

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        // Accept well-formed multi-byte UTF-8 sequences as they are.
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len > 1 && i + len <= s.size();
        for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
        if (ok) {
            out.append(s.substr(i, len));
            i += len - 1;
        } else if (c >= 0x20 && c < 0x7F) {
            out.push_back(static_cast<char>(c));
        } else {
            out += fmt::format("\\x{:02x}", c);
        }
    }
    return out;
}

std::string quoted_value(std::string_view v) {
    bool plain = !v.empty() && v.size() <= 24;
    for (char c : v)
        plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '.' || c == ' ');
    if (plain) return fmt::format("'{}'", v);
    return fmt::format("(a {}-byte value, not shown)", v.size());
}

}  // namespace nhiscan::diag
