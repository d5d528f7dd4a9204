// libFuzzer target: the baseline reader (findings/baseline.hpp). Arbitrary bytes as a
// baseline file go through Baseline::parse. Checked:
//   - a rejection is an nhiscan::Error whose message names file:line and never echoes input
//     (a baseline line could hold anything a user pasted, secrets included);
//   - what parses survives format_baseline -> parse unchanged (fingerprints, rule ids, paths
//     and commits as strings; the writer replaces invalid UTF-8, so only valid UTF-8 entries
//     are compared).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>

#include "core/error.hpp"
#include "findings/baseline.hpp"
#include "fuzz_check.hpp"

using namespace nhiscan;
using nhiscan::fuzz::check;

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (!len || i + len > s.size()) return false;
        for (int k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
        if (len == 2 && c < 0xC2) return false;  // overlong
        if (len == 3) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return false;  // overlong, surrogate
        }
        if (len == 4) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return false;
        }
        i += len;
    }
    return true;
}

// A rejection must be "fuzz.baseline:LINE: " followed by one of the reader's fixed messages:
// nothing from the input line may appear in it. (Comparing against the input instead is
// self-defeating: libFuzzer feeds the strings compared back into its dictionary.)
bool fixed_message(std::string_view msg) {
    constexpr std::string_view prefix = "fuzz.baseline:";
    if (msg.substr(0, prefix.size()) != prefix) return false;
    msg.remove_prefix(prefix.size());
    std::size_t digits = 0;
    while (digits < msg.size() && msg[digits] >= '0' && msg[digits] <= '9') ++digits;
    if (digits == 0 || msg.substr(digits, 2) != ": ") return false;
    msg.remove_prefix(digits + 2);
    static const std::string_view allowed[] = {
        "malformed baseline entry: expected one JSON object per line",
        "malformed baseline entry: missing 'fingerprint'",
        "malformed baseline entry: missing 'rule_id'",
        "malformed baseline entry: 'fingerprint' must be a string",
        "malformed baseline entry: 'rule_id' must be a string",
        "malformed baseline entry: 'path' must be a string",
        "malformed baseline entry: 'commit' must be a string",
        "malformed baseline entry: 'fingerprint' must be 64 lower-case hex digits",
    };
    for (auto a : allowed)
        if (msg == a) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 256 * 1024) return -1;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    Baseline b;
    try {
        b = Baseline::parse(text, "fuzz.baseline");
    } catch (const Error& e) {
        if (!fixed_message(e.what())) {
            std::fprintf(stderr, "unexpected baseline error message (echo of the input?): %s\n", e.what());
            std::abort();
        }
        return 0;
    }
    auto entries = b.entries();
    for (const auto& e : entries) check(b.contains(e.fingerprint), "every entry's fingerprint is contained");
    if (!std::all_of(entries.begin(), entries.end(), [](const BaselineEntry& e) {
            return valid_utf8(e.rule_id) && valid_utf8(e.path) && valid_utf8(e.commit);
        }))
        return 0;
    // format_baseline writes what it is given; an empty commit is omitted, so compare as such.
    std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& c) {
        return std::tie(a.fingerprint, a.path, a.rule_id, a.commit) < std::tie(c.fingerprint, c.path, c.rule_id, c.commit);
    });
    std::string written = format_baseline(entries);
    Baseline again;
    try {
        again = Baseline::parse(written, "roundtrip.baseline");
    } catch (const Error& e) {
        std::fprintf(stderr, "re-reading a written baseline failed: %s\n", e.what());
        std::abort();
    }
    check(again.entries().size() == entries.size(), "round trip keeps every entry");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto &x = entries[i], &y = again.entries()[i];
        check(x.fingerprint == y.fingerprint && x.rule_id == y.rule_id && x.path == y.path && x.commit == y.commit,
              "round trip keeps each field");
    }
    return 0;
}
