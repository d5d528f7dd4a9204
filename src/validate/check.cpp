#include "validate/check.hpp"

#include <algorithm>
#include <ctime>

#include <fmt/core.h>

#include "validate/curl_api.hpp"
#include "validate/gcp_jwt.hpp"
#include "validate/outcome.hpp"
#include "validate/sigv4.hpp"

namespace nhiscan::live {
namespace {

std::string strftime_utc(std::time_t t, const char* f) {
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, f, &tm);
    return buf;
}

LiveCheck fail(const std::string& status, std::string reason) {
    LiveCheck c;
    c.status = status;
    c.reason = std::move(reason);
    return c;
}

// Path and query of an https URL whose host is `host`.
void split_url(const std::string& url, const std::string& host, std::string& path, std::string& query) {
    std::string rest = url.substr(std::string("https://").size() + host.size());
    std::size_t q = rest.find('?');
    path = q == std::string::npos ? rest : rest.substr(0, q);
    query = q == std::string::npos ? "" : rest.substr(q + 1);
    if (path.empty()) path = "/";
}

}  // namespace

std::string iso_now() { return strftime_utc(std::time(nullptr), "%Y-%m-%dT%H:%M:%SZ"); }

std::chrono::milliseconds parse_retry_after(const std::string& value) {
    if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos && value.size() < 9)
        return std::chrono::seconds(std::stol(value));
    time_t when = curl_api().getdate(value.c_str(), nullptr);
    if (when > 0) return std::chrono::seconds(std::max<long long>(0, when - std::time(nullptr)));
    return std::chrono::seconds(1);
}

Attempt check_once(const LiveSpec& spec, const Credential& cred, HttpClient& client) {
    Attempt a;
    auto done = [&](LiveCheck c) {
        a.result = std::move(c);
        a.result.checked_at = iso_now();
        return a;
    };
    if (spec.needs_companion && cred.companion.empty())
        return done(fail("unknown", "needs its companion identifier (e.g. the key id), and none was found near the secret"));

    // A tenant host: the label found near the secret, vetted, under the rule's own suffix.
    std::string host = spec.host;
    std::string url = spec.url;
    if (spec.tenant_host) {
        const std::string what = spec.tenant_name.empty() ? "tenant" : spec.tenant_name;
        if (cred.tenant.empty())
            return done(
                fail("unknown",
                     fmt::format("needs its {} (the host's first label), and none was found near the secret", what)));
        auto label = tenant_label(cred.tenant);
        if (!label)
            return done(fail("unknown", fmt::format("the {} is not one DNS label ([a-z0-9-]): nothing sent", what)));
        host = *label + spec.host_suffix;
        url = "https://" + host +
              spec.url.substr(std::string_view("https://{{tenant}}").size() + spec.host_suffix.size());
    }

    HttpRequest req;
    req.method = spec.method;
    req.url = *expand(url, cred, Escape::Url);
    for (const auto& [k, v] : spec.headers) {
        auto value = expand(v, cred, Escape::None, /*header=*/true);
        if (!value) return done(fail("error", "the secret holds a line break: not sent in a header"));
        req.headers.emplace_back(k, *value);
    }
    req.body = *expand(spec.body, cred, Escape::None);
    req.basic_user = *expand(spec.basic_user, cred, Escape::None);
    req.basic_password = *expand(spec.basic_password, cred, Escape::None);

    if (spec.sign == "aws-sigv4") {
        SigV4Request s;
        s.method = req.method;
        s.host = host;
        split_url(req.url, host, s.path, s.query);
        s.headers = req.headers;
        if (req.method == "POST" && std::none_of(s.headers.begin(), s.headers.end(), [](const auto& kv) {
                return kv.first == "Content-Type" || kv.first == "content-type";
            }))
            s.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        s.body = req.body;
        std::string amz_date = strftime_utc(std::time(nullptr), "%Y%m%dT%H%M%SZ");
        req.headers = s.headers;
        req.headers.emplace_back("X-Amz-Date", amz_date);
        req.headers.emplace_back("Authorization",
                                 sigv4_authorization(s, {cred.companion, cred.secret, spec.aws_region, spec.aws_service}, amz_date));
    } else if (spec.sign == "gcp-jwt") {
        std::string error;
        auto jwt = gcp_jwt_assertion(cred.secret, cred.companion, req.url, std::time(nullptr), error);
        if (!jwt) return done(fail("unknown", error));
        req.method = "POST";
        req.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + *jwt;
    }

    HttpResult r = client.send(req, host);
    if (!r.ok) return done(fail("error", r.error));
    if (r.response.status == 429) {
        a.rate_limited = true;
        auto it = r.response.headers.find("retry-after");
        a.retry_after = parse_retry_after(it == r.response.headers.end() ? "" : it->second);
        return done(fail("unknown", fmt::format("HTTP 429: rate limited (retry after {} s)",
                                                std::chrono::duration_cast<std::chrono::seconds>(a.retry_after).count())));
    }
    LiveCheck c = classify(spec, r.response, cred.secret);
    if (spec.sign == "gcp-jwt" && c.status == "valid" && !cred.companion.empty())
        c.metadata.insert(c.metadata.begin(), {"email", cred.companion});
    if (spec.tenant_host && c.status == "valid") c.metadata.insert(c.metadata.begin(), {"host", host});
    return done(std::move(c));
}

}  // namespace nhiscan::live
