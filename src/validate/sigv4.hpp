#pragma once
// AWS Signature Version 4 (docs/validation.md), on OpenSSL's HMAC/SHA-256: used to call
// sts:GetCallerIdentity with a found key pair. Checked against AWS's published test vectors
// (tests/unit/validate/sigv4_test.cpp).
#include <string>
#include <utility>
#include <vector>

namespace nhiscan::live {

struct SigV4Request {
    std::string method;                                        // GET, POST
    std::string host;                                          // sent as the host header
    std::string path = "/";                                    // already URI-encoded
    std::string query;                                         // already encoded, without '?'
    std::vector<std::pair<std::string, std::string>> headers;  // besides host and x-amz-date
    std::string body;
};

struct SigV4Key {
    std::string access_key_id;
    std::string secret_key;
    std::string region;
    std::string service;
};

std::string hmac_sha256(std::string_view key, std::string_view data);  // raw bytes
std::string hex(std::string_view bytes);
// kSigning = HMAC chain over date (YYYYMMDD), region, service, "aws4_request"; raw bytes.
std::string sigv4_signing_key(const SigV4Key& k, const std::string& date);
std::string sigv4_canonical_request(const SigV4Request& r, const std::string& amz_date);
std::string sigv4_string_to_sign(const SigV4Request& r, const SigV4Key& k, const std::string& amz_date);
// The Authorization header's value. `amz_date` is YYYYMMDDTHHMMSSZ.
std::string sigv4_authorization(const SigV4Request& r, const SigV4Key& k, const std::string& amz_date);

}  // namespace nhiscan::live
