#include "validate/outcome.hpp"

#include <algorithm>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace nhiscan::live {
namespace {

using json = nlohmann::json;
constexpr std::size_t kMaxMetadata = 256;

const json* at(const json& doc, const std::string& ptr) {
    if (doc.is_discarded()) return nullptr;
    try {
        json::json_pointer p(ptr);
        return doc.contains(p) ? &doc.at(p) : nullptr;
    } catch (const json::exception&) {
        return nullptr;
    }
}

bool equals(const json& doc, const std::string& ptr, const std::string& want) {
    const json* v = at(doc, ptr);
    if (!v) return false;
    json w = json::parse(want, nullptr, false);
    return !w.is_discarded() && *v == w;
}

bool status_in(const LiveMatch& m, int status) {
    return std::find(m.status.begin(), m.status.end(), status) != m.status.end();
}

bool needs_json(const LiveMatch& m) { return !m.json_present.empty() || !m.json_equals.empty(); }

json parse(const HttpResponse& r) { return json::parse(r.body, nullptr, false); }

std::string text_of(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& e : v) out += (out.empty() ? "" : ", ") + text_of(e);
        return out;
    }
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string xml_element(const std::string& body, const std::string& name) {
    std::string value;
    RE2 re("<" + RE2::QuoteMeta(name) + R"((?:\s[^>]*)?>([^<]*)</)" + RE2::QuoteMeta(name) + ">");
    RE2::PartialMatch(body, re, &value);
    return value;
}

// The host a Location header names (what the report says was not followed).
std::string location_host(std::string_view loc) {
    std::size_t scheme = loc.find("://");
    if (scheme == std::string_view::npos) return "a path on the same host";
    std::string_view rest = loc.substr(scheme + 3);
    return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

}  // namespace

bool matches_all(const LiveMatch& m, const HttpResponse& r) {
    if (m.empty()) return false;
    if (!m.status.empty() && !status_in(m, r.status)) return false;
    if (!needs_json(m)) return true;
    json doc = parse(r);
    for (const auto& p : m.json_present)
        if (!at(doc, p)) return false;
    for (const auto& [p, v] : m.json_equals)
        if (!equals(doc, p, v)) return false;
    return true;
}

bool matches_any(const LiveMatch& m, const HttpResponse& r) {
    if (status_in(m, r.status)) return true;
    if (!needs_json(m)) return false;
    json doc = parse(r);
    for (const auto& [p, v] : m.json_equals)
        if (equals(doc, p, v)) return true;
    return false;  // json_present alone never proves a key invalid
}

LiveCheck classify(const LiveSpec& spec, const HttpResponse& r, const std::string& secret) {
    LiveCheck out;
    if (r.status >= 300 && r.status < 400) {
        auto loc = r.headers.find("location");
        out.status = "unknown";
        out.reason = fmt::format("HTTP {}: redirect{} not followed", r.status,
                                 loc == r.headers.end() ? "" : " to " + location_host(loc->second));
        return out;
    }
    if (matches_all(spec.valid, r)) {
        out.status = "valid";
        out.reason = fmt::format("HTTP {}", r.status);
        json doc;
        bool parsed = false;
        for (const auto& [name, src] : spec.metadata) {
            std::string v;
            if (src.rfind("header:", 0) == 0) {
                std::string h = src.substr(7);
                std::transform(h.begin(), h.end(), h.begin(), [](unsigned char ch) { return std::tolower(ch); });
                if (auto it = r.headers.find(h); it != r.headers.end()) v = it->second;
            } else if (src.rfind("xml:", 0) == 0) {
                v = xml_element(r.body, src.substr(4));
            } else {
                if (!parsed) doc = parse(r), parsed = true;
                if (const json* j = at(doc, src)) v = text_of(*j);
            }
            if (v.empty()) continue;
            if (!secret.empty() && v.find(secret) != std::string::npos) continue;  // never the secret
            if (v.size() > kMaxMetadata) v = v.substr(0, kMaxMetadata) + "...";
            out.metadata.emplace_back(name, std::move(v));
        }
        return out;
    }
    if (matches_any(spec.invalid, r)) {
        out.status = "invalid";
        out.reason = fmt::format("HTTP {}", r.status);
        return out;
    }
    out.status = "unknown";
    bool want_json = needs_json(spec.valid) || needs_json(spec.invalid);
    if (want_json && (spec.valid.status.empty() || r.status == spec.valid.status.front()) && parse(r).is_discarded())
        out.reason = fmt::format("HTTP {}: the response is not JSON", r.status);
    else if (r.status >= 500)
        out.reason = fmt::format("HTTP {}: the provider failed", r.status);
    else
        out.reason = fmt::format("HTTP {}: neither the valid nor the invalid response", r.status);
    return out;
}

}  // namespace nhiscan::live
