#pragma once
// Live validation as rule data: `[rules.validate]` (docs/validation.md). How to ask the provider
// whether a found credential still works. Plain data; src/validate/ runs it, only on --validate.
// Not to be confused with `validator`, the offline format check (scan/validators.*).
#include <string>
#include <utility>
#include <vector>

namespace nhiscan {

// What a response must look like to count as valid, or as invalid.
struct LiveMatch {
    std::vector<int> status;                                       // any of these HTTP statuses
    std::vector<std::string> json_present;                         // JSON pointers that must exist
    std::vector<std::pair<std::string, std::string>> json_equals;  // JSON pointer -> value as JSON text
    bool empty() const { return status.empty() && json_present.empty() && json_equals.empty(); }
    bool operator==(const LiveMatch&) const = default;
};

struct LiveSpec {
    // The request. `url` is https:// with a host fixed in the rule; templates may use
    // {{secret}} and {{companion}} (optionally :url or :json escaped) in the path, query, header
    // values, body and basic-auth fields, never in the host.
    std::string method = "GET";  // GET | POST | HEAD: validation never changes anything
    std::string url;
    std::string host;  // read off `url` at load time ("{{tenant}}.okta.com" for a tenant host)
    // A tenant host (docs/validation.md, "Tenant hosts"): the url starts https://{{tenant}}.
    // and the rest of the host, `host_suffix` (".okta.com"), is fixed in the rule. Only the
    // label found by [rules.tenant], checked to be one DNS label, is put in front of it.
    bool tenant_host = false;
    std::string host_suffix;
    std::string tenant_name;  // [rules.tenant]'s name, for the reason when none is found
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string basic_user, basic_password;
    // "" plain HTTP; "aws-sigv4": SigV4-signed with companion = access key id, secret = secret
    // key; "gcp-jwt": an RS256 JWT signed with the secret (a PEM key), companion = client email.
    std::string sign;
    std::string aws_region = "us-east-1";
    std::string aws_service = "sts";
    LiveMatch valid;    // every condition must hold
    LiveMatch invalid;  // any one condition suffices
    // What to report on success: name -> "/json/pointer", "xml:Element" or "header:Name".
    // Identity (account, user, scopes, ARN), never the secret.
    std::vector<std::pair<std::string, std::string>> metadata;
    bool needs_companion = false;  // a template or the signer uses {{companion}}
    bool empty() const { return url.empty(); }
    bool operator==(const LiveSpec&) const = default;
};

}  // namespace nhiscan
