#include "rules/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <re2/re2.h>
#include <toml++/toml.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/file_io.hpp"
#include "rules/keyword_shape.hpp"
#include "rules/live_spec_parse.hpp"

namespace nhiscan {
namespace {

struct Ctx {
    const std::string& file;
    bool trusted = false;  // the built-in pack (RuleChecks::Trusted)
    std::string where(const toml::node& n) const {
        return fmt::format("{}:{}", file, n.source().begin.line);
    }
    [[noreturn]] void fail(const toml::node& n, std::string_view what, std::string_view id = {}) const {
        if (id.empty()) throw Error(fmt::format("{}: {}", where(n), what));
        throw Error(fmt::format("{}: rule '{}': {}", where(n), id, what));
    }
};

std::string get_string(const Ctx& c, const toml::table& t, std::string_view key, std::string_view id,
                       bool required) {
    const toml::node* n = t.get(key);
    if (!n) {
        if (required) c.fail(t, fmt::format("missing required key '{}'", key), id);
        return {};
    }
    if (!n->is_string()) c.fail(*n, fmt::format("'{}' must be a string", key), id);
    return n->as_string()->get();
}

std::vector<std::string> get_strings(const Ctx& c, const toml::table& t, std::string_view key,
                                     std::string_view id) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* a = n->as_array();
    if (!a) c.fail(*n, fmt::format("'{}' must be an array of strings", key), id);
    for (const auto& e : *a) {
        if (!e.is_string()) c.fail(e, fmt::format("'{}' must contain only strings", key), id);
        out.push_back(e.as_string()->get());
    }
    return out;
}

void check_keys(const Ctx& c, const toml::table& t, std::initializer_list<std::string_view> allowed,
                std::string_view what, std::string_view id) {
    for (const auto& [k, v] : t) {
        bool ok = false;
        for (auto a : allowed) ok = ok || k.str() == a;
        if (!ok) c.fail(v, fmt::format("unknown key '{}' in {}", k.str(), what), id);
    }
}

// Allowlist regexes are checked here, where each one's line is known: once merged into a
// rule (an [[override]] of a built-in rule) the error would name the wrong file.
void check_regexes(const Ctx& c, const toml::table& t, std::string_view key, std::string_view id) {
    const toml::array* a = t.get(key) ? t.get(key)->as_array() : nullptr;
    if (!a) return;
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);  // as the engine compiles them (compile/)
    o.set_log_errors(false);
    for (const auto& e : *a) {
        if (!e.is_string()) continue;
        RE2 re(e.as_string()->get(), o);
        if (!re.ok()) c.fail(e, fmt::format("invalid regex in '{}': {}", key, re.error()), id);
    }
}

Allowlist parse_allowlist(const Ctx& c, const toml::node& n, std::string_view id) {
    const toml::table* t = n.as_table();
    if (!t) c.fail(n, "'allowlist' must be a table", id);
    check_keys(c, *t, {"paths", "regexes", "stopwords"}, "allowlist", id);
    Allowlist a{get_strings(c, *t, "paths", id), get_strings(c, *t, "regexes", id),
                get_strings(c, *t, "stopwords", id)};
    check_regexes(c, *t, "regexes", id);
    return a;
}

double get_number(const Ctx& c, const toml::table& t, std::string_view key, std::string_view id) {
    const toml::node* n = t.get(key);
    if (!n) return 0.0;
    if (auto v = n->value<double>()) return *v;
    c.fail(*n, fmt::format("'{}' must be a number", key), id);
}

int get_int(const Ctx& c, const toml::table& t, std::string_view key, std::string_view id, int fallback) {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (auto v = n->value_exact<int64_t>(); v && *v >= 0 && *v <= 100000) return static_cast<int>(*v);
    c.fail(*n, fmt::format("'{}' must be a non-negative integer", key), id);
}

