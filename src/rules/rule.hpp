#pragma once
// Rules as written: plain data loaded from TOML. Nothing here is compiled.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/live_spec.hpp"

namespace nhiscan {

enum class Severity { Info, Low, Medium, High, Critical };
enum class Confidence { Low, Medium, High };

const char* to_string(Severity s);
const char* to_string(Confidence c);
std::optional<Severity> parse_severity(std::string_view s);
std::optional<Confidence> parse_confidence(std::string_view s);

// Where a rule or filter was written, for error messages.
struct SourcePos {
    std::string file;
    int line = 0;
    std::string where() const;  // "file:line"
    bool operator==(const SourcePos&) const = default;
};

struct Allowlist {
    std::vector<std::string> paths;      // globs on the repository-relative path
    std::vector<std::string> regexes;    // RE2, searched in the secret
    std::vector<std::string> stopwords;  // case-insensitive substrings of the secret
    bool empty() const { return paths.empty() && regexes.empty() && stopwords.empty(); }
    void append(const Allowlist& other);
    bool operator==(const Allowlist&) const = default;
};

// A named precision filter shared by rules (placeholder, env-lookup, ...).
struct FilterSpec {
    std::string id;
    std::string description;
    std::vector<std::string> secret_regexes;
    std::vector<std::string> match_regexes;
    std::vector<std::string> checks;  // built-in predicates, see scan/predicates.hpp
    std::vector<std::string> examples;
    std::vector<std::string> negative_examples;
    // Applies to every rule of the pack it is loaded with, named in `filters` or not: checks
    // that hold for any credential format (a placeholder body), so no rule can forget them.
    bool every_rule = false;
    SourcePos pos;
    bool operator==(const FilterSpec&) const = default;
};

// A companion identifier (docs/rules.md, "Companions"): the public half of a pair, such as the
// AWS key id for a secret key. Found near a finding, it is carried as a field; alone it is
// not a finding.
struct CompanionSpec {
    std::string name;     // what it is, e.g. "AWS access key id"
    std::string pattern;  // RE2, one capturing group (the identifier), or two shown as user@host:
                          // g1@g2, or g2@g1 when group 1 is named host: (?P<host>...)
    int within = 5;       // lines above and below the finding that are searched
    bool in_secret = false;  // a tenant the secret names itself (a Mailchimp key's `-us21` data
                             // center): `pattern` is matched in the secret, not around it
    bool empty() const { return pattern.empty(); }
    bool operator==(const CompanionSpec&) const = default;
};

// `shape = "keyword"` (docs/rules.md, "Keyword rules"): a fixed-shape value next to a provider
// word. The loader builds `pattern` from these; the scanner grades confidence by proximity.
struct KeywordShape {
    std::vector<std::string> words;  // literal, case-insensitive
    std::string charset;             // a name (hex, alnum, ...) or a bracket class
    int min_length = 0, max_length = 0;
    int distance = 40;               // most characters between the word and the value
    bool operator==(const KeywordShape&) const = default;
};

struct RuleSpec {
    std::string id;
    std::string name;
    std::string provider;
    std::string kind;
    Severity severity = Severity::Medium;
    Confidence confidence = Confidence::Medium;
    std::string pattern;
    std::vector<std::string> keywords;
    double min_entropy = 0.0;
    // The floor for a value of hex digits of one case, when it is lower than min_entropy: a
    // keyword rule's default floor comes from its charset's alphabet, and a value drawn from the
    // 16 hex digits (many "alphanumeric" keys are hex) has less entropy than that alphabet allows
    // (a random 32-hex value is under 70% of log2(32) 19% of the time). 0: min_entropy applies.
    double min_entropy_hex = 0.0;
    std::string validator;
    std::vector<std::string> filters;
    std::string remediation;
    std::vector<std::string> references;
    std::vector<std::string> examples;
    std::vector<std::string> negative_examples;
    Allowlist allowlist;
    std::string shape;               // "" (pattern as written) or "keyword"
    // What Hyperscan matches when it is not `pattern`: a keyword rule's words alone. The scanner
    // then searches `pattern` with RE2 in a window after each word (scan/scanner.cpp), so the
    // hundreds of keyword rules cost Hyperscan no more than their literals.
    std::string hs_pattern;
    KeywordShape keyword;            // shape = "keyword"
    CompanionSpec companion;
    // [rules.tenant]: the tenant's DNS label found near the secret (the `acme` of acme.okta.com),
    // one capturing group. Only [rules.validate] uses it, as the first label of its URL's host
    // under the suffix fixed in the rule (docs/validation.md, "Tenant hosts").
    CompanionSpec tenant;
    LiveSpec live;                   // [rules.validate]: opt-in live check (docs/validation.md)
    std::vector<std::string> paths;  // optional: the rule applies only to paths matching these globs
    SourcePos pos;

