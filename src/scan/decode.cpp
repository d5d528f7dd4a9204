#include "scan/decode.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <utility>

#if defined(__SSSE3__) && defined(__x86_64__)
#include <immintrin.h>
#elif defined(__SSSE3__)
#include <tmmintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/bytes.hpp"

namespace nhiscan {
namespace {

constexpr std::array<std::int8_t, 256> make_b64_table() {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 26; ++i) {
        t['A' + i] = static_cast<std::int8_t>(i);
        t['a' + i] = static_cast<std::int8_t>(26 + i);
    }
    for (int i = 0; i < 10; ++i) t['0' + i] = static_cast<std::int8_t>(52 + i);
    t['+'] = 62;
    t['/'] = 63;
    t['-'] = 62;  // base64url
    t['_'] = 63;
    return t;
}
constexpr auto kB64 = make_b64_table();

int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decoded text worth a second scan: printable ASCII and whitespace, at least 90%.
bool mostly_text(std::string_view s) {
    if (s.size() < 8) return false;
    std::size_t ok = 0;
    for (unsigned char c : s) ok += (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
    return ok * 10 >= s.size() * 9;
}

// A view: the run's line around the decoded bytes, at most kViewContext bytes on each side:
// enough for the key a value is assigned to, and no copy of a whole minified line per run.
DecodedView make_view(std::string_view data, Encoding how, std::size_t rb, std::size_t re, std::string decoded,
                      std::vector<std::uint32_t> decoded_origin) {
    DecodedView v;
    v.how = how;
    v.run_begin = rb;
    v.run_end = re;
    std::size_t lb = std::max(line_begin(data, rb), rb > kViewContext ? rb - kViewContext : 0);
    std::size_t le = std::min(line_end(data, re), re + kViewContext);
    v.text.reserve((rb - lb) + decoded.size() + (le - re));
    v.origin.reserve(v.text.capacity());
    for (std::size_t i = lb; i < rb; ++i) {
        v.text.push_back(data[i]);
        v.origin.push_back(static_cast<std::uint32_t>(i));
    }
    v.decoded_begin = v.text.size();
    v.text += decoded;
    if (decoded_origin.size() == decoded.size()) {
        v.origin.insert(v.origin.end(), decoded_origin.begin(), decoded_origin.end());
    } else {
        v.origin.resize(v.text.size(), static_cast<std::uint32_t>(rb));
    }
    v.decoded_end = v.text.size();
    for (std::size_t i = re; i < le; ++i) {
        v.text.push_back(data[i]);
        v.origin.push_back(static_cast<std::uint32_t>(i));
    }
    return v;
}

bool is_b64(unsigned char c) { return kB64[c] >= 0; }

bool printable(unsigned char c) { return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t'; }

// decode_base64(run) && mostly_text(decoded) for a run of the alphabet without padding, giving
// up at the byte that makes 90% printable unreachable: most runs in code are identifiers whose
// decoding turns binary within a few bytes.
bool decodes_to_text(std::string_view run, std::string& out) {
    const std::size_t total = run.size() * 6 / 8;
    if (run.size() % 4 == 1 || total < 8) return false;
    const std::size_t max_bad = total / 10;  // ok * 10 >= total * 9
    out.clear();
    std::size_t bad = 0;
    std::uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : run) {
        int v = kB64[c];
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            auto byte = static_cast<unsigned char>((acc >> bits) & 0xff);
            if (!printable(byte) && ++bad > max_bad) return false;
            out.push_back(static_cast<char>(byte));
        }
    }
    return true;
}

// The bit mask of base64-alphabet bytes (A-Z a-z 0-9 + / - _) in the 16 bytes at p.
#if defined(__SSSE3__)
// Two 16-entry table lookups (pshufb), one per nibble: a byte is in the alphabet when the bit
// sets of its low and high nibble meet. Half the instructions of the range compares below; this
// mask over every byte of the input was the costliest part of the decoded views. Bits: 1 `+ - /`
// (row 2), 2 digits (row 3), 4 rows 4 and 6 from column 1 (A-O, a-o), 8 rows 5 and 7 up to
// column A (P-Z, p-z), 16 `_` (row 5, column F). Bytes >= 0x80 have row >= 8: no bit.
inline __attribute__((always_inline)) unsigned b64_mask16(const char* p) {
    const __m128i lo_bits = _mm_setr_epi8(2 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8,
                                          2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 4 | 8, 1 | 4, 4, 1 | 4, 4, 1 | 4 | 16);
    const __m128i hi_bits = _mm_setr_epi8(0, 0, 1, 2, 4, 8 | 16, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0);
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i nib = _mm_set1_epi8(0x0f);
    __m128i lo = _mm_shuffle_epi8(lo_bits, _mm_and_si128(v, nib));
    __m128i hi = _mm_shuffle_epi8(hi_bits, _mm_and_si128(_mm_srli_epi16(v, 4), nib));
    __m128i none = _mm_cmpeq_epi8(_mm_and_si128(lo, hi), _mm_setzero_si128());
    return static_cast<unsigned>(~_mm_movemask_epi8(none)) & 0xFFFFu;
}
#elif defined(__SSE2__)
inline __attribute__((always_inline)) unsigned b64_mask16(const char* p) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto in_range = [&](char lo, char len) {  // lo <= c < lo + len, as a signed compare after a shift
        __m128i x = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo + 128)));
        return _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(-128 + len)));
    };
    __m128i m = _mm_or_si128(_mm_or_si128(in_range('A', 26), in_range('a', 26)), in_range('0', 10));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('+')), _mm_cmpeq_epi8(v, _mm_set1_epi8('/'))));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
    return static_cast<unsigned>(_mm_movemask_epi8(m));
}
#else
unsigned b64_mask16(const char* p) {
    unsigned m = 0;
    for (int k = 0; k < 16; ++k) m |= static_cast<unsigned>(is_b64(static_cast<unsigned char>(p[k]))) << k;
    return m;
}
#endif

