// --validate, --only-valid and `nhiscan validate` (docs/validation.md). Nothing here opens a
// connection unless the user asked for live validation and no config or environment forbids it.
#include <cstdlib>
#include <iostream>
#include <iterator>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "compile/compiled_rules.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "validate/pool.hpp"

namespace nhiscan::cli {
namespace {

// Why live validation is off for good here, or "" when it may run.
std::string forbidden_by(const RulePack& pack) {
    if (const char* e = std::getenv("NHISCAN_NO_LIVE_VALIDATION"); e && *e && std::string_view(e) != "0")
        return "the environment (NHISCAN_NO_LIVE_VALIDATION)";
    if (pack.live_validation_off) return "the config ([live_validation] enabled = false)";
    return {};
}

live::PoolOptions pool_options(const Options& opt) {
    live::PoolOptions p;
    auto ms = std::chrono::milliseconds(static_cast<long long>(opt.validate_timeout * 1000));
    p.limits.total_timeout = ms;
    p.limits.connect_timeout = std::min(ms, std::chrono::milliseconds(5000));
    return p;
}

std::string metadata_text(const LiveCheck& c) {
    std::string out;
    for (const auto& [k, v] : c.metadata) out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", k, diag::printable(v));
    return out;
}

}  // namespace

void apply_live_validation(const Options& opt, const RulePack& pack, std::vector<Finding>& findings) {
    if (!opt.validate) return;
    if (std::string why = forbidden_by(pack); !why.empty()) {
        if (opt.only_valid) throw UsageError(fmt::format("--only-valid needs live validation, which {} turns off", why));
        diag::notice(fmt::format("live validation is turned off by {}: --validate ignored", why));
        return;
    }
    live::LiveStats s = live::validate_findings(findings, pool_options(opt));
    diag::notice(fmt::format("live validation: {} credential{} checked: {} valid, {} invalid, {} unknown, {} error",
                             s.credentials, s.credentials == 1 ? "" : "s", s.valid, s.invalid, s.unknown, s.error));
    if (opt.only_valid)
        std::erase_if(findings, [](const Finding& f) { return !f.live || f.live->status != "valid"; });
}

int cmd_validate(const Options& opt) {
    auto rules = load_rules(opt, ".");
    const RuleSpec* rule = rules->pack().find(opt.validate_rule);
    if (!rule) throw UsageError(fmt::format("unknown rule '{}' (see nhiscan rules list)", opt.validate_rule));
    if (rule->live.empty())
        throw UsageError(fmt::format("rule '{}' has no live check ([rules.validate])", opt.validate_rule));
    if (std::string why = forbidden_by(rules->pack()); !why.empty())
        throw UsageError(fmt::format("live validation is turned off by {}", why));
    std::string secret(std::istreambuf_iterator<char>(std::cin), {});
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) throw UsageError("no secret on standard input");
    if (rule->live.needs_companion && opt.companion.empty())
        throw UsageError(fmt::format("rule '{}' needs --companion (its {})", rule->id,
                                     rule->companion.name.empty() ? "companion identifier" : rule->companion.name));

    if (!rule->live.tenant_host && !opt.tenant.empty())
        throw UsageError(fmt::format("rule '{}' takes no --tenant (its host is fixed: {})", rule->id, rule->live.host));
    // A tenant the secret names itself (in_secret) comes from the secret, as in a scan.
    std::string tenant = opt.tenant;
    if (rule->live.tenant_host && tenant.empty() && rule->tenant.in_secret) {
        if (re2::StringPiece label; RE2::PartialMatch(secret, RE2(rule->tenant.pattern, re2_options()), &label))
            tenant.assign(label.data(), label.size());
    }
    if (rule->live.tenant_host && tenant.empty())
        throw UsageError(fmt::format("rule '{}' needs --tenant (its {}: the first label of {})", rule->id,
                                     rule->tenant.name, rule->live.host));
    // A --tenant that is not one DNS label is not refused here: the check reports it `unknown`
    // and sends nothing, as it does for a tenant found in scanned content.
    LiveCheck c = live::validate_one(rule->live, {secret, opt.companion, tenant}, pool_options(opt));
    if (opt.format && std::string_view(opt.format->name) == "json") {
        nlohmann::ordered_json j;
        j["rule_id"] = rule->id;
        j["live"] = c.status;
        j["live_reason"] = c.reason;
        j["checked_at"] = c.checked_at;
        j["live_metadata"] = nlohmann::ordered_json::object();
        for (const auto& [k, v] : c.metadata) j["live_metadata"][k] = v;
        std::cout << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    } else {
        std::cout << fmt::format("{}: {} ({}), checked {}\n", rule->id, c.status, c.reason, c.checked_at);
        if (!c.metadata.empty()) std::cout << "  " << metadata_text(c) << '\n';
    }
    return 0;
}

}  // namespace nhiscan::cli
