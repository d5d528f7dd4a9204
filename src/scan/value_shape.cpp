#include "scan/value_shape.hpp"

#include <algorithm>
#include <cctype>

namespace nhiscan {

// Whether a keyword value spells one of the rule's words as a name part: the word at the value's
// start or end, or next to a `_`, `-` or `.` (`WEATHERSTACK_API_KEY`, `myweatherstack-key`). A
// random value may hold the word's letters inside it (`2agfaStLyQ9…` for `fastly`): still a key.
bool value_spells_word(std::string_view value, const std::vector<std::string>& words) {
    auto fold = [](std::string_view in) {  // a space, `-` and `.` read as `_`
        std::string out;
        for (char c : in)
            out.push_back(c == ' ' || c == '-' || c == '.'
                              ? '_'
                              : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        return out;
    };
    const std::string lv = fold(value);
    auto delimited = [&](const std::string& n) {
        for (std::size_t at = n.empty() ? std::string::npos : lv.find(n); at != std::string::npos;
             at = lv.find(n, at + 1)) {
            std::size_t end = at + n.size();
            if (at == 0 || end == lv.size() || lv[at - 1] == '_' || lv[end] == '_') return true;
        }
        return false;
    };
    for (const auto& w : words) {
        std::string lw = fold(w);
        if (delimited(lw)) return true;
        std::erase(lw, '_');  // "secret key" also as secretkey
        if (delimited(lw)) return true;
    }
    return false;
}

// Whether the 64-hex value at `start` is the value of a fingerprint field that nhiscan itself
// writes (a baseline's or a JSON report's `fingerprint`, `location_fingerprint`, SARIF's
// `nhiscan/v1`): a SHA-256 of a finding, never a secret. Teams commit their baseline, and a
// keyword rule would read its record (`"fingerprint":"<hex>","rule_id":"linode-…"`) as a key.
bool own_fingerprint_field(ByteView data, std::size_t start, std::size_t end) {
    if (end - start != 64) return false;
    for (std::size_t i = start; i < end; ++i)
        if (!((data[i] >= '0' && data[i] <= '9') || (data[i] >= 'a' && data[i] <= 'f'))) return false;
    std::size_t i = start;
    if (i == 0 || data[i - 1] != '"') return false;
    --i;
    while (i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t')) --i;
    if (i == 0 || data[i - 1] != ':') return false;
    --i;
    while (i > 0 && (data[i - 1] == ' ' || data[i - 1] == '\t')) --i;
    for (std::string_view key : {"\"fingerprint\"", "\"location_fingerprint\"", "\"nhiscan/v1\""})
        if (i >= key.size() && data.substr(i - key.size(), key.size()) == key) return true;
    return false;
}

bool integrity_digest(ByteView data, std::size_t start, std::size_t end) {
    for (std::string_view alg : {"sha512-", "sha384-", "sha256-", "sha1-"}) {
        if (start < alg.size() || data.substr(start - alg.size(), alg.size()) != alg) continue;
        // the algorithm is a word of its own (not `xsha512-`), and the value is the whole digest
        if (start > alg.size() && std::isalnum(static_cast<unsigned char>(data[start - alg.size() - 1]))) return false;
        for (std::size_t i = start; i < end; ++i) {
            const char c = data[i];
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) return false;
        }
        return true;
    }
    return false;
}

bool one_case_hex(std::string_view s) {
    bool lower = false, upper = false;
    for (char c : s) {
        if (c >= 'a' && c <= 'f') lower = true;
        else if (c >= 'A' && c <= 'F') upper = true;
        else if (c < '0' || c > '9') return false;
    }
    return !(lower && upper);
}

// A value masked by hand for a README or a ticket (`AIzaSyC6GvjvPlEzJpTW2bW2t0MPHXXXXXXXXXX`):
// eight x's in a row, or six at its end. Random base64 holds eight of one letter about once in
// 10^11 values of this length; no format has them.
bool masked_by_hand(std::string_view s) {
    std::size_t run = 0;
    for (char c : s) {
        run = (c == 'x' || c == 'X') ? run + 1 : 0;
        if (run >= 8) return true;
    }
    return run >= 6;
}

bool capitalised_word(std::string_view s) {
    if (s.size() < 2 || !(s[0] >= 'A' && s[0] <= 'Z')) return false;
    return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A code identifier of English words run together: `FileTimeToSystemTime`,
// `getSystemTimeAsFileTime`, or joined by `-`/`_` (`php-symfony-free-mobile-notifier`, a
// package name under a list naming `discord`). Letters only, each piece an optional capital
// and lower-case letters with a vowel (a piece of three between separators may be an
// abbreviation: `php`, `npm`), 15% vowels in a piece and no run of more than four consonants
// (`String`, `Length` are words; `hawmbffm` is not), 28% vowels in all.
// Measured on 200,000 random values each: 0.47% of 12-letter mixed-case values read so, 0.11%
// at 16; 0.04% of 12-character alphanumeric ones, 0.01% at 16 (one with a digit never does);
// 94% of the JDK's and aws-sdk-go's camel-case identifiers of 12 letters or more.
// From 16 characters, acronyms and short numbers may stand between the words
// (`WebStandardStreamableHTTPServerTransport`, `INodeTypeDescription`, `sourceMappingURL`,
// `GoogleFirebaseRealtimeDatabaseV1NodeBase`, `microsoftOAuth2Api`: type names in SDKs and
// bundles that provider words nearby made keys) if the words are three quarters of the value,
// four letters long on average, at least as many as the acronyms and numbers less one, each with
// a fifth of a, e, i, o, u, no run of four other letters, and ending in a vowel, one consonant
// or a consonant pair that ends English words. Random values then read so at 16 characters:
// 0.25% of mixed-case letters, 0.02% of alphanumerics, 0.01% of base64url, 0% of lower-case
// alphanumerics; at 20, 0.07%, 0.001%, 0.001% (200,000 each). A number ends a word: a capital,
// a separator or the end follows it.
bool identifier_of_words(std::string_view s) {
    if (s.size() < 12) return false;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    auto vowel = [](char c) { return std::string_view("aeiouyAEIOUY").find(c) != std::string_view::npos; };
    auto separator = [](char c) { return c == '-' || c == '_'; };
    std::size_t pieces = 0, vowels = 0, letters = 0, others = 0;
    bool plain = true;  // every word piece has a fifth of a, e, i, o, u and no run of four consonants
    for (std::size_t i = 0; i < s.size();) {
        const bool after_separator = i > 0 && separator(s[i - 1]);
        // An acronym: capitals that no lower-case letter follows, up to the one that starts the
        // next word (`HTTP` in `HTTPServer`, `I` in `INodeType`, `AI` at the end).
        std::size_t caps = i;
        while (caps < s.size() && upper(s[caps])) ++caps;
        const std::size_t acronym = caps - i - (caps < s.size() && lower(s[caps]) && caps > i ? 1 : 0);
        if (acronym > 5) return false;
        if (acronym > 0) {
            i += acronym;
            ++others;
        } else {
            std::size_t b = i;
            if (upper(s[i])) ++i;
            const std::size_t first_lower = i;
            while (i < s.size() && lower(s[i])) ++i;
            if (i == first_lower) return false;  // not a letter
            const std::size_t n = i - b;
            std::size_t piece_vowels = 0, run = 0, strict_vowels = 0, strict_run = 0;
            for (std::size_t k = b; k < i; ++k) {
                const bool v = vowel(s[k]);
                piece_vowels += v;
                run = v ? 0 : run + 1;
                if (run > 4) return false;
                const bool sv = v && s[k] != 'y' && s[k] != 'Y';
                strict_vowels += sv;
                strict_run = sv ? 0 : strict_run + 1;
                if (strict_run > 3) plain = false;
            }
            if (strict_vowels * 5 < n) plain = false;
            // ... and ends in a vowel, one consonant or a pair that ends English words (`Binr` does not)
            if (n >= 2 && !vowel(s[i - 1]) && !vowel(s[i - 2]) &&
                std::string_view("ck ct ft ld lf lk ll lm lp lt mb mp nd ng nk ns nt ps pt rb rd rk rl rm rn rp rs rt "
                                 "sh sk sp ss st th ts ch gh ph wn ws xt ds ks gs ls ms ns rc rf rg ry ly ny ty dy")
                        .find(std::string{static_cast<char>(s[i - 2] | 0x20), s[i - 1]}) == std::string_view::npos)
                plain = false;
            const bool delimited = (b == 0 || after_separator) && (i == s.size() || separator(s[i]));
            if (piece_vowels == 0 ? !(n == 3 && delimited) : piece_vowels * 20 < n * 3) return false;
            vowels += piece_vowels;
            letters += n;
            ++pieces;
        }
        // a version or a number of one or two digits after a piece (`V4`, `OAuth2`)
        std::size_t d = i;
        while (d < s.size() && digit(s[d])) ++d;
        if (d - i > 2) return false;
        if (d > i) {
            // ... that ends a word: a capital, a separator or the end follows (`zjic6lo1ruxs` is no name)
            if (d < s.size() && lower(s[d])) return false;
            ++others;
            i = d;
        }
        if (i < s.size() && separator(s[i])) {
            ++i;
            if (i == s.size() || separator(s[i])) return false;  // a trailing or doubled separator
        }
    }
    // With an acronym or digits, the words are most of the value and long: random mixed-case
    // values have short pieces between their capitals.
    if (others > 0 &&
        (!plain || s.size() < 16 || others * 2 > pieces + 1 || letters * 4 < s.size() * 3 || letters < 4 * pieces))
        return false;
    return pieces >= 2 && vowels * 25 >= letters * 7;
}

}  // namespace nhiscan
