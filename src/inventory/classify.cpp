#include "inventory/classify.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <re2/re2.h>

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

// "client_email=...; private_key_id=..." from the key file's JSON object around the private
// key (the rule's pattern keeps that object flat: no braces between the key and the email).
std::string service_account_identity(std::string_view text, std::string_view secret, std::string_view companion) {
    std::string email(companion), key_id;
    auto off = text.find(secret);
    if (off != std::string_view::npos) {
        auto open = text.rfind('{', off);
        auto close = text.find('}', off + secret.size());
        std::size_t from = open == std::string_view::npos ? 0 : open;
        std::size_t to = close == std::string_view::npos ? text.size() : close + 1;
        std::string_view object = text.substr(from, to - from);
        static const RE2 email_re(R"re("client_email"\s*:\s*"([^"\\\s]+@[^"\\\s]+)")re");
        static const RE2 id_re(R"re("private_key_id"\s*:\s*"([0-9A-Fa-f]{16,64})")re");
        std::string found;
        if (RE2::PartialMatch(object, email_re, &found)) email = found;
        RE2::PartialMatch(object, id_re, &key_id);
    }
    std::string out;
    if (!email.empty()) out = "client_email=" + email;
    if (!key_id.empty()) out += (out.empty() ? "" : "; ") + std::string("private_key_id=") + key_id;
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

PublicId public_identifier(const RuleSpec& rule, std::string_view secret, std::string_view companion,
                           std::string_view text) {
    if (rule.validator == "aws-key-id") return {"aws-access-key-id", std::string(secret)};
    if (rule.kind == "service-account-key")
        if (auto id = service_account_identity(text, secret, companion); !id.empty())
            return {"gcp-service-account", id};
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

void suggest_owner(Record& r) {
    // 1. CODEOWNERS: the first place with owners, places still at HEAD first (that is where
    // the credential has to be removed), then the others in record order.
    std::vector<const Place*> order;
    for (const auto& p : r.places)
        if (p.status.rfind("at HEAD", 0) == 0 && p.status.rfind("at HEAD elsewhere", 0) != 0) order.push_back(&p);
    for (const auto& p : r.places)
        if (std::find(order.begin(), order.end(), &p) == order.end()) order.push_back(&p);
    for (const Place* p : order) {
        if (p->owners.empty()) continue;
        std::string list;
        for (const auto& o : p->owners) list += (list.empty() ? "" : " ") + o;
        r.owner = list;
        r.owner_source = "codeowners";
        bool sections = p->codeowners_rule.find("', ") != std::string::npos;
        r.owner_reason =
            fmt::format("{} {} {}{} ({})", p->codeowners_rule, sections ? "match" : "matches", p->path,
                        r.repo_count() > 1 ? " in " + p->repo : "",
                        sections ? "the last matching line of each section wins" : "the last matching line wins");
        bool others = std::any_of(r.places.begin(), r.places.end(),
                                  [&](const Place& q) { return !q.codeowners_rule.empty() && q.owners != p->owners; });
        if (others) r.owner_reason += "; other places have other owners (places[].codeowners)";
        return;
    }
    const std::string first_path = r.places.empty() ? "" : r.places.front().path;
    // 2. The author who introduced it.
    if (r.first_seen && r.introducer_unknown.empty()) {
        r.owner = fmt::format("{} <{}>", r.first_seen->author_name, r.first_seen->author_email);
        r.owner_source = "introducing-author";
        r.owner_reason = fmt::format("author of {}, which introduced it; no CODEOWNERS line owns {}",
                                     r.first_seen->commit.substr(0, 12), first_path);
        return;
    }
    if (!r.first_seen) {
        r.owner_source = "none";
        r.owner_reason = "no CODEOWNERS line and no commit holds it (unreachable object)";
        return;
    }
    // 3. The person who last changed the line holding it.
    if (const auto& lc = r.line_change; lc && !lc->truncated && !lc->who.author_email.empty()) {
        r.owner = fmt::format("{} <{}>", lc->who.author_name, lc->who.author_email);
        r.owner_source = "line-last-changed";
        r.owner_reason = fmt::format("the introducer is unknown ({}); {} last changed line {} of {} in {} ({})",
                                     r.introducer_unknown, lc->who.author_name, lc->line, lc->path, lc->repo,
                                     lc->who.commit.substr(0, 12));
        return;
    }
    r.owner_source = "none";
    if (r.line_change)
        r.owner_reason = fmt::format(
            "the introducer is unknown ({}), and no commit here changed line {} of {} in {} "
            "since ({} is where this history starts or names no author)",
            r.introducer_unknown, r.line_change->line, r.line_change->path, r.line_change->repo,
            r.line_change->who.commit.substr(0, 12));
    else
        r.owner_reason = fmt::format(
            "the introducer is unknown ({}), and the history walk cannot place the value on a "
            "line to blame; no CODEOWNERS line owns {}",
            r.introducer_unknown, first_path);
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