// The mask of alphabet bytes in the 64 bytes at p, bit k for byte k: four 16-byte lookups
// (SSSE3, wherever Hyperscan runs), two 32-byte ones (AVX2) or one of 64 (AVX-512BW), chosen
// once by CPU. The mask over every byte of the input is most of the decoded views' time.
struct Mask64Ssse3 {
    std::uint64_t operator()(const char* p) const {
        return std::uint64_t{b64_mask16(p)} | std::uint64_t{b64_mask16(p + 16)} << 16 |
               std::uint64_t{b64_mask16(p + 32)} << 32 | std::uint64_t{b64_mask16(p + 48)} << 48;
    }
};
#if defined(__SSSE3__) && defined(__x86_64__)
#define NHISCAN_B64_DISPATCH 1
// The nibble tables of b64_mask16, repeated per 16-byte lane.
#define NHISCAN_B64_LO                                                                                               \
    2 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 2 | 4 | 8, 4 | 8, \
        1 | 4, 4, 1 | 4, 4, 1 | 4 | 16
#define NHISCAN_B64_HI 0, 0, 1, 2, 4, 8 | 16, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0
struct Mask64Avx2 {
    __attribute__((target("avx2"))) static std::uint32_t half(const char* p) {
        const __m256i lo_bits = _mm256_setr_epi8(NHISCAN_B64_LO, NHISCAN_B64_LO);
        const __m256i hi_bits = _mm256_setr_epi8(NHISCAN_B64_HI, NHISCAN_B64_HI);
        const __m256i nib = _mm256_set1_epi8(0x0f);
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
        __m256i lo = _mm256_shuffle_epi8(lo_bits, _mm256_and_si256(v, nib));
        __m256i hi = _mm256_shuffle_epi8(hi_bits, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));
        __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());
        return ~static_cast<std::uint32_t>(_mm256_movemask_epi8(none));
    }
    __attribute__((target("avx2"))) std::uint64_t operator()(const char* p) const {
        return std::uint64_t{half(p)} | std::uint64_t{half(p + 32)} << 32;
    }
};
struct Mask64Avx512 {
    __attribute__((target("avx512f,avx512bw"))) std::uint64_t operator()(const char* p) const {
        alignas(64) static constexpr std::int8_t kLo[64] = {NHISCAN_B64_LO, NHISCAN_B64_LO, NHISCAN_B64_LO,
                                                            NHISCAN_B64_LO};
        alignas(64) static constexpr std::int8_t kHi[64] = {NHISCAN_B64_HI, NHISCAN_B64_HI, NHISCAN_B64_HI,
                                                            NHISCAN_B64_HI};
        const __m512i lo_bits = _mm512_load_si512(kLo);
        const __m512i hi_bits = _mm512_load_si512(kHi);
        const __m512i nib = _mm512_set1_epi8(0x0f);
        __m512i v = _mm512_loadu_si512(p);
        __m512i lo = _mm512_shuffle_epi8(lo_bits, _mm512_and_si512(v, nib));
        __m512i hi = _mm512_shuffle_epi8(hi_bits, _mm512_and_si512(_mm512_srli_epi16(v, 4), nib));
        return _mm512_test_epi8_mask(lo, hi);
    }
};
#undef NHISCAN_B64_LO
#undef NHISCAN_B64_HI
#else
#define NHISCAN_B64_DISPATCH 0
#endif

