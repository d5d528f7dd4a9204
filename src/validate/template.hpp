#pragma once
// {{secret}} / {{companion}} in [rules.validate] templates (rules/live_spec.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace nhiscan::live {

struct Credential {
    std::string secret;
    std::string companion;  // "" when none was found near the secret
    std::string tenant;     // [rules.tenant]'s label as found; "" when none (check.cpp vets it)
};

// The tenant as a host's first label: lower-cased, one DNS label of [a-z0-9-] (no dot, port,
// user, '%' or anything else that could move the request to another host), else nullopt.
std::optional<std::string> tenant_label(std::string_view tenant);

enum class Escape { None, Url, Json };

// Expands the placeholders; `dflt` applies where a placeholder names no escape (URLs pass
// Escape::Url: a value never changes a URL's structure). nullopt when an unescaped value would
// put a control character (CR, LF, NUL) into a header.
std::optional<std::string> expand(std::string_view tmpl, const Credential& c, Escape dflt, bool header = false);

std::string url_escape(std::string_view s);

}  // namespace nhiscan::live