    bool is_keyword() const { return shape == "keyword"; }
    bool operator==(const RuleSpec&) const = default;
};

// Binary content (docs/rules.md, "Binary files"): `nhiscan staged` scans a binary file (a NUL
// byte in its first 8000 bytes) with the rules that are self-identifying enough to trust
// there: confidence `high` and a literal prefix of at least kBinaryPrefixMin bytes, the
// literal text every match starts with (`ghp_`, `AKIA`, `-----BEGIN RSA PRIVATE KEY-----`).
inline constexpr std::size_t kBinaryPrefixMin = 3;
// The literal every match of `pattern` starts with, read off the pattern: leading `\b` and
// opening capture groups are skipped; a leading `(?:a|b)` of literals gives the shortest
// alternative. Empty when the pattern starts with anything else (a class, `(?i)`, `^`).
std::string literal_prefix(std::string_view pattern);
// True when the rule also runs on binary content (above).
bool runs_on_binary(const RuleSpec& r);

// A hand-written rule gated on a word before its value, as docs/rules.md ("Patterns") writes
// it: `(?i:word)`, a line gap `(?:[^\r\n]{0,N}…)`, then the value (after a boundary class, or
// with the boundary ending the gap's alternatives). The word may also follow the value on its
// line (`Secret(value="sk-…").save("deepseek")`, `"sk-…"  # deepseek`): this returns the
// pattern for that order, `boundary (value) tail link (?i:word)`, one capturing group, the
// rule's own value and tail, the link a quoted argument of a call after the value or a trailing
// comment that starts with the word (rule.cpp). Empty when `pattern` is not of that form (an
// assignment `name = value`, a prefix alone). The scanner searches it where it searches the
// pattern: around the rule's prefilter.
std::string word_after_pattern(std::string_view pattern);

// Test, fixture and example paths (docs/rules.md, "Test paths"): a finding whose path matches
// one of `paths` has its confidence lowered one level and the note "test path"; it is not
// reported when the lowered confidence is below `min_confidence`.
struct TestPaths {
    std::string description;
    std::vector<std::string> paths;              // globs on the repository-relative path
    // Kinds of credential tests make for themselves (key pairs for TLS and signing tests):
    // in a test path these drop to `low`, not one level.
    std::vector<std::string> fixture_kinds;
    // Rules whose findings are such credentials whatever their kind: a JWT is signed with a key
    // the test made or a documented one (`secret`), unlike a token a provider issues.
    std::vector<std::string> fixture_rules;
    Confidence min_confidence = Confidence::Medium;
    bool min_confidence_set = false;             // written in this file (a config overrides the pack)
    bool builtin_paths = true;                   // config only: false drops the built-in globs
    std::vector<std::string> examples;           // paths that must match
    std::vector<std::string> negative_examples;  // paths that must not
    SourcePos pos;
    bool operator==(const TestPaths&) const = default;
};

// The note a finding in a test path carries (after a validator's note, "; "-separated).
inline constexpr std::string_view kTestPathNote = "test path";
// The note of a finding in a module's documentation string (`EXAMPLES = r'''`), lowered the same way.
inline constexpr std::string_view kDocumentationNote = "documentation example";

// Adds kTestPathNote to a finding's note.
void add_test_path_note(std::string& note);
// True when `path` matches one of the test-path globs.
bool is_test_path(const TestPaths& t, std::string_view path);
// One level lower: high -> medium -> low (low stays low).
Confidence lowered(Confidence c);
// A finding's confidence in a test path: one level lower, or `low` for a fixture kind or rule.
Confidence test_path_confidence(const TestPaths& t, std::string_view kind, std::string_view rule_id, Confidence c);
// The test-path rule for a finding of `kind` and confidence `c` at `path`: its confidence
// there, or nullopt when that is below min_confidence and it is not reported. Scanner::scan
// applies it when the path is known while scanning (dir, staged); a pipeline that learns a
// blob's paths later (git history) applies it per path.
std::optional<Confidence> confidence_at(const TestPaths& t, std::string_view path, std::string_view kind,
                                        std::string_view rule_id, Confidence c);

struct RulePack {
    std::vector<RuleSpec> rules;
    std::vector<FilterSpec> filters;
    Allowlist allowlist;  // global: applies to every rule
    TestPaths test_paths;
    bool live_validation_off = false;  // a config's [live_validation] enabled = false (docs/validation.md)
    bool operator==(const RulePack&) const = default;

    const RuleSpec* find(std::string_view id) const;
    // Stable hash of everything that changes compiled output or matching (cache key input).
    std::string content_hash() const;
};

}  // namespace nhiscan
