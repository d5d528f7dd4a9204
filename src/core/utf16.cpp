#include "core/utf16.hpp"

#include <algorithm>

namespace nhiscan {
namespace {

enum class Order { None, Little, Big };

Order bom_order(ByteView data) {
    if (data.size() < 2) return Order::None;
    auto b0 = static_cast<unsigned char>(data[0]), b1 = static_cast<unsigned char>(data[1]);
    if (b0 == 0xFF && b1 == 0xFE) return Order::Little;
    if (b0 == 0xFE && b1 == 0xFF) return Order::Big;
    return Order::None;
}

bool has_bom(ByteView data) { return bom_order(data) != Order::None; }

// Over the first 8000 bytes in `order`: whether the code units read as text. With a byte-order
// mark, fewer than 10% are NUL (binary data is full of zero units; text in any script is
// not); without one, at least 90% are printable ASCII or a tab or line break.
bool reads_as_text(ByteView data, Order order, bool bom) {
    const std::size_t lo = order == Order::Little ? 0 : 1;
    const std::size_t n = std::min<std::size_t>(data.size(), 8000) & ~std::size_t{1};
    std::size_t units = 0, nul = 0, ascii = 0;
    for (std::size_t i = bom ? 2 : 0; i < n; i += 2, ++units) {
        auto low = static_cast<unsigned char>(data[i + lo]), high = static_cast<unsigned char>(data[i + 1 - lo]);
        nul += low == 0 && high == 0;
        ascii += high == 0 && ((low >= 0x20 && low < 0x7F) || low == '\t' || low == '\n' || low == '\r');
    }
    if (bom) return nul * 10 < units || units == 0;
    return units >= 8 && ascii * 10 >= units * 9;
}

Order byte_order(ByteView data) {
    if (Order o = bom_order(data); o != Order::None) return reads_as_text(data, o, true) ? o : Order::None;
    if (data.size() < 16 || !looks_binary(data)) return Order::None;  // too little to tell; no NUL: not UTF-16
    for (Order o : {Order::Little, Order::Big})
        if (reads_as_text(data, o, false)) return o;
    return Order::None;
}

}  // namespace

bool looks_utf16(ByteView data) { return byte_order(data) != Order::None; }

std::string utf16_to_text(ByteView data) {
    const Order order = byte_order(data);
    std::string out;
    if (order == Order::None) return out;
    out.reserve(data.size() / 2);
    const std::size_t lo = order == Order::Little ? 0 : 1;
    for (std::size_t i = has_bom(data) ? 2 : 0; i + 1 < data.size(); i += 2) {
        auto low = static_cast<unsigned char>(data[i + lo]), high = static_cast<unsigned char>(data[i + 1 - lo]);
        out.push_back(high == 0 && low != 0 ? static_cast<char>(low) : '\x1a');
    }
    return out;
}

}  // namespace nhiscan