// The start of the first run of at least kMinBase64Run alphabet bytes at or after `i` (a run
// already under way at `i` counts from `i`), or d.size() when there is none. 64 bytes at a
// time: bit k of the block's mask ANDed with itself shifted by 1, 2, 4 and 8 says bytes
// k..k+15 are all in the alphabet, and its lowest set bit is where the first such run starts;
// one that crosses from the previous block is that block's trailing plus this block's leading
// alphabet bytes. Real code has an alphabet byte in nearly every 16 and a run of 16 (a path, a
// long identifier) every 160 bytes, so the start is exact: the caller never walks back to it.
template <typename Mask64>
__attribute__((always_inline)) inline std::size_t next_long_run_with(Mask64 mask64, std::string_view d, std::size_t i) {
    static_assert(kMinBase64Run == 16, "the block scan assumes runs of at least 16");
    std::size_t trailing = 0;  // alphabet bytes at the end of the previous block
    std::size_t block = i;
    while (block + 64 <= d.size()) {
        std::uint64_t m = mask64(d.data() + block);
        if (~m == 0 || trailing + static_cast<std::size_t>(__builtin_ctzll(~m)) >= kMinBase64Run)
            return block - trailing;
        std::uint64_t r = m & (m >> 1);
        r &= r >> 2;
        r &= r >> 4;
        r &= r >> 8;
        if (r) return block + static_cast<std::size_t>(__builtin_ctzll(r));
        trailing = static_cast<std::size_t>(__builtin_clzll(~m));
        block += 64;
    }
    for (std::size_t k = block, run = trailing; k < d.size(); ++k) {  // under 64 bytes left
        run = is_b64(static_cast<unsigned char>(d[k])) ? run + 1 : 0;
        if (run == kMinBase64Run) return k + 1 - run;
    }
    return d.size();
}

std::size_t next_long_run_ssse3(std::string_view d, std::size_t i) { return next_long_run_with(Mask64Ssse3{}, d, i); }
#if NHISCAN_B64_DISPATCH
__attribute__((target("avx2"))) std::size_t next_long_run_avx2(std::string_view d, std::size_t i) {
    return next_long_run_with(Mask64Avx2{}, d, i);
}
__attribute__((target("avx512f,avx512bw"))) std::size_t next_long_run_avx512(std::string_view d, std::size_t i) {
    return next_long_run_with(Mask64Avx512{}, d, i);
}
#endif

using RunFinder = std::size_t (*)(std::string_view, std::size_t);
RunFinder run_finder(B64Isa isa) {
    switch (isa) {
#if NHISCAN_B64_DISPATCH
        case B64Isa::Avx512: return next_long_run_avx512;
        case B64Isa::Avx2: return next_long_run_avx2;
#endif
        default: return next_long_run_ssse3;
    }
}
const RunFinder next_long_run = run_finder(b64_best_isa());

// An XML/HTML character reference at d[i] == '&' that hides a quote or an angle bracket
// (`&quot;` `&apos;` `&lt;` `&gt;`), or a printable ASCII character by number (`&#34;`,
// `&#x22;`): its length, with the character in `out`; 0 when there is none. XML config and HTML
// pages keep JSON and quoted values this way (`value="{&quot;apiKey&quot;:…}"`). Not `&amp;`:
// in documentation it joins the parameters of example URLs (an Azure SAS token in botocore's
// API docs), which decoded become findings, while a real value is rarely hidden by it.
std::size_t entity_at(std::string_view d, std::size_t i, char& out) {
    static constexpr std::pair<std::string_view, char> kNamed[] = {
        {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}};
    std::string_view rest = d.substr(i, 10);
    for (const auto& [name, c] : kNamed)
        if (rest.substr(0, name.size()) == name) {
            out = c;
            return name.size();
        }
    if (rest.size() < 4 || rest[1] != '#') return 0;
    const bool hex = rest[2] == 'x' || rest[2] == 'X';
    int v = 0;
    std::size_t k = hex ? 3 : 2;
    for (std::size_t first = k; k < rest.size() && rest[k] != ';'; ++k) {
        int digit = hex ? hexval(rest[k]) : (rest[k] >= '0' && rest[k] <= '9' ? rest[k] - '0' : -1);
        if (digit < 0 || k - first >= 4) return 0;
        v = v * (hex ? 16 : 10) + digit;
    }
    if (k >= rest.size() || k == (hex ? 3u : 2u) || v < 0x20 || v >= 0x7f) return 0;
    out = static_cast<char>(v);
    return k + 1;
}

