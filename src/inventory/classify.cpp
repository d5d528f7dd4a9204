#include "inventory/classify.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "inventory/codeowners.hpp"

namespace nhiscan::inventory {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// base64url (JWT segments) -> bytes; "" when it is not valid.
std::string base64url_decode(std::string_view in) {
    std::string b64(in);
    for (auto& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (b64.size() % 4) b64 += '=';
    std::string out(b64.size() / 4 * 3, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(b64.data()),
                            static_cast<int>(b64.size()));
    if (n < 0) return {};
    std::size_t pad = b64.size() - b64.find_last_not_of('=') - 1;
    out.resize(static_cast<std::size_t>(n) - std::min<std::size_t>(pad, static_cast<std::size_t>(n)));
    return out;
}

// "iss=...; sub=...; kid=..." from a JWT's header and payload (claims it has, in that order).
std::string jwt_identity(std::string_view token) {
    auto dot1 = token.find('.');
    if (dot1 == std::string_view::npos) return {};
    auto dot2 = token.find('.', dot1 + 1);
    auto header = nlohmann::json::parse(base64url_decode(token.substr(0, dot1)), nullptr, false);
    auto payload = nlohmann::json::parse(base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1)), nullptr, false);
    std::string out;
    auto add = [&](const nlohmann::json& j, const char* claim) {
        if (j.is_object() && j.contains(claim) && j[claim].is_string())
            out += fmt::format("{}{}={}", out.empty() ? "" : "; ", claim, j[claim].get<std::string>());
    };
    add(payload, "iss");
    add(payload, "sub");
    add(header, "kid");
    return out;
}

// Tokens of a path or ref name: "config/prod.env" -> config, prod, env.
std::set<std::string> words_of(std::string_view s) {
    std::set<std::string> out;
    std::string cur;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!cur.empty()) {
            out.insert(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.insert(cur);
    return out;
}

// The environment a name hints at, or "".
std::string hinted(std::string_view name) {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> hints = {
        {"example", {"example", "examples", "sample", "samples", "demo", "template", "dist"}},
        {"production", {"prod", "production", "prd", "live"}},
        {"staging", {"staging", "stage", "stg", "preprod", "uat"}},
        {"test", {"test", "tests", "testing", "spec", "qa", "fixture", "fixtures", "mock", "mocks"}},
    };
    auto words = words_of(name);
    for (const auto& [env, ws] : hints)
        for (const auto& w : ws)
            if (words.count(w)) return env;
    return {};
}

}  // namespace

int severity_rank(std::string_view s) {
    auto sev = parse_severity(s);
    return sev ? static_cast<int>(*sev) : -1;
}

PublicId public_identifier(const RuleSpec& rule, std::string_view secret, std::string_view companion) {
    if (rule.validator == "aws-key-id") return {"aws-access-key-id", std::string(secret)};
    if (!companion.empty()) {
        std::string name = lower(rule.companion.name);
        if (name.find('@') != std::string::npos || name.find("key id") != std::string::npos)
            return {rule.companion.name, std::string(companion)};
    }
    if (rule.validator == "jwt")
        if (auto id = jwt_identity(secret); !id.empty()) return {"jwt-claims", id};
    // Tokens with a fixed literal prefix (ghp_, xoxb-, AKIA...): prefix and last 4 name the
    // token the way providers' own consoles do, without enough to use it.
    std::string prefix = literal_prefix(rule.pattern);
    if (!prefix.empty() && prefix.find("-----") == std::string::npos && secret.size() >= prefix.size() + 16 &&
        secret.substr(0, prefix.size()) == prefix)
        return {"prefix+last4", prefix + "..." + std::string(secret.substr(secret.size() - 4))};
    return {};
}

void guess_environment(Record& r, const TestPaths& test_paths, const std::string& default_ref) {
    // The most consequential hint wins when places disagree.
    static const std::vector<std::string> order = {"production", "staging", "test", "example"};
    auto rank = [&](const std::string& env) {
        return static_cast<int>(std::find(order.begin(), order.end(), env) - order.begin());
    };
    std::string best, reason;
    auto consider = [&](const std::string& env, std::string why) {
        if (!env.empty() && (best.empty() || rank(env) < rank(best))) {
            best = env;
            reason = std::move(why);
        }
    };
    for (const auto& p : r.places) {
        std::string env = hinted(p.path);
        if (env.empty() && is_test_path(test_paths, p.path)) env = "test";
        if (!env.empty()) consider(env, fmt::format("path '{}' in {}", p.path, p.repo));
    }
    // What ships from the default branch is what runs in production; other refs only hint
    // when the default branch does not hold it.
    if (best.empty() && !default_ref.empty() &&
        std::find(r.refs.begin(), r.refs.end(), default_ref) != r.refs.end()) {
        best = "production";
        reason = fmt::format("on the default branch '{}', with no path hint", default_ref);
    }
    if (best.empty())
        for (const auto& ref : r.refs) {
            if (ref.rfind("refs/stash", 0) == 0) continue;
            std::string env = hinted(ref);
            if (!env.empty()) consider(env, fmt::format("ref '{}'", ref));
        }
    if (best.empty()) {
        best = "unknown";
        reason = "no path or ref hint, and not on the default branch";
    }
    r.environment = best;
    r.environment_reason = reason;
}

void suggest_owner(Record& r, const CodeOwners* owners) {
    if (owners && !r.places.empty()) {
        const Place& p = r.places.front();
        if (const OwnerRule* rule = owners->match(p.path); rule && !rule->owners.empty()) {
            std::string list;
            for (const auto& o : rule->owners) list += (list.empty() ? "" : " ") + o;
            r.owner = list;
            r.owner_source = "codeowners";
            r.owner_reason = fmt::format("{}:{} '{}' matches {} (the last matching line wins)", owners->file(), rule->line,
                                         rule->pattern, p.path);
            return;
        }
    }
    if (r.first_seen && !r.first_seen->author_email.empty()) {
        r.owner = fmt::format("{} <{}>", r.first_seen->author_name, r.first_seen->author_email);
        r.owner_source = "introducing-author";
        r.owner_reason = fmt::format("author of {}, which introduced it; no CODEOWNERS line owns {}",
                                     r.first_seen->commit.substr(0, 12), r.places.empty() ? "" : r.places.front().path);
        return;
    }
    r.owner_source = "none";
    r.owner_reason = "no CODEOWNERS line and no commit holds it (unreachable object)";
}

void prioritise(std::vector<Record>& records) {
    // At HEAD, then severity, then exposure, then reach (refs), then unowned (no CODEOWNERS or
    // triage owner) first; the key breaks ties so the order is stable.
    auto rank = [](const Record& r) {
        bool owned = r.owner_source == "codeowners" || r.owner_source == "triage";
        return std::make_tuple(!r.at_head(), -severity_rank(r.severity), -r.exposure_days,
                               -static_cast<std::int64_t>(r.refs.size()), owned, r.key);
    };
    std::sort(records.begin(), records.end(), [&](const Record& a, const Record& b) { return rank(a) < rank(b); });
    for (std::size_t i = 0; i < records.size(); ++i) records[i].priority = i + 1;
}

}  // namespace nhiscan::inventory