// [rules.companion], or [rules.tenant] (`what`): a tenant has exactly one group, the label.
CompanionSpec parse_companion(const Ctx& c, const toml::node& n, std::string_view id,
                              std::string_view what = "companion") {
    const toml::table* t = n.as_table();
    if (!t) c.fail(n, fmt::format("'{0}' must be a table ([rules.{0}])", what), id);
    if (what == "tenant") check_keys(c, *t, {"name", "pattern", "within", "in_secret"}, what, id);
    else check_keys(c, *t, {"name", "pattern", "within"}, what, id);
    CompanionSpec s;
    s.name = get_string(c, *t, "name", id, true);
    s.pattern = get_string(c, *t, "pattern", id, true);
    s.within = get_int(c, *t, "within", id, 5);
    if (const toml::node* b = t->get("in_secret")) {
        auto v = b->value_exact<bool>();
        if (!v) c.fail(*b, "'in_secret' must be true or false", id);
        s.in_secret = *v;
        if (s.in_secret && t->get("within")) c.fail(*b, "'in_secret' and 'within' exclude each other", id);
    }
    if (s.within > 50) c.fail(*t->get("within"), "'within' must be at most 50 lines", id);
    // The built-in pack's companions are checked at build time (builtin_db_gen's
    // validate_patterns) and by the tests: compiling them here cost every run ~25 ms.
    if (c.trusted) return s;
    RE2 re(s.pattern, [] {
        RE2::Options o;
        o.set_encoding(RE2::Options::EncodingLatin1);
        o.set_log_errors(false);
        return o;
    }());
    if (!re.ok()) c.fail(*t->get("pattern"), fmt::format("invalid {} regex: {}", what, re.error()), id);
    if (what == "tenant" && re.NumberOfCapturingGroups() != 1)
        c.fail(*t->get("pattern"), "the tenant pattern needs exactly one capturing group (the host's first label)", id);
    if (re.NumberOfCapturingGroups() != 1 && re.NumberOfCapturingGroups() != 2)
        c.fail(*t->get("pattern"), "the companion pattern needs one capturing group (or two: user and host)", id);
    return s;
}

// shape = "keyword": the pattern is built from words, charset and length (keyword_shape.hpp).
// Keyword rules default to medium confidence (the scanner lowers a value whose assignment does
// not name the provider) and to the placeholder, template and low-variety filters.
void parse_keyword_shape(const Ctx& c, const toml::table& t, RuleSpec& r) {
    if (!r.pattern.empty()) c.fail(*t.get("pattern"), "a keyword rule builds its pattern: drop 'pattern'", r.id);
    KeywordShape& k = r.keyword;
    k.words = get_strings(c, t, "words", r.id);
    if (k.words.empty()) c.fail(t, "a keyword rule needs 'words'", r.id);
    k.charset = get_string(c, t, "charset", r.id, true);
    int len = get_int(c, t, "length", r.id, 0);
    k.min_length = get_int(c, t, "min_length", r.id, len);
    k.max_length = get_int(c, t, "max_length", r.id, len);
    if (len && (t.get("min_length") || t.get("max_length")))
        c.fail(*t.get("length"), "give 'length' or 'min_length'/'max_length', not both", r.id);
    k.distance = get_int(c, t, "distance", r.id, 40);
    try {
        r.pattern = build_keyword_pattern(k);
        r.hs_pattern = build_keyword_words_pattern(k);
    } catch (const Error& e) {
        c.fail(t, e.what(), r.id);
    }
    if (!t.get("confidence")) r.confidence = Confidence::Medium;
    if (!t.get("min_entropy")) {
        r.min_entropy = keyword_default_entropy(k);
        r.min_entropy_hex = keyword_hex_entropy(k);
    }
    // low-variety drops single-class values: every value of a digits-only charset, and the 3%
    // of random 11-character a-z0-9 keys that have no digit. Single-case charsets drop only
    // values that read as words instead (low-variety-words).
    const bool one_case = k.charset == "alnum-lower" || k.charset == "alnum-upper";
    // declared-name: the value is the name a declaration gives (`var focusObjectSvgHidden`), as a
    // comment naming the provider reaches the code below it.
    for (const char* f : {"placeholder", "template", one_case ? "low-variety-words" : "low-variety", "declared-name"}) {
        if (k.charset == "digits" && std::string_view(f) == "low-variety") continue;
        if (std::find(r.filters.begin(), r.filters.end(), f) == r.filters.end()) r.filters.emplace_back(f);
    }
}