// Whether the escape at `i` is worth a view. Quotes, slashes and \u00XX escapes hide keys,
// values and URLs; \n, \r, \t only matter when an assignment follows on the same line (a JSON
// string holding `A=1\nKEY=value`), not in the many `"...: %d\n"` format strings of real code.
// The last `=` or `:` of the current line, found once per line (linear overall).
struct LineAssign {
    std::size_t end = 0;                           // the line's end; 0 before the first use
    std::size_t last = std::string_view::npos;     // last '=' or ':' in it
};

bool escape_matters(std::string_view d, std::size_t i, LineAssign& la) {
    char n = d[i + 1];
    if (n == '"' || n == '\'' || n == '/') return true;
    if (n == 'u') return i + 3 < d.size() && d[i + 2] == '0' && d[i + 3] == '0';
    if (n != 'n' && n != 'r' && n != 't') return false;
    if (la.end == 0 || i >= la.end) {
        la.end = line_end(d, i);
        la.last = std::string_view::npos;
        for (std::size_t k = la.end; k > i; --k)
            if (d[k - 1] == '=' || d[k - 1] == ':') {
                la.last = k - 1;
                break;
            }
    }
    return la.last != std::string_view::npos && la.last > i + 1;
}

}  // namespace

B64Isa b64_best_isa() {
#if NHISCAN_B64_DISPATCH
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512bw")) return B64Isa::Avx512;
    if (__builtin_cpu_supports("avx2")) return B64Isa::Avx2;
#endif
    return B64Isa::Ssse3;
}

bool b64_isa_supported(B64Isa isa) {
    return isa == B64Isa::Ssse3 || (NHISCAN_B64_DISPATCH && static_cast<int>(isa) <= static_cast<int>(b64_best_isa()));
}

std::size_t b64_next_long_run(std::string_view data, std::size_t from, B64Isa isa) {
    return run_finder(isa)(data, from);
}

const char* to_string(Encoding e) {
    switch (e) {
        case Encoding::Base64: return "base64";
        case Encoding::Percent: return "percent";
        case Encoding::Escape: return "escape";
    }
    return "?";
}

bool decode_base64(std::string_view in, std::string& out) {
    out.clear();
    while (!in.empty() && in.back() == '=') in.remove_suffix(1);
    if (in.size() % 4 == 1) return false;
    out.reserve(in.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : in) {
        int v = kB64[c];
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return true;
}

bool decode_percent(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin, std::size_t base) {
    out.clear();
    bool any = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size() && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hexval(in[i + 1]) * 16 + hexval(in[i + 2])));
            if (origin) origin->push_back(static_cast<std::uint32_t>(base + i));
            i += 2;
            any = true;
        } else {
            out.push_back(in[i]);
            if (origin) origin->push_back(static_cast<std::uint32_t>(base + i));
        }
    }
    return any;
}

bool decode_escapes(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin, std::size_t base) {
    out.clear();
    bool any = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        std::size_t at = base + i;
        if (c == '\\' && i + 1 < in.size()) {
            char n = in[i + 1];
            char r = 0;
            std::size_t len = 2;
            switch (n) {
                case 'n': r = '\n'; break;
                case 'r': r = '\r'; break;
                case 't': r = '\t'; break;
                case '"': case '\'': case '/': case '\\': r = n; break;
                case 'u':
                    if (i + 5 < in.size() && hexval(in[i + 2]) == 0 && hexval(in[i + 3]) == 0 && hexval(in[i + 4]) >= 0 &&
                        hexval(in[i + 5]) >= 0) {
                        int v = hexval(in[i + 4]) * 16 + hexval(in[i + 5]);
                        if (v >= 0x20 && v < 0x7f) {
                            r = static_cast<char>(v);
                            len = 6;
                        }
                    }
                    break;
                case 'x':
                    if (i + 3 < in.size() && hexval(in[i + 2]) >= 0 && hexval(in[i + 3]) >= 0) {
                        int v = hexval(in[i + 2]) * 16 + hexval(in[i + 3]);
                        if (v >= 0x20 && v < 0x7f) {
                            r = static_cast<char>(v);
                            len = 4;
                        }
                    }
                    break;
                default: break;
            }
            if (r) {
                out.push_back(r);
                if (origin) origin->push_back(static_cast<std::uint32_t>(at));
                i += len - 1;
                any = true;
                continue;
            }
        }
        out.push_back(c);
        if (origin) origin->push_back(static_cast<std::uint32_t>(at));
    }
    return any;
}

