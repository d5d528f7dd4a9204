#include "scan/predicates.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/bytes.hpp"
#include "scan/validators.hpp"

namespace nhiscan::predicates {

bool repeated(std::string_view s) {
    if (s.empty()) return true;
    std::array<std::size_t, 256> counts{};
    for (unsigned char c : s) ++counts[c];
    if (*std::max_element(counts.begin(), counts.end()) * 10 >= s.size() * 6) return true;
    // A unit of 1-4 bytes repeated over the whole value ("abcabcabc").
    for (std::size_t unit = 1; unit <= 4 && unit * 3 <= s.size(); ++unit) {
        bool all = true;
        for (std::size_t i = unit; i < s.size() && all; ++i) all = s[i] == s[i - unit];
        if (all) return true;
    }
    return false;
}

bool sequential(std::string_view s) {
    if (s.size() < 4) return false;
    std::size_t covered = 0, run = 1;
    int dir = 0;
    for (std::size_t i = 1; i <= s.size(); ++i) {
        int d = i < s.size() ? static_cast<unsigned char>(s[i]) - static_cast<unsigned char>(s[i - 1]) : 0;
        bool step = (d == 1 || d == -1) && (run == 1 || d == dir);
        if (i < s.size() && step) {
            dir = d;
            ++run;
            continue;
        }
        if (run >= 4) covered += run;
        run = 1;
        dir = 0;
        if (i < s.size() && (d == 1 || d == -1)) {
            run = 2;
            dir = d;
        }
    }
    return covered * 2 >= s.size();
}

bool single_class(std::string_view s) {
    auto all = [&](int (*f)(int)) {
        return std::all_of(s.begin(), s.end(), [f](char c) { return f(static_cast<unsigned char>(c)) != 0; });
    };
    return !s.empty() && (all(isdigit) || all(islower) || all(isupper));
}

bool word_like(std::string_view s) {
    if (s.empty() || !single_class(s) || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    std::size_t vowels = 0;
    for (char c : s)
        if (std::string_view("aeiouyAEIOUY").find(c) != std::string_view::npos) ++vowels;
    return vowels * 10 >= s.size() * 3;
}

bool hex_hash(std::string_view s) {
    if (s.size() != 32 && s.size() != 40 && s.size() != 64 && s.size() != 128) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

bool uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

bool keyboard_mash(std::string_view s) {
    constexpr std::string_view kHome = "asdfghjkl";
    constexpr unsigned kNotHex = 0b111110010;  // s g h j k l: home-row letters that are not hex digits
    std::size_t letters = 0, home = 0;
    unsigned seen = 0;  // bit per home-row letter
    for (unsigned char c : s) {
        if (!std::isalpha(c)) continue;
        ++letters;
        if (auto k = kHome.find(static_cast<char>(c)); k != std::string_view::npos) {
            ++home;
            seen |= 1u << k;
        }
    }
    // Five different home-row letters, three of them not hex digits: a hex body (a, d, f) behind
    // a prefix such as `sk_` never qualifies.
    if (letters >= 6 && home * 5 >= letters * 4 && std::popcount(seen) >= 5 && std::popcount(seen & kNotHex) >= 3)
        return true;
    // Walks: 5 neighbouring keys of one row, either direction, any case.
    constexpr std::string_view kRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    constexpr std::size_t kWalk = 5;
    for (std::size_t i = 0; i + kWalk <= s.size(); ++i) {
        for (auto row : kRows) {
            auto at = [&](std::size_t k) {
                return row.find(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + k]))));
            };
            std::size_t p0 = at(0);
            if (p0 == std::string_view::npos) continue;
            for (int dir : {1, -1}) {
                std::size_t k = 1;
                for (; k < kWalk; ++k) {
                    std::size_t p = at(k);
                    if (p == std::string_view::npos || static_cast<long>(p) - static_cast<long>(p0) != dir * static_cast<long>(k))
                        break;
                }
                if (k == kWalk) return true;
            }
        }
    }
    return false;
}

