#pragma once
// Live validation of a scan's findings (docs/validation.md): runs after the scan, on its own
// bounded pool. Each distinct credential (rule spec, secret, companion) is checked once per
// run; concurrency is bounded overall and per provider host; HTTP 429 and Retry-After hold
// back every request to that host, and the request is retried while the wait is short.
#include <chrono>
#include <cstddef>
#include <vector>

#include "findings/finding.hpp"
#include "validate/check.hpp"

namespace nhiscan::live {

struct PoolOptions {
    HttpLimits limits;
    unsigned workers = 8;       // overall
    unsigned per_provider = 2;  // per provider host
    int max_attempts = 3;       // a 429 answer is retried this many times in all
    std::chrono::milliseconds max_retry_wait{30000};  // a longer Retry-After gives up: unknown
};

struct LiveStats {
    std::size_t credentials = 0, valid = 0, invalid = 0, unknown = 0, error = 0;
};

// Sets Finding::live on every finding whose rule has [rules.validate].
LiveStats validate_findings(std::vector<Finding>& findings, const PoolOptions& opt);

// One credential, with the same retry rules (`nhiscan validate`).
LiveCheck validate_one(const LiveSpec& spec, const Credential& cred, const PoolOptions& opt);

}  // namespace nhiscan::live
