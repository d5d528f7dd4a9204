#include "core/hash.hpp"

#include <openssl/evp.h>
#include <zlib.h>

#include <array>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace nhiscan {
namespace {
std::string to_hex(const unsigned char* p, unsigned n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (unsigned i = 0; i < n; ++i) {
        out[2 * i] = kHex[p[i] >> 4];
        out[2 * i + 1] = kHex[p[i] & 0xF];
    }
    return out;
}

std::string digest_hex(const EVP_MD* md, std::initializer_list<std::string_view> parts) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> buf{};
    unsigned len = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) throw Error("cannot initialise digest");
    for (auto p : parts) EVP_DigestUpdate(ctx.get(), p.data(), p.size());
    EVP_DigestFinal_ex(ctx.get(), buf.data(), &len);
    return to_hex(buf.data(), len);
}
}  // namespace

std::string sha256_hex(std::string_view data) { return digest_hex(EVP_sha256(), {data}); }

std::string git_blob_id(std::string_view data) {
    std::string header = "blob " + std::to_string(data.size());
    header.push_back('\0');
    return digest_hex(EVP_sha1(), {header, data});
}

unsigned long crc32_of(std::string_view data) {
    return ::crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
}

}  // namespace nhiscan
