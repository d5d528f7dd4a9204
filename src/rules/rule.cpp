#include "rules/rule.hpp"

#include <cctype>

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
    // Inside an archive the path is "outer.tar.gz!member/path" (nested: "a.zip!b.tar!c"): the
    // member's own path says as much as the archive's ("x.tar.gz!tests/key.json").
    for (auto bang = path.find('!'); bang != std::string_view::npos; bang = path.find('!', bang + 1)) {
        std::string_view member = path.substr(bang + 1);
        for (const auto& g : t.paths)
            if (glob_match(g, member)) return true;
    }
    return false;
}

namespace {

// A character that stands for itself in a pattern, at data[i]: plain text or an escaped
// punctuation character (`\.`, `\$`, `\-`). Sets `len` to the bytes it takes.
bool literal_at(std::string_view p, std::size_t i, char& c, std::size_t& len) {
    static constexpr std::string_view kMeta = "\\.^$|?*+()[]{}";
    if (i >= p.size()) return false;
    if (p[i] == '\\') {
        if (i + 1 >= p.size() || std::isalnum(static_cast<unsigned char>(p[i + 1]))) return false;  // \b \s \d ...
        c = p[i + 1];
        len = 2;
        return true;
    }
    if (kMeta.find(p[i]) != std::string_view::npos) return false;
    c = p[i];
    len = 1;
    return true;
}

bool quantifier_at(std::string_view p, std::size_t i) {
    return i < p.size() && (p[i] == '?' || p[i] == '*' || p[i] == '{');
}

// Literal characters from i on; stops before a character a quantifier makes optional.
std::string literal_run(std::string_view p, std::size_t& i) {
    std::string out;
    char c;
    std::size_t len;
    while (literal_at(p, i, c, len)) {
        if (quantifier_at(p, i + len)) break;
        out.push_back(c);
        i += len;
    }
    return out;
}

}  // namespace

std::string literal_prefix(std::string_view p) {
    std::size_t i = 0;
    for (;;) {
        if (p.substr(i, 2) == "\\b") {
            i += 2;
        } else if (p.substr(i, 1) == "(" && p.substr(i, 2) != "(?") {
            ++i;
        } else {
            break;
        }
    }
    if (p.substr(i, 3) == "(?:") {
        // (?:AKIA|ABIA|ACCA): the shortest alternative, if every one is a plain literal.
        i += 3;
        std::string shortest;
        bool first = true;
        for (;;) {
            std::string alt = literal_run(p, i);
            if (i >= p.size() || (p[i] != '|' && p[i] != ')')) return {};
            if (first || alt.size() < shortest.size()) shortest = alt;
            first = false;
            if (p[i++] == ')') break;
        }
        if (quantifier_at(p, i)) return {};
        return shortest;
    }
    return literal_run(p, i);
}

namespace {

// The end of the group that opens at p[i] ('('), past its ')'; npos when it does not close.
// Escapes and character classes are skipped.
std::size_t group_end(std::string_view p, std::size_t i) {
    int depth = 0;
    bool in_class = false;
    for (std::size_t j = i; j < p.size(); ++j) {
        char c = p[j];
        if (c == '\\') {
            ++j;
        } else if (in_class) {
            in_class = c != ']';
        } else if (c == '[') {
            in_class = true;
            if (j + 1 < p.size() && p[j + 1] == '^') ++j;
            if (j + 1 < p.size() && p[j + 1] == ']') ++j;  // `[]…]`, `[^]…]`
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return j + 1;
        }
    }
    return std::string_view::npos;
}

// The end of word_after_pattern's leading word group; npos when the pattern is not of its form.
std::size_t word_group_end(std::string_view p) {
    constexpr auto npos = std::string_view::npos;
    if (!p.starts_with("(?i:")) return npos;
    std::size_t word = group_end(p, 0);
    if (word == npos || p.substr(word, 3) != "(?:") return npos;
    std::size_t gap = group_end(p, word);
    if (gap == npos) return npos;
    std::string_view g = p.substr(word, gap - word);
    if (!g.starts_with("(?:[^\\r\\n]{0,") && !g.starts_with("(?:(?:[^\\r\\n]{0,")) return npos;
    std::string_view rest = p.substr(gap);
    if (rest.starts_with("[^") || (rest.starts_with("(") && !rest.starts_with("(?"))) return word;
    return npos;
}

}  // namespace

std::string word_after_pattern(std::string_view p) {
    std::size_t word = word_group_end(p);
    if (word == std::string_view::npos) return {};
    std::string_view rest = p.substr(group_end(p, word));
    std::string out;
    if (rest.starts_with("[^")) {
        out = rest;  // the rule's boundary before its value
    } else {
        // The gap's alternatives end with the boundary: none of a key's characters before it.
        out = "(?:^|[^A-Za-z0-9_+/=.-])" + std::string(rest);
    }
    // The word names the value only as a call's quoted argument after it (`.save("deepseek")`)
    // or as a trailing comment's first word (`"sk-…"  # deepseek`). Not anywhere on the line: a
    // log line's `model=deepseek-chat`, a URL's `?ref=deepseek`, minified JS's `b="deepseek"`, a
    // comment or a table cell that mentions it in passing (`# see deepseek docs`).
    out += R"((?:[^\r\n=;]{0,40}?[(,][ \t]{0,4}["']|["']?[,;]?[ \t]{0,8}(?:#|//|--)[ \t]{0,4}))";
    out += p.substr(0, word);
    return out;
}

bool runs_on_binary(const RuleSpec& r) {
    return r.confidence == Confidence::High && literal_prefix(r.pattern).size() >= kBinaryPrefixMin;
}

Confidence lowered(Confidence c) { return c == Confidence::High ? Confidence::Medium : Confidence::Low; }

void add_test_path_note(std::string& note) {
    note = note.empty() ? std::string(kTestPathNote) : note + "; " + std::string(kTestPathNote);
}

Confidence test_path_confidence(const TestPaths& t, std::string_view kind, std::string_view rule_id, Confidence c) {
    for (const auto& k : t.fixture_kinds)
        if (k == kind) return Confidence::Low;
    for (const auto& r : t.fixture_rules)
        if (r == rule_id) return Confidence::Low;
    return lowered(c);
}

std::optional<Confidence> confidence_at(const TestPaths& t, std::string_view path, std::string_view kind,
                                        std::string_view rule_id, Confidence c) {
    if (!is_test_path(t, path)) return c;
    Confidence l = test_path_confidence(t, kind, rule_id, c);
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
