#include "core/bytes.hpp"

#include <array>
#include <cmath>
#include <cstring>

namespace nhiscan {

bool looks_binary(ByteView data) {
    auto n = data.size() < 8000 ? data.size() : 8000;
    return std::memchr(data.data(), '\0', n) != nullptr;
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
}  // namespace nhiscan
