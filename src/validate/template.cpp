#include "validate/template.hpp"

#include <memory>

#include <nlohmann/json.hpp>

#include "validate/curl_api.hpp"

namespace nhiscan::live {

std::string url_escape(std::string_view s) {
    const CurlApi& c = curl_api();
    std::unique_ptr<char, decltype(c.free)> e(c.easy_escape(nullptr, s.data(), static_cast<int>(s.size())), c.free);
    return e ? std::string(e.get()) : std::string();
}

std::optional<std::string> tenant_label(std::string_view tenant) {
    if (tenant.empty() || tenant.size() > 63 || tenant.front() == '-' || tenant.back() == '-') return std::nullopt;
    std::string out;
    for (char ch : tenant) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return std::nullopt;
        out += ch;
    }
    return out;
}

std::optional<std::string> expand(std::string_view tmpl, const Credential& c, Escape dflt, bool header) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        std::size_t open = tmpl.find("{{", pos);
        if (open == std::string_view::npos) break;
        std::size_t close = tmpl.find("}}", open);
        if (close == std::string_view::npos) break;  // the loader refuses these
        out.append(tmpl.substr(pos, open - pos));
        std::string_view name = tmpl.substr(open + 2, close - open - 2);
        std::string_view base = name.substr(0, name.find(':'));
        std::string_view esc = name.size() > base.size() ? name.substr(base.size() + 1) : std::string_view();
        const std::string& value = base == "companion" ? c.companion : c.secret;
        Escape e = esc == "url" ? Escape::Url : esc == "json" ? Escape::Json : dflt;
        if (e == Escape::Url) {
            // ':' may stand in a path segment (RFC 3986 pchar): Telegram's bot<id>:<key> keeps it.
            std::string v = url_escape(value);
            for (std::size_t i = 0; i < v.size(); ++i) {
                bool colon = v.compare(i, 3, "%3A") == 0;
                out += colon ? ':' : v[i];
                if (colon) i += 2;
            }
        } else if (e == Escape::Json) {
            std::string j = nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            out += j.substr(1, j.size() - 2);
        } else {
            out += value;
        }
        pos = close + 2;
    }
    out.append(tmpl.substr(pos));
    if (header && out.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) return std::nullopt;
    return out;
}

}  // namespace nhiscan::live