RuleSpec parse_rule(const Ctx& c, const toml::table& t) {
    RuleSpec r;
    r.id = get_string(c, t, "id", {}, true);
    r.pos = SourcePos{c.file, static_cast<int>(t.source().begin.line)};
    check_keys(c, t, {"id",         "name",     "provider",          "kind",       "severity", "confidence",
                      "pattern",    "keywords", "min_entropy",       "validator",  "filters",  "remediation",
                      "references", "examples", "negative_examples", "allowlist",  "shape",    "words",
                      "charset",    "length",   "min_length",        "max_length", "distance", "companion",
                      "tenant",     "paths",    "prefilter",         "validate"},
               "rule", r.id);
    r.name = get_string(c, t, "name", r.id, false);
    if (r.name.empty()) r.name = r.id;
    r.provider = get_string(c, t, "provider", r.id, false);
    r.kind = get_string(c, t, "kind", r.id, false);
    if (r.kind.empty()) r.kind = "secret";
    if (auto s = get_string(c, t, "severity", r.id, false); !s.empty()) {
        auto v = parse_severity(s);
        if (!v) c.fail(*t.get("severity"), fmt::format("unknown severity {} (critical|high|medium|low|info)", diag::quoted_value(s)), r.id);
        r.severity = *v;
    }
    if (auto s = get_string(c, t, "confidence", r.id, false); !s.empty()) {
        auto v = parse_confidence(s);
        if (!v) c.fail(*t.get("confidence"), fmt::format("unknown confidence {} (high|medium|low)", diag::quoted_value(s)), r.id);
        r.confidence = *v;
    }
    r.shape = get_string(c, t, "shape", r.id, false);
    if (!r.shape.empty() && r.shape != "keyword")
        c.fail(*t.get("shape"), fmt::format("unknown shape {} (keyword, or no shape with a pattern)", diag::quoted_value(r.shape)), r.id);
    r.pattern = get_string(c, t, "pattern", r.id, !r.is_keyword());
    r.keywords = get_strings(c, t, "keywords", r.id);
    r.min_entropy = get_number(c, t, "min_entropy", r.id);
    r.validator = get_string(c, t, "validator", r.id, false);
    r.filters = get_strings(c, t, "filters", r.id);
    r.remediation = get_string(c, t, "remediation", r.id, false);
    r.references = get_strings(c, t, "references", r.id);
    r.examples = get_strings(c, t, "examples", r.id);
    r.negative_examples = get_strings(c, t, "negative_examples", r.id);
    if (const toml::node* a = t.get("allowlist")) r.allowlist = parse_allowlist(c, *a, r.id);
    if (const toml::node* n = t.get("companion")) r.companion = parse_companion(c, *n, r.id);
    if (const toml::node* n = t.get("tenant")) r.tenant = parse_companion(c, *n, r.id, "tenant");
    if (const toml::node* n = t.get("validate")) r.live = parse_live_spec(*n, c.file, r.id);
    // A tenant exists for the live check's host, and a tenant host needs one to be found.
    if (r.live.tenant_host && r.tenant.empty())
        c.fail(*t.get("validate"), "the url's host starts with {{tenant}}: the rule needs [rules.tenant]", r.id);
    if (!r.tenant.empty() && !r.live.tenant_host)
        c.fail(*t.get("tenant"), "[rules.tenant] is used only as the first label of [rules.validate]'s url host", r.id);
    r.live.tenant_name = r.tenant.name;
    r.paths = get_strings(c, t, "paths", r.id);
    r.hs_pattern = get_string(c, t, "prefilter", r.id, false);
    if (!r.hs_pattern.empty() && r.is_keyword())
        c.fail(*t.get("prefilter"), "a keyword rule's prefilter is its words: drop 'prefilter'", r.id);
    if (r.is_keyword()) {
        parse_keyword_shape(c, t, r);
    } else {
        for (auto key : {"words", "charset", "length", "min_length", "max_length", "distance"})
            if (const toml::node* n = t.get(key)) c.fail(*n, fmt::format("'{}' needs shape = \"keyword\"", key), r.id);
    }
    return r;
}

