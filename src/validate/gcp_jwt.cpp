#include "validate/gcp_jwt.hpp"

#include <memory>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace nhiscan::live {
namespace {

struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::string unescape_newlines(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
            out += '\n';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

std::string base64url(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& ch : out) ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
    return out;
}

std::optional<std::string> gcp_jwt_assertion(const std::string& pem, const std::string& client_email,
                                             const std::string& audience, long long now_unix, std::string& error) {
    std::string key_text = unescape_newlines(pem);
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(key_text.data(), static_cast<int>(key_text.size())));
    std::unique_ptr<EVP_PKEY, PkeyFree> key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        error = "the private key does not parse";
        return std::nullopt;
    }
    nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}};
    nlohmann::json claims = {{"iss", client_email},
                             {"scope", "https://www.googleapis.com/auth/cloud-platform.read-only"},
                             {"aud", audience},
                             {"iat", now_unix},
                             {"exp", now_unix + 300}};
    std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
        error = "the private key cannot sign (RS256)";
        return std::nullopt;
    }
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
        error = "the private key cannot sign (RS256)";
        return std::nullopt;
    }
    sig.resize(len);
    return input + "." + base64url(sig);
}

}  // namespace nhiscan::live
