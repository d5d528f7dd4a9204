#include "core/bytes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nhiscan {

bool looks_binary(ByteView data) {
    auto n = data.size() < 8000 ? data.size() : 8000;
    return std::memchr(data.data(), '\0', n) != nullptr;
}

std::size_t count_byte(ByteView data, char c) {
    std::size_t n = 0, i = 0;
#if defined(__SSE2__)
    const __m128i needle = _mm_set1_epi8(c);
    while (i + 16 <= data.size()) {
        // Up to 255 blocks into per-lane byte counters (each hit subtracts -1), then summed.
        __m128i acc = _mm_setzero_si128();
        for (std::size_t k = 0; k < 255 && i + 16 <= data.size(); ++k, i += 16) {
            __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data.data() + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, needle));
        }
        __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
        n += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_extract_epi16(sums, 4));
    }
#endif
    for (; i < data.size(); ++i) n += data[i] == c;
    return n;
}

double shannon_entropy(ByteView s) {
    if (s.empty()) return 0.0;
    std::array<std::size_t, 256> counts{};
    for (unsigned char c : s) ++counts[c];
    double h = 0.0;
    const double n = static_cast<double>(s.size());
    for (auto c : counts) {
        if (c == 0) continue;
        double p = static_cast<double>(c) / n;
        h -= p * std::log2(p);
    }
    return h;
}

}  // namespace nhiscan

#include <thread>
#include "core/parallel.hpp"
namespace nhiscan {
unsigned default_thread_count() {
    unsigned n = std::thread::hardware_concurrency();
    return n ? n : 1;
}
std::size_t line_begin(ByteView data, std::size_t pos) {
    std::size_t nl = pos == 0 ? std::string_view::npos : data.rfind('\n', pos - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t line_end(ByteView data, std::size_t pos) {
    std::size_t e = data.find('\n', pos);
    return e == std::string_view::npos ? data.size() : e;
}

bool icontains(std::string_view hay, std::string_view lower_needle) {
    if (lower_needle.empty()) return false;
    auto it = std::search(hay.begin(), hay.end(), lower_needle.begin(), lower_needle.end(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != hay.end();
}

}  // namespace nhiscan
