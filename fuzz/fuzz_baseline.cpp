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

using namespace nhiscan;

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant failed: %s\n", what);
        std::abort();
    }
}

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

// The longest run of input bytes (outside JSON punctuation/keys) an error message may share
// with the input by chance: numbers like the line number, or words like "fingerprint".
bool echoes_input(std::string_view msg, std::string_view input) {
    constexpr std::size_t kProbe = 24;
    // Strip the "file:line: " prefix, then look for any 24-byte window of the message in the input.
    for (std::size_t i = 0; i + kProbe <= msg.size(); ++i) {
        std::string_view w = msg.substr(i, kProbe);
        if (input.find(w) != std::string_view::npos) return true;
    }
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
        std::string_view msg = e.what();
        check(msg.rfind("fuzz.baseline:", 0) == 0, "error names the file");
        // Fixed messages are at most this long; anything from the input would make it longer
        // or show up verbatim.
        if (echoes_input(msg, text)) {
            // Allowed only when the input itself contains our own message text (the fuzzer
            // can copy it from the dictionary); otherwise it is an echo.
            check(text.find("malformed baseline entry") != std::string_view::npos ||
                      text.find("must be") != std::string_view::npos || text.find("expected one") != std::string_view::npos ||
                      text.find("fuzz.baseline") != std::string_view::npos,
                  "error message echoes input");
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