bool decode_entities(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin, std::size_t base) {
    out.clear();
    bool any = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (std::size_t len = c == '&' ? entity_at(in, i, c) : 0; len > 0) {
            any = true;
            out.push_back(c);
            if (origin) origin->push_back(static_cast<std::uint32_t>(base + i));
            i += len - 1;
            continue;
        }
        out.push_back(c);
        if (origin) origin->push_back(static_cast<std::uint32_t>(base + i));
    }
    return any;
}

bool decode_quoted_printable(std::string_view in, std::string& out, std::vector<std::uint32_t>* origin,
                             std::size_t base) {
    out.clear();
    bool any = false;
    auto upper_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); };
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '=') {
            // a soft line break: `=` ending a line joins it to the next
            std::size_t nl = i + 1 < in.size() && in[i + 1] == '\r' ? i + 2 : i + 1;
            if (nl < in.size() && in[nl] == '\n') {
                i = nl;
                any = true;
                continue;
            }
            // an encoded byte, in upper-case hex as RFC 2045 writes it (`=3D`, `=22`, `=E2=80=99`)
            if (i + 2 < in.size() && upper_hex(in[i + 1]) && upper_hex(in[i + 2])) {
                out.push_back(static_cast<char>(hexval(in[i + 1]) * 16 + hexval(in[i + 2])));
                if (origin) origin->push_back(static_cast<std::uint32_t>(base + i));
                i += 2;
                any = true;
                continue;
            }
        }
        out.push_back(in[i]);
        if (origin) origin->push_back(static_cast<std::uint32_t>(base + i));
    }
    return any;
}

