#pragma once
// One live check of one credential: expand the rule's request, sign it when the rule says so,
// send it, classify the answer. No cache, no pool, no retries: pool.hpp adds those.
#include <chrono>
#include <string>

#include "findings/finding.hpp"
#include "rules/live_spec.hpp"
#include "validate/http_client.hpp"
#include "validate/template.hpp"

namespace nhiscan::live {

struct Attempt {
    LiveCheck result;                     // final unless rate_limited
    bool rate_limited = false;            // HTTP 429: retry after `retry_after`
    std::chrono::milliseconds retry_after{0};
};

Attempt check_once(const LiveSpec& spec, const Credential& cred, HttpClient& client);

// ISO 8601 UTC with seconds and Z.
std::string iso_now();
// Retry-After: delay seconds or an HTTP date; 1 s when absent or unreadable.
std::chrono::milliseconds parse_retry_after(const std::string& value);

}  // namespace nhiscan::live
