#pragma once
// A Google service-account key is checked by its OAuth token exchange: an RS256 JWT signed with
// the key, posted to the token endpoint named in the rule (never the token_uri in the file).
#include <optional>
#include <string>

namespace nhiscan::live {

std::string base64url(std::string_view bytes);
// The signed assertion for `client_email`, or nullopt (and `error`) when the key is unusable.
// `pem` may carry the JSON file's literal "\n" escapes.
std::optional<std::string> gcp_jwt_assertion(const std::string& pem, const std::string& client_email,
                                             const std::string& audience, long long now_unix, std::string& error);

}  // namespace nhiscan::live