// Three passes, each skipping fast over text that cannot start its encoding: base64 probes
// every 16th byte (a run of at least 16 contains one), percent and escapes jump with memchr.
// Real code is mostly letters, so a byte-by-byte walk of every run cost more than Hyperscan.
std::vector<DecodedView> decoded_views(std::string_view data) {
    std::vector<DecodedView> views;
    if (data.size() > 0xFFFFFFF0u) return views;  // origins are 32-bit
    std::size_t budget = kMaxViewBytes;
    std::string dec;
    auto add = [&](DecodedView v) {
        if (v.text.size() > budget) return false;
        budget -= v.text.size();
        views.push_back(std::move(v));
        return true;
    };
    const std::size_t n = data.size();
    auto b64_at = [&](std::size_t k) { return is_b64(static_cast<unsigned char>(data[k])); };

    // base64: a run of the alphabet with mixed classes, optionally padded
    for (std::size_t i = 0; i + kMinBase64Run <= n && budget > 0;) {
        std::size_t b = next_long_run(data, i);
        if (b >= n) break;
        std::size_t e = b + kMinBase64Run;
        for (unsigned m; e + 16 <= n; e += 16)  // runs are long in code: extend 16 bytes at a time
            if ((m = b64_mask16(data.data() + e)) != 0xFFFFu) {
                e += static_cast<unsigned>(__builtin_ctz(~m));
                break;
            }
        while (e < n && b64_at(e)) ++e;
        std::size_t end = e;
        while (end < n && data[end] == '=' && end - e < 2) ++end;
        i = std::max(end, e + 1);  // after `==` a new run may start at once (`key==value`)
        std::size_t len = e - b;
        if (len < kMinBase64Run || len > kMaxRun) continue;
        if (b > 0 && b64_at(b - 1)) continue;  // a run under way at the start: seen before
        // The decoding first: it rejects most runs within a few bytes, the class check walks all.
        if (!decodes_to_text(data.substr(b, len), dec)) continue;
        bool upper = false, lower = false, digit = len >= 24;  // long runs need no digit
        for (std::size_t k = b; k < e && !(upper && lower && digit); ++k) {
            char x = data[k];
            upper |= x >= 'A' && x <= 'Z';
            lower |= x >= 'a' && x <= 'z';
            digit |= x >= '0' && x <= '9';
        }
        if (upper && lower && digit)
            if (!add(make_view(data, Encoding::Base64, b, end, dec, {}))) break;
    }

    // percent-encoding: a run of URL characters holding at least one %XX
    constexpr std::string_view kUrlStop = " \t\r\n\"'<>`";
    for (std::size_t i = 0; i < n && budget > 0;) {
        const void* hit = std::memchr(data.data() + i, '%', n - i);
        if (!hit) break;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data());
        if (i + 2 >= n || hexval(data[i + 1]) < 0 || hexval(data[i + 2]) < 0) {
            ++i;
            continue;
        }
        std::size_t b = i;
        while (b > 0 && i - b < 2048 && kUrlStop.find(data[b - 1]) == std::string_view::npos) --b;
        std::size_t e = i;
        while (e < n && e - b < kMaxRun && kUrlStop.find(data[e]) == std::string_view::npos) ++e;
        std::vector<std::uint32_t> origin;
        if (decode_percent(data.substr(b, e - b), dec, &origin, b) && mostly_text(dec))
            if (!add(make_view(data, Encoding::Percent, b, e, dec, std::move(origin)))) break;
        i = std::max(e, i + 1);
    }

    // string escapes: the line, when unescaping could change what a rule sees there
    LineAssign line_assign;
    for (std::size_t i = 0; i + 1 < n && budget > 0;) {
        const void* hit = std::memchr(data.data() + i, '\\', n - 1 - i);
        if (!hit) break;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data());
        if (!escape_matters(data, i, line_assign)) {
            i += 2;  // an escaped backslash is one escape, not two
            continue;
        }
        std::size_t b = line_begin(data, i), e = std::min(line_end(data, i), b + kMaxRun);
        if (b + kMaxRun < i) b = i;
        std::vector<std::uint32_t> origin;
        if (decode_escapes(data.substr(b, e - b), dec, &origin, b))
            if (!add(make_view(data, Encoding::Escape, b, e, dec, std::move(origin)))) break;
        i = std::max(e, i + 1);
    }

    // character entities: the line, when it holds a reference (reported as an escape)
    for (std::size_t i = 0; i < n && budget > 0;) {
        const void* hit = std::memchr(data.data() + i, '&', n - i);
        if (!hit) break;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data());
        char c = 0;
        if (entity_at(data, i, c) == 0) {
            ++i;
            continue;
        }
        std::size_t b = line_begin(data, i), e = std::min(line_end(data, i), b + kMaxRun);
        if (b + kMaxRun < i) b = i;
        std::vector<std::uint32_t> origin;
        if (decode_entities(data.substr(b, e - b), dec, &origin, b))
            if (!add(make_view(data, Encoding::Escape, b, e, dec, std::move(origin)))) break;
        i = std::max(e, i + 1);
    }

    // quoted-printable: a mail's or a MIME part's body after its `Content-Transfer-Encoding:
    // quoted-printable` header (an .eml, an mbox, a saved message), where `=3D` and `=22` hide the
    // `=` and the quotes between a name and its value and soft line breaks (`=` ending a line)
    // split a long line. A line holding an encoded byte is decoded with the lines its soft breaks
    // join to it. Only after such a header: elsewhere `=3D` is rare and `=` ending a line is code.
    const void* qp = memmem(data.data(), n, "uoted-printable", 15);
    for (std::size_t i = qp ? line_end(data, static_cast<std::size_t>(static_cast<const char*>(qp) - data.data())) : n;
         i < n && budget > 0;) {
        const void* hit = std::memchr(data.data() + i, '=', n - i);
        if (!hit) break;
        i = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data());
        const bool soft =
            i + 1 < n && (data[i + 1] == '\n' || (data[i + 1] == '\r' && i + 2 < n && data[i + 2] == '\n'));
        const bool byte = i + 2 < n && hexval(data[i + 1]) >= 0 && hexval(data[i + 2]) >= 0;
        if (!soft && !byte) {
            ++i;
            continue;
        }
        std::size_t b = line_begin(data, i), e = line_end(data, i);
        auto soft_end = [&](std::size_t end) {
            std::size_t k = end > 0 && data[end - 1] == '\r' ? end - 1 : end;
            return k > 0 && data[k - 1] == '=';
        };
        while (e < n && e - b < kMaxRun && soft_end(e)) e = line_end(data, e + 1);
        std::vector<std::uint32_t> origin;
        if (decode_quoted_printable(data.substr(b, e - b), dec, &origin, b))
            if (!add(make_view(data, Encoding::Escape, b, e, dec, std::move(origin)))) break;
        i = std::max(e, i + 1);
    }
    return views;
}

}  // namespace nhiscan