bool jwt_placeholder_key(std::string_view s) {
    // Placeholder HMAC keys from the JWT libraries' and jwt.io's documentation.
    static constexpr std::string_view kKeys[] = {
        "secret",
        "Secret",
        "SECRET",
        "secretkey",
        "secret-key",
        "secret_key",
        "secretKey",
        "your-256-bit-secret",
        "your-384-bit-secret",
        "your-512-bit-secret",
        "a-string-secret-at-least-256-bits-long",
        "your-secret-key",
        "your_secret_key",
        "your-secret",
        "yoursecret",
        "my-secret",
        "my_secret",
        "mysecret",
        "my-secret-key",
        "my_secret_key",
        "mysecretkey",
        "shhhhh",
        "shhhhhhared-secret",
        "key",
        "password",
        "changeme",
        "test",
        "testing",
        "example",
        "jwt-secret",
        "jwt_secret",
        "jwtsecret",
        "super-secret",
        "supersecret",
        "top-secret",
        "topsecret",
        // hapi-auth-jwt2's README (its "valid token you can use" for the example server), copied
        // into hapi tutorials
        "NeverShareYourSecret",
    };
    auto d1 = s.find('.');
    auto d2 = d1 == std::string_view::npos ? d1 : s.find('.', d1 + 1);
    if (d2 == std::string_view::npos || s.find('.', d2 + 1) != std::string_view::npos) return false;
    std::string header = base64_decode(s.substr(0, d1), true);
    const EVP_MD* md = nullptr;
    if (header.find("\"HS256\"") != std::string::npos) md = EVP_sha256();
    else if (header.find("\"HS384\"") != std::string::npos) md = EVP_sha384();
    else if (header.find("\"HS512\"") != std::string::npos) md = EVP_sha512();
    if (md == nullptr) return false;
    std::string sig = base64_decode(s.substr(d2 + 1), true);
    if (sig.size() != static_cast<std::size_t>(EVP_MD_get_size(md))) return false;
    std::string_view signing_input = s.substr(0, d2);
    unsigned char mac[EVP_MAX_MD_SIZE];
    for (auto key : kKeys) {
        unsigned int len = 0;
        if (HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(signing_input.data()),
                 signing_input.size(), mac, &len) == nullptr)
            continue;
        if (len == sig.size() && std::equal(sig.begin(), sig.end(), reinterpret_cast<const char*>(mac))) return true;
    }
    return false;
}

bool jwt_unsigned(std::string_view s) {
    auto d1 = s.find('.');
    if (d1 == std::string_view::npos) return false;
    std::string header = base64_decode(s.substr(0, d1), true);
    if (header.empty() || header.front() != '{') return false;
    // "alg" : "none", any case, any spacing
    std::string h;
    for (char c : header)
        if (!std::isspace(static_cast<unsigned char>(c)))
            h.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return h.find("\"alg\":\"none\"") != std::string::npos;
}

namespace {

// The hex digits of a one-case hex value, dashes dropped (a UUID's groups), or "" for any other
// value: its symbols are 16, not the 36 of lower-case alphanumerics.
std::string hex_digits(std::string_view s) {
    std::string out;
    bool letter = false, digit = false, lower = false, upper = false;
    for (unsigned char c : s) {
        if (c == '-') continue;
        if (std::isdigit(c)) digit = true;
        else if (c >= 'a' && c <= 'f') letter = lower = true;
        else if (c >= 'A' && c <= 'F') letter = upper = true;
        else return {};
        out.push_back(static_cast<char>(c));
    }
    if (!letter || !digit || (lower && upper) || out.size() * 8 < s.size() * 7) return {};
    return out;
}

}  // namespace

bool low_entropy_for_length(std::string_view s) {
    constexpr double kFlat = 3.5;
    if (s.size() < 12) return shannon_entropy(s) < kFlat;
    // A hex value of one case draws from 16 symbols, not from digits and 26 letters: judged as
    // lower-case alphanumerics, a random 32-hex API key (3.3-3.7 bits) fell under the 3.5 floor.
    const std::string hex = hex_digits(s);
    const std::string_view v = hex.empty() ? s : std::string_view(hex);
    double alphabet = 16;
    if (hex.empty()) {
        bool digit = false, lower = false, upper = false, other = false;
        for (unsigned char c : s) {
            if (std::isdigit(c)) digit = true;
            else if (std::islower(c)) lower = true;
            else if (std::isupper(c)) upper = true;
            else other = true;
        }
        alphabet = (digit ? 10 : 0) + (lower ? 26 : 0) + (upper ? 26 : 0) + (other ? 32 : 0);
    }
    const double h = shannon_entropy(v), n = static_cast<double>(v.size()), ln2 = std::log(2.0);
    // Expected Shannon entropy of n draws from `alphabet` symbols: the first term holds while n
    // is small against the alphabet, the second (Miller-Madow) once it is large; each falls
    // short of the truth outside its range, so the larger is the closer.
    const double expected =
        std::max(std::log2(n) - (n - 1) / (2 * alphabet * ln2), std::log2(alphabet) - (alphabet - 1) / (2 * n * ln2));
    return h < std::min(kFlat, expected - 0.5);
}