FilterSpec parse_filter(const Ctx& c, const toml::table& t) {
    FilterSpec f;
    f.id = get_string(c, t, "id", {}, true);
    f.pos = SourcePos{c.file, static_cast<int>(t.source().begin.line)};
    check_keys(c, t,
               {"id", "description", "secret_regexes", "match_regexes", "checks", "examples", "negative_examples",
                "every_rule"},
               "filter", f.id);
    f.description = get_string(c, t, "description", f.id, false);
    f.secret_regexes = get_strings(c, t, "secret_regexes", f.id);
    f.match_regexes = get_strings(c, t, "match_regexes", f.id);
    f.checks = get_strings(c, t, "checks", f.id);
    f.examples = get_strings(c, t, "examples", f.id);
    f.negative_examples = get_strings(c, t, "negative_examples", f.id);
    if (const toml::node* n = t.get("every_rule")) {
        if (!n->is_boolean()) c.fail(*n, "'every_rule' must be true or false", f.id);
        f.every_rule = n->value_or(false);
    }
    return f;
}

// [test_paths]: in a rule file (the built-in pack) with its description and examples; in a
// config with `builtin_paths` instead.
TestPaths parse_test_paths(const Ctx& c, const toml::node& n, bool config) {
    const toml::table* t = n.as_table();
    if (!t) c.fail(n, "'test_paths' must be a table ([test_paths])");
    if (config)
        check_keys(c, *t, {"paths", "min_confidence", "builtin_paths"}, "test_paths", {});
    else
        check_keys(c, *t,
                   {"description", "paths", "fixture_kinds", "fixture_rules", "min_confidence", "examples",
                    "negative_examples"},
                   "test_paths", {});
    TestPaths tp;
    tp.pos = SourcePos{c.file, static_cast<int>(t->source().begin.line)};
    tp.description = config ? std::string() : get_string(c, *t, "description", {}, false);
    tp.paths = get_strings(c, *t, "paths", {});
    for (const auto& g : tp.paths)
        if (g.empty()) c.fail(*t->get("paths"), "'paths' must not contain an empty glob");
    if (const toml::node* m = t->get("min_confidence")) {
        std::string s = get_string(c, *t, "min_confidence", {}, false);
        auto v = parse_confidence(s);
        if (!v) c.fail(*m, fmt::format("unknown min_confidence {} (high|medium|low)", diag::quoted_value(s)));
        tp.min_confidence = *v;
        tp.min_confidence_set = true;
    }
    if (config) {
        if (const toml::node* b = t->get("builtin_paths")) {
            auto v = b->value<bool>();
            if (!v) c.fail(*b, "'builtin_paths' must be true or false");
            tp.builtin_paths = *v;
        }
    } else {
        tp.fixture_kinds = get_strings(c, *t, "fixture_kinds", {});
        for (const auto& k : tp.fixture_kinds)
            if (k.empty()) c.fail(*t->get("fixture_kinds"), "'fixture_kinds' must not contain an empty kind");
        tp.fixture_rules = get_strings(c, *t, "fixture_rules", {});
        for (const auto& r : tp.fixture_rules)
            if (r.empty()) c.fail(*t->get("fixture_rules"), "'fixture_rules' must not contain an empty rule id");
        tp.examples = get_strings(c, *t, "examples", {});
        tp.negative_examples = get_strings(c, *t, "negative_examples", {});
    }
    return tp;
}

