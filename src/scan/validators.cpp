#include "scan/validators.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>

#include <fmt/chrono.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "core/hash.hpp"

namespace nhiscan {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// GitHub classic tokens and npm tokens: prefix + 30 random base62 + 6 base62 CRC32.
Validation crc_token(std::string_view secret, std::size_t prefix_len) {
    Validation v{true, false, {}};
    if (secret.size() != prefix_len + 36) return v;
    auto body = secret.substr(prefix_len, 30);
    v.valid = base62_crc32(body) == secret.substr(prefix_len + 30, 6);
    return v;
}

std::optional<nlohmann::json> decode_json_part(std::string_view part) {
    auto raw = base64_decode(part, true);
    if (raw.empty()) return std::nullopt;
    auto j = nlohmann::json::parse(raw, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    return j;
}

Validation jwt(std::string_view s) {
    Validation v{true, false, {}};
    auto d1 = s.find('.');
    auto d2 = d1 == std::string_view::npos ? d1 : s.find('.', d1 + 1);
    if (d2 == std::string_view::npos) return v;
    auto header = decode_json_part(s.substr(0, d1));
    auto payload = decode_json_part(s.substr(d1 + 1, d2 - d1 - 1));
    if (!header || !payload || !header->contains("alg")) return v;
    v.valid = true;
    if (auto exp = payload->find("exp"); exp != payload->end() && exp->is_number()) {
        auto t = std::chrono::system_clock::time_point(std::chrono::seconds(exp->get<std::int64_t>()));
        v.note = fmt::format("{} {:%Y-%m-%dT%H:%M:%SZ}", t < std::chrono::system_clock::now() ? "expired" : "expires",
                             std::chrono::floor<std::chrono::seconds>(t));
    }
    return v;
}

// The base64 body of a PEM/OpenSSH block: lines between BEGIN and END, minus header fields.
std::string armored_body(std::string_view raw) {
    // Keys pasted into JSON or env files carry literal "\n" escapes instead of newlines.
    std::string unescaped;
    unescaped.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == 'n' || raw[i + 1] == 'r')) {
            if (raw[++i] == 'n') unescaped.push_back('\n');
        } else {
            unescaped.push_back(raw[i]);
        }
    }
    std::string_view s = unescaped;
    std::string body;
    auto begin = s.find('\n');
    auto end = s.rfind("-----END");
    if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
        // A one-line block (newlines escaped away): take what lies between the markers.
        auto a = s.find("-----", 5);
        a = a == std::string_view::npos ? a : a + 5;
        if (a == std::string_view::npos || end == std::string_view::npos || end < a) return {};
        begin = a;
    }
    std::string_view inner = s.substr(begin, end - begin);
    std::size_t pos = 0;
    while (pos < inner.size()) {
        auto nl = inner.find('\n', pos);
        auto line = inner.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (line.find(':') == std::string_view::npos)
            for (char c : line)
                if (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=') body.push_back(c);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return body;
}

Validation pem(std::string_view s) {
    Validation v{true, false, {}};
    if (s.find("PGP") != std::string_view::npos) return Validation{};
    auto der = base64_decode(armored_body(s), false);
    v.valid = der.size() > 16 && static_cast<unsigned char>(der[0]) == 0x30;
    return v;
}

Validation openssh(std::string_view s) {
    Validation v{true, false, {}};
    auto raw = base64_decode(armored_body(s), false);
    constexpr std::string_view kMagic("openssh-key-v1\0", 15);
    v.valid = raw.size() > kMagic.size() && std::string_view(raw).substr(0, kMagic.size()) == kMagic;
    return v;
}

Validation aws_key_id(std::string_view s) {
    static constexpr std::string_view kPrefixes[] = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA",
                                                     "AIPA", "AKPA", "ANPA", "ANVA", "APKA", "AROA", "A3T"};
    Validation v{true, false, {}};
    auto pre = std::find_if(std::begin(kPrefixes), std::end(kPrefixes), [&](std::string_view p) { return s.substr(0, p.size()) == p; });
    if (s.size() != 20 || pre == std::end(kPrefixes)) return v;
    v.valid = std::all_of(s.begin() + static_cast<std::ptrdiff_t>(pre->size()), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
    });
    return v;
}

Validation github_crc32(std::string_view s) { return crc_token(s, 4); }  // ghp_ gho_ ghu_ ghs_ ghr_
Validation npm_crc32(std::string_view s) { return crc_token(s, 4); }     // npm_

// Every name a rule's `validator` may use (rules/pack.cpp lists the same names for load-time
// errors; tests/unit/scan/dispatch_test.cpp proves the two lists agree).
constexpr NamedValidator kValidators[] = {
    {"github-crc32", github_crc32}, {"npm-crc32", npm_crc32},   {"jwt", jwt}, {"pem", pem},
    {"openssh", openssh},           {"aws-key-id", aws_key_id},
};

}  // namespace

const char* to_string(Checksum c) {
    switch (c) {
        case Checksum::Valid: return "valid";
        case Checksum::Invalid: return "invalid";
        case Checksum::None: break;
    }
    return "";
}

std::span<const NamedValidator> validator_table() { return kValidators; }

ValidatorFn find_validator(std::string_view name) {
    for (const auto& v : kValidators)
        if (v.name == name) return v.fn;
    return nullptr;
}

std::string base62_crc32(std::string_view body) {
    unsigned long crc = crc32_of(body);
    std::string out(6, '0');
    for (int i = 5; i >= 0 && crc > 0; --i) {
        out[i] = kBase62[crc % 62];
        crc /= 62;
    }
    return out;
}

std::string base64_decode(std::string_view in, bool url_safe) {
    std::string s(in);
    if (url_safe) std::replace(s.begin(), s.end(), '-', '+'), std::replace(s.begin(), s.end(), '_', '/');
    while (!s.empty() && s.back() == '=') s.pop_back();
    std::size_t pad = (4 - s.size() % 4) % 4;
    if (pad == 3) return {};
    s.append(pad, '=');
    std::string out(s.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
    if (n < 0) return {};
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

Validation validate_secret(std::string_view name, std::string_view secret) {
    ValidatorFn fn = find_validator(name);
    return fn ? fn(secret) : Validation{};
}

}  // namespace nhiscan
