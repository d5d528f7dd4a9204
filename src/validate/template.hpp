#pragma once
// {{secret}} / {{companion}} in [rules.validate] templates (rules/live_spec.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace nhiscan::live {

struct Credential {
    std::string secret;
    std::string companion;  // "" when none was found near the secret
};

enum class Escape { None, Url, Json };

// Expands the placeholders; `dflt` applies where a placeholder names no escape (URLs pass
// Escape::Url: a value never changes a URL's structure). nullopt when an unescaped value would
// put a control character (CR, LF, NUL) into a header.
std::optional<std::string> expand(std::string_view tmpl, const Credential& c, Escape dflt, bool header = false);

std::string url_escape(std::string_view s);

}  // namespace nhiscan::live