namespace {

bool identifier_piece_words(std::string_view s) {
    std::size_t letters = 0, words = 0;
    auto up = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
    auto low = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '_') continue;
        if (!up(c) && !low(c)) return false;
        ++letters;
        bool starts = i == 0 || s[i - 1] == '_' || (up(c) && low(s[i - 1])) ||       // getApi
                      (up(c) && up(s[i - 1]) && i + 1 < s.size() && low(s[i + 1]));  // HTTPPassword
        if (starts) ++words;
    }
    return letters > 0 && letters >= 3 * words;
}

}  // namespace

// Each piece of a reference reads as words: `credValue.AccessKeyID`, `!auth.useApiKey`,
// `+fmt.Sprintf(` (code after a name, not a literal), a struct tag's key `locationName:`,
// `MINIO_SECRET_KEY.` ending a sentence. A piece may end in up to three digits (`oauth2`).
bool identifier_words(std::string_view s) {
    if (!s.empty() && std::string_view("!+&*").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
    if (s.size() >= 2 && s.substr(s.size() - 2) == "()") s.remove_suffix(2);
    else if (!s.empty() && std::string_view("(.,;:").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
    if (s.empty()) return false;
    for (std::size_t b = 0; b <= s.size();) {
        std::size_t e = s.find('.', b);
        if (e == std::string_view::npos) e = s.size();
        std::string_view piece = s.substr(b, e - b);
        std::size_t digits = 0;
        while (digits < piece.size() && std::isdigit(static_cast<unsigned char>(piece[piece.size() - 1 - digits])))
            ++digits;
        if (digits > 3 || !identifier_piece_words(piece.substr(0, piece.size() - digits))) return false;
        b = e + 1;
    }
    return true;
}

namespace {

// Letters or digits of one class whose codes step by +1 or -1 (b after a, 4 after 5).
bool steps(char a, char b, int dir) {
    auto cls = [](unsigned char c) { return std::isdigit(c) ? 1 : std::islower(c) ? 2 : std::isupper(c) ? 3 : 0; };
    int ca = cls(static_cast<unsigned char>(a));
    return ca != 0 && ca == cls(static_cast<unsigned char>(b)) &&
           static_cast<unsigned char>(b) - static_cast<unsigned char>(a) == dir;
}

}  // namespace

namespace {

bool filler_covers_half(std::string_view s) {
    const std::size_t n = s.size();
    if (n < 8) return false;
    std::vector<bool> filler(n, false);
    auto mark = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k) filler[k] = true;
    };
    // Runs of 5+: 01234, abcde, 98765.
    for (int dir : {1, -1}) {
        std::size_t from = 0;
        for (std::size_t i = 1; i <= n; ++i) {
            if (i < n && steps(s[i - 1], s[i], dir)) continue;
            if (i - from >= 5) mark(from, i);
            from = i;
        }
    }
    // Two runs of 4 interleaved: a1b2c3d4, 1a2b3c4d.
    auto run_at = [&](std::size_t i) {  // s[i], s[i+2], s[i+4], s[i+6] step one way
        for (int dir : {1, -1})
            if (steps(s[i], s[i + 2], dir) && steps(s[i + 2], s[i + 4], dir) && steps(s[i + 4], s[i + 6], dir))
                return true;
        return false;
    };
    for (std::size_t i = 0; i + 8 <= n; ++i)
        if (run_at(i) && run_at(i + 1)) mark(i, i + 8);
    // One unit of 1 to 16 characters repeated over 8+ characters, twice at least, with 7+
    // characters equal to the one a unit before (12341234 in 16 random digits is chance).
    for (std::size_t p = 1; p <= 16 && 2 * p <= n; ++p) {
        std::size_t i = p;
        while (i < n) {
            if (s[i] != s[i - p]) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < n && s[j] == s[j - p]) ++j;
            if (j - (i - p) >= std::max<std::size_t>(8, 2 * p) && j - i >= 7) mark(i - p, j);
            i = j + 1;
        }
    }
    return static_cast<std::size_t>(std::count(filler.begin(), filler.end(), true)) * 2 >= n;
}

}  // namespace

