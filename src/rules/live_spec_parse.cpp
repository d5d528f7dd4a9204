#include "rules/live_spec_parse.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace nhiscan {
namespace {

struct Ctx {
    const std::string& file;
    std::string_view id;
    [[noreturn]] void fail(const toml::node& n, std::string_view what) const {
        throw Error(fmt::format("{}:{}: rule '{}': [rules.validate]: {}", file, n.source().begin.line, id, what));
    }
};

void check_keys(const Ctx& c, const toml::table& t, std::initializer_list<std::string_view> allowed, std::string_view what) {
    for (const auto& [k, v] : t)
        if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
            c.fail(v, fmt::format("unknown key '{}' in {}", k.str(), what));
}

std::string str(const Ctx& c, const toml::table& t, std::string_view key, std::string fallback = {}) {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (!n->is_string()) c.fail(*n, fmt::format("'{}' must be a string", key));
    return n->as_string()->get();
}

std::vector<std::pair<std::string, std::string>> str_table(const Ctx& c, const toml::table& t, std::string_view key) {
    std::vector<std::pair<std::string, std::string>> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    if (!n->is_table()) c.fail(*n, fmt::format("'{}' must be a table of strings", key));
    for (const auto& [k, v] : *n->as_table()) {
        if (!v.is_string()) c.fail(v, fmt::format("'{}.{}' must be a string", key, k.str()));
        out.emplace_back(std::string(k.str()), v.as_string()->get());
    }
    return out;
}

// A JSON pointer ("" is the whole document, else "/a/b").
void check_pointer(const Ctx& c, const toml::node& n, const std::string& p) {
    if (!p.empty() && p[0] != '/') c.fail(n, fmt::format("'{}' is not a JSON pointer (it starts with '/')", p));
}

// {{secret}}, {{companion}}, optionally :url or :json; nothing else.
bool uses_companion(const Ctx& c, const toml::node& n, std::string_view tmpl) {
    bool companion = false;
    for (std::size_t i = tmpl.find("{{"); i != std::string_view::npos; i = tmpl.find("{{", i + 2)) {
        std::size_t end = tmpl.find("}}", i);
        if (end == std::string_view::npos) c.fail(n, "unclosed '{{' in a template");
        std::string_view name = tmpl.substr(i + 2, end - i - 2);
        std::string_view base = name.substr(0, name.find(':'));
        std::string_view esc = name.size() > base.size() ? name.substr(base.size() + 1) : std::string_view();
        if ((base != "secret" && base != "companion") || (!esc.empty() && esc != "url" && esc != "json"))
            c.fail(n, fmt::format("unknown placeholder '{{{{{}}}}}' (secret, companion; :url or :json)", name));
        companion = companion || base == "companion";
    }
    return companion;
}

LiveMatch parse_match(const Ctx& c, const toml::node& n, std::string_view what) {
    const toml::table* t = n.as_table();
    if (!t) c.fail(n, fmt::format("'{}' must be a table", what));
    check_keys(c, *t, {"status", "json_present", "json_equals"}, what);
    LiveMatch m;
    if (const toml::node* s = t->get("status")) {
        const toml::array* a = s->as_array();
        if (!a) c.fail(*s, "'status' must be an array of HTTP statuses");
        for (const auto& e : *a) {
            auto v = e.value_exact<int64_t>();
            if (!v || *v < 100 || *v > 599) c.fail(e, "'status' must hold HTTP statuses (100-599)");
            m.status.push_back(static_cast<int>(*v));
        }
    }
    if (const toml::node* s = t->get("json_present")) {
        const toml::array* a = s->as_array();
        if (!a) c.fail(*s, "'json_present' must be an array of JSON pointers");
        for (const auto& e : *a) {
            if (!e.is_string()) c.fail(e, "'json_present' must be an array of JSON pointers");
            check_pointer(c, e, e.as_string()->get());
            m.json_present.push_back(e.as_string()->get());
        }
    }
    if (const toml::node* s = t->get("json_equals")) {
        if (!s->is_table()) c.fail(*s, "'json_equals' must be a table: JSON pointer = value");
        for (const auto& [k, v] : *s->as_table()) {
            check_pointer(c, v, std::string(k.str()));
            std::string json;
            if (auto b = v.value_exact<bool>()) json = *b ? "true" : "false";
            else if (auto i = v.value_exact<int64_t>()) json = std::to_string(*i);
            else if (v.is_string()) json = nlohmann::json(v.as_string()->get()).dump();
            else c.fail(v, "'json_equals' values must be strings, integers or booleans");
            m.json_equals.emplace_back(std::string(k.str()), std::move(json));
        }
    }
    if (m.empty()) c.fail(n, fmt::format("'{}' has no condition", what));
    return m;
}

}  // namespace

