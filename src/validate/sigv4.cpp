#include "validate/sigv4.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/core.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/hash.hpp"

namespace nhiscan::live {
namespace {

std::string trim_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return s;
}

// Header values: trimmed, inner runs of spaces folded to one (the canonical form).
std::string canonical_value(std::string_view v) {
    std::string out;
    bool space = false;
    for (char ch : v) {
        if (ch == ' ' || ch == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

// Sorted lower-case name -> values (comma-joined), host and x-amz-date included.
std::map<std::string, std::string> canonical_headers(const SigV4Request& r, const std::string& amz_date) {
    std::map<std::string, std::string> h;
    h["host"] = r.host;
    h["x-amz-date"] = amz_date;
    for (const auto& [k, v] : r.headers) {
        auto& slot = h[trim_lower(k)];
        slot = slot.empty() ? canonical_value(v) : slot + "," + canonical_value(v);
    }
    return h;
}

std::string signed_headers(const std::map<std::string, std::string>& h) {
    std::string out;
    for (const auto& [k, v] : h) out += (out.empty() ? "" : ";") + k;
    return out;
}

// Query parameters sorted by name, then value (already encoded by the caller).
std::string canonical_query(const std::string& q) {
    std::vector<std::string> parts;
    for (std::size_t start = 0; start < q.size();) {
        std::size_t end = q.find('&', start);
        if (end == std::string::npos) end = q.size();
        std::string p = q.substr(start, end - start);
        if (p.find('=') == std::string::npos) p += '=';
        if (p != "=") parts.push_back(p);
        start = end + 1;
    }
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "&") + p;
    return out;
}

}  // namespace

std::string hmac_sha256(std::string_view key, std::string_view data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), md, &len);
    return std::string(reinterpret_cast<const char*>(md), len);
}

std::string hex(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
    return out;
}

std::string sigv4_signing_key(const SigV4Key& k, const std::string& date) {
    std::string key = hmac_sha256("AWS4" + k.secret_key, date);
    key = hmac_sha256(key, k.region);
    key = hmac_sha256(key, k.service);
    return hmac_sha256(key, "aws4_request");
}

std::string sigv4_canonical_request(const SigV4Request& r, const std::string& amz_date) {
    auto h = canonical_headers(r, amz_date);
    std::string out = r.method + "\n" + (r.path.empty() ? "/" : r.path) + "\n" + canonical_query(r.query) + "\n";
    for (const auto& [k, v] : h) out += k + ":" + v + "\n";
    out += "\n" + signed_headers(h) + "\n" + sha256_hex(r.body);
    return out;
}

std::string sigv4_string_to_sign(const SigV4Request& r, const SigV4Key& k, const std::string& amz_date) {
    std::string date = amz_date.substr(0, 8);
    return fmt::format("AWS4-HMAC-SHA256\n{}\n{}/{}/{}/aws4_request\n{}", amz_date, date, k.region, k.service,
                       sha256_hex(sigv4_canonical_request(r, amz_date)));
}

std::string sigv4_authorization(const SigV4Request& r, const SigV4Key& k, const std::string& amz_date) {
    std::string date = amz_date.substr(0, 8);
    std::string signature = hex(hmac_sha256(sigv4_signing_key(k, date), sigv4_string_to_sign(r, k, amz_date)));
    return fmt::format("AWS4-HMAC-SHA256 Credential={}/{}/{}/{}/aws4_request, SignedHeaders={}, Signature={}",
                       k.access_key_id, date, k.region, k.service, signed_headers(canonical_headers(r, amz_date)),
                       signature);
}

}  // namespace nhiscan::live