bool base64_phrase(std::string_view s) {
    if (s.size() < 16) return false;
    std::string text = base64_decode(s, false);
    if (text.empty()) text = base64_decode(s, true);
    if (text.size() < 12) return false;
    std::size_t blanks = 0, letters = 0, home_row = 0, longest_home_row = 0;
    for (unsigned char c : text) {
        if (c < 0x20 || c > 0x7e) return false;
        blanks += c == ' ';
        letters += std::isalpha(c) != 0;
        home_row =
            std::string_view("asdfghjkl").find(static_cast<char>(c)) != std::string_view::npos ? home_row + 1 : 0;
        longest_home_row = std::max(longest_home_row, home_row);
    }
    // ... or of typed filler: the alphabet (abcdefghijklmnopqrstuvwxyz12345), keys of the home row
    // (slkfjhadlfakjhdslfkj). Random bytes almost never decode to printable text of 12 or more.
    return (blanks >= 2 && letters * 10 >= text.size() * 7) || longest_home_row >= 8 || placeholder_body(text);
}

namespace {

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80                 ? 1
                          : c >= 0xc2 && c <= 0xdf ? 2
                          : c >= 0xe0 && c <= 0xef ? 3
                          : c >= 0xf0 && c <= 0xf4 ? 4
                                                   : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
        if (len > 2) {
            const auto d = static_cast<unsigned char>(s[i + 1]);
            if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d > 0x9f) || (c == 0xf0 && d < 0x90) ||
                (c == 0xf4 && d > 0x8f))
                return false;
        }
        i += len;
    }
    return true;
}

}  // namespace

bool not_user_password(std::string_view s) {
    std::string text = base64_decode(s, false);
    std::size_t colon = text.find(':');
    // An API key as the user and no password (`sk_live_…:`) is how Stripe and others take a key.
    if (colon == std::string::npos || colon == 0 || (colon + 1 == text.size() && colon < 16)) return true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f || (i < colon && c == ' ')) return true;  // a user name has no blank
    }
    // user-pass is text, UTF-8 by RFC 7617's charset: bytes that do not form it are a word or an
    // identifier read as base64 (a comment's "a basic ITraceparent" decodes to `!:` and seven
    // bytes of no encoding). Random bytes past 0x7f almost never form UTF-8.
    return !valid_utf8(text);
}

bool base64_example_pair(std::string_view s) {
    std::string text = base64_decode(s, false);
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // A JSON login whose password spells "password" ({"user":"…","password":"defaultPassword"}, a
    // local development server's default login).
    constexpr std::string_view kKey = "\"password\":\"";
    if (std::size_t key = text.find(kKey); key != std::string::npos) {
        std::size_t from = key + kKey.size(), to = text.find('"', from);
        return to != std::string::npos && text.substr(from, to - from).find("password") != std::string::npos;
    }
    std::size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
    std::string_view user = std::string_view(text).substr(0, colon), pass = std::string_view(text).substr(colon + 1);
    // ... or the digits typed in order (charles:12345 in a comment showing the header's form)
    const bool counted = pass.size() >= 4 && std::string_view("1234567890").starts_with(pass);
    return pass == user || pass == "pass" || pass == "pwd" || pass == "passwd" || pass == "secret" || counted;
}

bool placeholder_body(std::string_view s) {
    if (filler_covers_half(s)) return true;
    // The same without separators: 12345678-9012-3456-7890-123456789012, a1b2c3d4-e5f6-a1b2-...
    std::string letters;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) letters.push_back(c);
    return letters.size() != s.size() && filler_covers_half(letters);
}

namespace {

// Every name a filter's `checks` may use (rules/pack.cpp lists the same names for load-time
// errors; tests/unit/scan/dispatch_test.cpp proves the two lists agree).
constexpr Named kPredicates[] = {
    {"repeated", repeated},
    {"sequential", sequential},
    {"single-class", single_class},
    {"word-like", word_like},
    {"hex-hash", hex_hash},
    {"uuid", uuid},
    {"keyboard-mash", keyboard_mash},
    {"jwt-placeholder-key", jwt_placeholder_key},
    {"jwt-unsigned", jwt_unsigned},
    {"low-entropy-for-length", low_entropy_for_length},
    {"identifier-words", identifier_words},
    {"placeholder-body", placeholder_body},
    {"base64-phrase", base64_phrase},
    {"not-user-password", not_user_password},
    {"base64-example-pair", base64_example_pair},
};

}  // namespace

std::span<const Named> table() { return kPredicates; }

Fn find(std::string_view name) {
    for (const auto& p : kPredicates)
        if (p.name == name) return p.fn;
    return nullptr;
}

bool check(std::string_view name, std::string_view s) {
    Fn fn = find(name);
    return fn && fn(s);
}

}  // namespace nhiscan::predicates
