#include "validate/http_client.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "validate/curl_api.hpp"

namespace nhiscan::live {
namespace {

struct EasyDeleter {
    void operator()(CURL* h) const { curl_api().easy_cleanup(h); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_api().slist_free_all(l); }
};
struct UrlDeleter {
    void operator()(CURLU* u) const { curl_api().url_cleanup(u); }
};
struct CurlStrDeleter {
    void operator()(char* s) const { curl_api().free(s); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;
using Url = std::unique_ptr<CURLU, UrlDeleter>;
using CurlStr = std::unique_ptr<char, CurlStrDeleter>;

Slist append(Slist l, const std::string& line) {
    curl_slist* raw = curl_api().slist_append(l.get(), line.c_str());
    if (!raw) return l;
    (void)l.release();
    return Slist(raw);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return s;
}

// The host (and port, when given) of `url` by libcurl's own parser, so what is checked is what
// libcurl will connect to.
std::string url_host(const std::string& url) {
    Url u(curl_api().url());
    if (!u || curl_api().url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
    char* host = nullptr;
    if (curl_api().url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return {};
    CurlStr h(host);
    std::string out = lower(host);
    char* port = nullptr;
    if (curl_api().url_get(u.get(), CURLUPART_PORT, &port, 0) == CURLUE_OK) {
        CurlStr p(port);
        out += ":" + std::string(port);
    }
    return out;
}

#ifdef NHISCAN_LIVE_TEST_HOOKS
bool is_loopback(std::string_view addr) {
    return addr.rfind("127.", 0) == 0 || addr == "[::1]" || addr == "::1";
}
#endif

// NHISCAN_TEST_CONNECT_TO entries, loopback only: a test hook can never send a secret off the machine.
Slist test_resolve_list() {
    Slist list;
#ifdef NHISCAN_LIVE_TEST_HOOKS
    const char* env = std::getenv("NHISCAN_TEST_CONNECT_TO");
    if (!env) return list;
    std::string all = env;
    for (std::size_t start = 0; start <= all.size();) {
        std::size_t end = all.find(',', start);
        if (end == std::string::npos) end = all.size();
        std::string entry = all.substr(start, end - start);
        start = end + 1;
        if (entry.empty()) continue;
        std::size_t second = entry.find(':', entry.find(':') + 1);
        if (second == std::string::npos || !is_loopback(entry.substr(second + 1, entry.rfind(':') - second - 1))) {
            diag::warning(fmt::format("NHISCAN_TEST_CONNECT_TO: ignoring '{}' (host:port:LOOPBACK-ADDRESS:port only)", entry));
            continue;
        }
        list = append(std::move(list), entry);
    }
#endif
    return list;
}

struct Sink {
    HttpResponse* resp;
    std::size_t max_body;
    bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    std::size_t len = size * n;
    if (s->resp->body.size() + len > s->max_body) {
        s->too_large = true;
        return 0;  // aborts the transfer: CURLE_WRITE_ERROR
    }
    s->resp->body.append(data, len);
    return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) s->resp->headers.clear();  // a new response (after 1xx)
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string_view v = line.substr(colon + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
        s->resp->headers[lower(std::string(line.substr(0, colon)))] = std::string(v);
    }
    return size * n;
}

std::string describe(CURLcode rc, const char* errbuf) {
    std::string detail = errbuf && *errbuf ? errbuf : curl_api().easy_strerror(rc);
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT: return "timeout: " + detail;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM: return "TLS: " + detail;
    case CURLE_COULDNT_RESOLVE_HOST: return "cannot resolve host: " + detail;
    case CURLE_COULDNT_CONNECT: return "cannot connect: " + detail;
    default: return detail;
    }
}

}  // namespace

bool test_hooks_compiled() {
#ifdef NHISCAN_LIVE_TEST_HOOKS
    return true;
#else
    return false;
#endif
}

struct HttpClient::Impl {
    HttpLimits limits;
    Easy easy;
    Slist resolve;
};

HttpClient::HttpClient(HttpLimits limits) : impl_(std::make_unique<Impl>()) {
    (void)curl_api();  // loads libcurl, or throws here on the caller's thread
    impl_->limits = limits;
    impl_->easy.reset(curl_api().easy_init());
    impl_->resolve = test_resolve_list();
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::send(const HttpRequest& req, const std::string& expected_host) {
    HttpResult out;
    std::string host = url_host(req.url);
    std::string want = lower(expected_host);
    if (want.find(':') == std::string::npos && host.size() > 4 && host.substr(host.size() - 4) == ":443")
        host.resize(host.size() - 4);
    if (req.url.rfind("https://", 0) != 0 || host.empty() || host != want) {
        out.error = fmt::format("refused: the request's host is not the rule's ({})", expected_host);
        return out;
    }
    CURL* h = impl_->easy.get();
    if (!h) {
        out.error = "libcurl could not start";
        return out;
    }
    curl_api().easy_reset(h);
    char errbuf[CURL_ERROR_SIZE] = {0};
    Sink sink{&out.response, impl_->limits.max_body};
    Slist headers;
    for (const auto& [k, v] : req.headers) headers = append(std::move(headers), k + ": " + v);
    if (req.method == "POST" && req.headers.end() == std::find_if(req.headers.begin(), req.headers.end(), [](const auto& kv) {
            return lower(kv.first) == "content-type";
        }))
        headers = append(std::move(headers), "Content-Type: application/x-www-form-urlencoded");

    curl_api().easy_setopt(h, CURLOPT_URL, req.url.c_str());
    curl_api().easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_api().easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_api().easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is reported, never followed
    curl_api().easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_api().easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_api().easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
    curl_api().easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(impl_->limits.connect_timeout.count()));
    curl_api().easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->limits.total_timeout.count()));
    curl_api().easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(impl_->limits.max_body));
    curl_api().easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_api().easy_setopt(h, CURLOPT_USERAGENT, "nhiscan-validate/1");
    curl_api().easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_api().easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_api().easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_api().easy_setopt(h, CURLOPT_HEADERDATA, &sink);
    curl_api().easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    if (req.method == "POST") {
        curl_api().easy_setopt(h, CURLOPT_POST, 1L);
        curl_api().easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        curl_api().easy_setopt(h, CURLOPT_POSTFIELDS, req.body.c_str());
    } else if (req.method == "HEAD") {
        curl_api().easy_setopt(h, CURLOPT_NOBODY, 1L);
    }
    if (!req.basic_user.empty() || !req.basic_password.empty()) {
        curl_api().easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_api().easy_setopt(h, CURLOPT_USERNAME, req.basic_user.c_str());
        curl_api().easy_setopt(h, CURLOPT_PASSWORD, req.basic_password.c_str());
    }
    if (impl_->resolve) curl_api().easy_setopt(h, CURLOPT_CONNECT_TO, impl_->resolve.get());
#ifdef NHISCAN_LIVE_TEST_HOOKS
    if (const char* ca = std::getenv("NHISCAN_TEST_CA")) curl_api().easy_setopt(h, CURLOPT_CAINFO, ca);
#endif

    CURLcode rc = curl_api().easy_perform(h);
    // The handle keeps pointers to these: unset them before they go out of scope.
    curl_api().easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_api().easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    if (sink.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        out.error = fmt::format("response larger than {} bytes", impl_->limits.max_body);
        return out;
    }
    if (rc != CURLE_OK) {
        out.error = describe(rc, errbuf);
        return out;
    }
    long status = 0;
    curl_api().easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    out.response.status = static_cast<int>(status);
    out.ok = true;
    return out;
}

}  // namespace nhiscan::live
