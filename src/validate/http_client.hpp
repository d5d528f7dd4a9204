#pragma once
// One HTTPS request over libcurl (RAII handles), with the safety rules of live validation
// (docs/validation.md): https only, certificate verification on, no redirects followed, a
// response size cap, connect and total timeouts. The proxy environment variables are honoured
// (libcurl reads https_proxy / no_proxy itself).
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nhiscan::live {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string basic_user, basic_password;  // basic auth when either is set
};

struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  // names lower-cased; last one wins
    std::string body;
};

struct HttpLimits {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{10000};
    std::size_t max_body = 256 * 1024;
};

// The transport outcome: a response, or why there is none.
struct HttpResult {
    bool ok = false;
    std::string error;  // set when !ok: "timeout", "TLS: ...", "response larger than N bytes", ...
    HttpResponse response;
};

class HttpClient {
public:
    explicit HttpClient(HttpLimits limits);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;
    // Sends `req` to `expected_host` only: a URL whose host differs is refused before anything
    // is sent.
    HttpResult send(const HttpRequest& req, const std::string& expected_host);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Test-only (docs/validation.md, "Testing"): NHISCAN_TEST_CONNECT_TO ("host:port:127.0.0.1:PORT",
// comma-separated; loopback addresses only) and NHISCAN_TEST_CA (a CA file). Compiled in only
// with -DNHISCAN_LIVE_TEST_HOOKS=ON.
bool test_hooks_compiled();

}  // namespace nhiscan::live