template <typename Fn>
void for_each_table(const Ctx& c, const toml::table& root, std::string_view key, Fn&& fn) {
    const toml::node* n = root.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) c.fail(*n, fmt::format("'{}' must be an array of tables ([[{}]])", key, key));
    for (const auto& e : *a) {
        if (!e.is_table()) c.fail(e, fmt::format("each '{}' entry must be a table", key));
        fn(*e.as_table());
    }
}

toml::table parse_toml(std::string_view text, const std::string& filename) {
    try {
        return toml::parse(text, filename);
    } catch (const toml::parse_error& e) {
        throw Error(fmt::format("{}:{}: invalid TOML: {}", filename, e.source().begin.line, e.description()));
    }
}

void parse_pack_into(const Ctx& c, const toml::table& root, RulePack& pack, bool config) {
    for_each_table(c, root, "rules", [&](const toml::table& t) { pack.rules.push_back(parse_rule(c, t)); });
    for_each_table(c, root, "filters", [&](const toml::table& t) { pack.filters.push_back(parse_filter(c, t)); });
    if (const toml::node* a = root.get("allowlist")) pack.allowlist = parse_allowlist(c, *a, {});
    if (const toml::node* t = root.get("test_paths")) pack.test_paths = parse_test_paths(c, *t, config);
}

}  // namespace

RulePack parse_rule_file(std::string_view text, const std::string& filename, RuleChecks checks) {
    Ctx c{filename, checks == RuleChecks::Trusted};
    toml::table root = parse_toml(text, filename);
    check_keys(c, root, {"rules", "filters", "allowlist", "test_paths"}, "rule file", {});
    RulePack pack;
    parse_pack_into(c, root, pack, /*config=*/false);
    return pack;
}

RepoConfig parse_config(std::string_view text, const std::string& filename) {
    Ctx c{filename};
    toml::table root = parse_toml(text, filename);
    check_keys(c, root, {"use_builtin_rules", "disable", "rules", "filters", "allowlist", "override", "test_paths",
                         "live_validation"},
               "config", {});
    RepoConfig cfg;
    cfg.filename = filename;
    if (const toml::node* n = root.get("use_builtin_rules")) {
        auto v = n->value<bool>();
        if (!v) c.fail(*n, "'use_builtin_rules' must be true or false");
        cfg.use_builtin_rules = *v;
    }
    cfg.disabled = get_strings(c, root, "disable", {});
    if (const toml::node* n = root.get("live_validation")) cfg.live_validation_off = parse_live_switch(*n, filename);
    if (const toml::array* a = root.get("disable") ? root.get("disable")->as_array() : nullptr)
        for (const auto& e : *a) cfg.disabled_pos.push_back(SourcePos{filename, static_cast<int>(e.source().begin.line)});
    parse_pack_into(c, root, cfg.pack, /*config=*/true);
    for_each_table(c, root, "override", [&](const toml::table& t) {
        RuleOverride o;
        o.id = get_string(c, t, "id", {}, true);
        o.pos = SourcePos{filename, static_cast<int>(t.source().begin.line)};
        check_keys(c, t, {"id", "severity", "min_entropy", "allowlist"}, "override", o.id);
        if (auto s = get_string(c, t, "severity", o.id, false); !s.empty()) {
            o.severity = parse_severity(s);
            if (!o.severity) c.fail(*t.get("severity"), fmt::format("unknown severity {}", diag::quoted_value(s)), o.id);
        }
        if (t.get("min_entropy")) o.min_entropy = get_number(c, t, "min_entropy", o.id);
        if (const toml::node* a = t.get("allowlist")) o.allowlist = parse_allowlist(c, *a, o.id);
        cfg.overrides.push_back(std::move(o));
    });
    return cfg;
}

std::string read_text_file(const std::string& path) {
    int err = 0;
    auto text = read_whole_file(path, err);
    if (!text) throw Error(fmt::format("cannot read '{}': {}", path, read_error(err)));
    return std::move(*text);
}

RepoConfig load_config_file(const std::string& path) { return parse_config(read_text_file(path), path); }
RulePack load_rule_file(const std::string& path) { return parse_rule_file(read_text_file(path), path); }

}  // namespace nhiscan
