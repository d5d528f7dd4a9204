#include "rules/rule.hpp"

#include <fmt/core.h>

#include "core/glob.hpp"
#include "core/hash.hpp"

namespace nhiscan {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::Info: return "info";
        case Severity::Low: return "low";
        case Severity::Medium: return "medium";
        case Severity::High: return "high";
        case Severity::Critical: return "critical";
    }
    return "medium";
}

const char* to_string(Confidence c) {
    switch (c) {
        case Confidence::Low: return "low";
        case Confidence::Medium: return "medium";
        case Confidence::High: return "high";
    }
    return "medium";
}

std::optional<Severity> parse_severity(std::string_view s) {
    for (auto v : {Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        if (s == to_string(v)) return v;
    return std::nullopt;
}

std::optional<Confidence> parse_confidence(std::string_view s) {
    for (auto v : {Confidence::Low, Confidence::Medium, Confidence::High})
        if (s == to_string(v)) return v;
    return std::nullopt;
}

std::string SourcePos::where() const { return line > 0 ? fmt::format("{}:{}", file, line) : file; }

void Allowlist::append(const Allowlist& o) {
    paths.insert(paths.end(), o.paths.begin(), o.paths.end());
    regexes.insert(regexes.end(), o.regexes.begin(), o.regexes.end());
    stopwords.insert(stopwords.end(), o.stopwords.begin(), o.stopwords.end());
}

bool is_test_path(const TestPaths& t, std::string_view path) {
    for (const auto& g : t.paths)
        if (glob_match(g, path)) return true;
    return false;
}

Confidence lowered(Confidence c) { return c == Confidence::High ? Confidence::Medium : Confidence::Low; }

Confidence test_path_confidence(const TestPaths& t, std::string_view kind, Confidence c) {
    for (const auto& k : t.fixture_kinds)
        if (k == kind) return Confidence::Low;
    return lowered(c);
}

std::optional<Confidence> confidence_at(const TestPaths& t, std::string_view path, std::string_view kind, Confidence c) {
    if (!is_test_path(t, path)) return c;
    Confidence l = test_path_confidence(t, kind, c);
    if (l < t.min_confidence) return std::nullopt;
    return l;
}

const RuleSpec* RulePack::find(std::string_view id) const {
    for (const auto& r : rules)
        if (r.id == id) return &r;
    return nullptr;
}

std::string RulePack::content_hash() const {
    // Only the patterns and their order reach the Hyperscan database.
    std::string buf;
    for (const auto& r : rules) {
        buf += r.id;
        buf.push_back('\0');
        buf += r.pattern;
        buf.push_back('\0');
        buf += r.hs_pattern;
        buf.push_back('\0');
    }
    return sha256_hex(buf);
}

}  // namespace nhiscan