std::string https_host(std::string_view url) {
    constexpr std::string_view kScheme = "https://";
    if (url.substr(0, kScheme.size()) != kScheme) return {};
    std::string_view rest = url.substr(kScheme.size());
    std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.empty() || host.find_first_of("@{}\\ \t%") != std::string_view::npos) return {};
    for (char ch : host)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == ':')) return {};
    return std::string(host);
}

bool parse_live_switch(const toml::node& n, const std::string& file) {
    auto fail = [&](const toml::node& at, std::string_view what) {
        throw Error(fmt::format("{}:{}: [live_validation]: {}", file, at.source().begin.line, what));
    };
    const toml::table* t = n.as_table();
    if (!t) fail(n, "must be a table");
    for (const auto& [k, v] : *t)
        if (k.str() != "enabled") fail(v, fmt::format("unknown key '{}' (enabled)", k.str()));
    const toml::node* e = t->get("enabled");
    if (!e) return false;
    auto v = e->value_exact<bool>();
    if (!v) fail(*e, "'enabled' must be true or false");
    return !*v;
}

LiveSpec parse_live_spec(const toml::node& n, const std::string& file, std::string_view rule_id) {
    Ctx c{file, rule_id};
    const toml::table* t = n.as_table();
    if (!t) c.fail(n, "'validate' must be a table ([rules.validate])");
    check_keys(c, *t,
               {"method", "url", "headers", "body", "basic_user", "basic_password", "sign", "aws_region",
                "aws_service", "valid", "invalid", "metadata"},
               "[rules.validate]");
    LiveSpec s;
    s.method = str(c, *t, "method", "GET");
    if (s.method != "GET" && s.method != "POST" && s.method != "HEAD")
        c.fail(*t->get("method"), fmt::format("method '{}' is not allowed (GET, POST, HEAD: validation never changes anything)", s.method));
    if (!t->get("url")) c.fail(*t, "missing required key 'url'");
    s.url = str(c, *t, "url");
    constexpr std::string_view kTenant = "https://{{tenant}}.";
    if (s.url.rfind(kTenant, 0) == 0) {
        // Only the first label may vary; the suffix must be a domain of its own (a dot in it),
        // so the tenant can never make the host a bare TLD or another provider's.
        std::string suffix = https_host("https://" + s.url.substr(kTenant.size()));
        if (suffix.find('.') == std::string::npos || suffix.find(':') != std::string::npos)
            c.fail(*t->get("url"),
                   "a {{tenant}} host needs a fixed suffix with a dot and no port (https://{{tenant}}.okta.com/...)");
        s.tenant_host = true;
        s.host_suffix = "." + suffix;
        s.host = "{{tenant}}" + s.host_suffix;
    } else {
        s.host = https_host(s.url);
    }
    if (s.host.empty())
        c.fail(*t->get("url"),
               "'url' must be https:// with a fixed host (no placeholder or user in the host; "
               "only a leading {{tenant}} label may vary)");
    s.headers = str_table(c, *t, "headers");
    s.body = str(c, *t, "body");
    s.basic_user = str(c, *t, "basic_user");
    s.basic_password = str(c, *t, "basic_password");
    s.sign = str(c, *t, "sign");
    if (!s.sign.empty() && s.sign != "aws-sigv4" && s.sign != "gcp-jwt")
        c.fail(*t->get("sign"), fmt::format("unknown signer '{}' (aws-sigv4, gcp-jwt)", s.sign));
    s.aws_region = str(c, *t, "aws_region", s.aws_region);
    s.aws_service = str(c, *t, "aws_service", s.aws_service);
    s.needs_companion = s.sign == "aws-sigv4" || s.sign == "gcp-jwt";
    s.needs_companion |= uses_companion(c, *t->get("url"), s.tenant_host ? s.url.substr(kTenant.size()) : s.url);
    for (const auto& [k, v] : s.headers) s.needs_companion |= uses_companion(c, *t->get("headers"), v);
    for (const char* key : {"body", "basic_user", "basic_password"})
        if (const toml::node* f = t->get(key)) s.needs_companion |= uses_companion(c, *f, f->value_or<std::string>(""));
    if (!t->get("valid")) c.fail(*t, "missing required key 'valid'");
    s.valid = parse_match(c, *t->get("valid"), "valid");
    if (!t->get("invalid")) c.fail(*t, "missing required key 'invalid'");
    s.invalid = parse_match(c, *t->get("invalid"), "invalid");
    s.metadata = str_table(c, *t, "metadata");
    for (const auto& [k, v] : s.metadata) {
        bool ok = (!v.empty() && v[0] == '/') || (v.rfind("xml:", 0) == 0 && v.size() > 4) ||
                  (v.rfind("header:", 0) == 0 && v.size() > 7);
        if (!ok) c.fail(*t->get("metadata"), fmt::format("metadata '{}' must be a JSON pointer, xml:Element or header:Name", k));
    }
    return s;
}

}  // namespace nhiscan
