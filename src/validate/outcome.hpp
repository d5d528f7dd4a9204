#pragma once
// A provider's response -> valid | invalid | unknown, by the rule's matchers, and the identity
// metadata to report (docs/validation.md).
#include <string>

#include "findings/finding.hpp"
#include "rules/live_spec.hpp"
#include "validate/http_client.hpp"

namespace nhiscan::live {

// `secret` is only used to withhold any metadata value that contains it.
LiveCheck classify(const LiveSpec& spec, const HttpResponse& r, const std::string& secret);

bool matches_all(const LiveMatch& m, const HttpResponse& r);
bool matches_any(const LiveMatch& m, const HttpResponse& r);

}  // namespace nhiscan::live
