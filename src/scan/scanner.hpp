#pragma once
// The matcher: one per worker thread, owning its Hyperscan scratch. Hyperscan finds candidate
// ends; RE2 confirms each on a bounded window and extracts the secret; entropy, validators,
// filters, allowlists and the inline markers (inline_allow.hpp) decide what is reported.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/compiled_rules.hpp"
#include "core/bytes.hpp"
#include "scan/inline_allow.hpp"
#include "scan/keyword_context.hpp"
#include "scan/predicates.hpp"
#include "scan/validators.hpp"

namespace nhiscan {

struct Match {
    std::size_t rule = 0;          // index into CompiledRules
    std::size_t start = 0;         // secret byte offsets in the scanned data
    std::size_t end = 0;
    std::string secret;
    Confidence confidence = Confidence::Medium;
    Checksum checksum = Checksum::None;
    std::string note;              // validator note (never the secret)
    std::string companion;         // the companion identifier found near it (rules.companion)
    std::string tenant;            // the tenant label found near it (rules.tenant), for --validate
    std::string decoded;           // "", or how the secret was decoded: base64 | percent | escape
    // Where a keyword rule's word is: 0 in the name the value is assigned to (and for every
    // other rule), 1 elsewhere on the value's line, 2 on another line. On the same bytes, the
    // provider named nearer the value outranks the others (collapse_across_rules).
    unsigned char word_distance = 0;
};

class Scanner {
public:
    // `collapse` merges matches of different rules on the same secret (see scan());
    // `nhiscan rules check` turns it off to judge each rule on its own.
    explicit Scanner(const CompiledRules& rules, bool collapse = true);

    // Scans one in-memory buffer. `path` (repository-relative) feeds path allowlists and the
    // test-path rule: in a test path a match's confidence is lowered one level (note "test
    // path"), and it is dropped when that falls below the pack's test_paths.min_confidence.
    // The path-scoped rules run only where one of their globs matches `path`; with no path (a
    // blob of git history, placed later), when `scoped` says some place of it may match.
    std::vector<Match> scan(ByteView data, std::string_view path, bool scoped = true);

    // Binary content (a NUL byte near the start): only the rules that runs_on_binary() accepts
    // (confidence high and a literal prefix) are confirmed, and encoded views are not decoded.
    std::vector<Match> scan_binary(ByteView data, std::string_view path, bool scoped = true);

    // Encoded values are decoded and scanned again to this depth (decode.hpp); 0 turns it off.
    static constexpr int kMaxDecodeDepth = 2;

    // True when a global path allowlist excludes the file, so it need not be read.
    bool path_allowed(std::string_view path) const;

private:
    struct Candidate {
        unsigned rule;
        unsigned long long end;
    };
    static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* ctx);
    // value_start: a keyword rule's value, found before its match is (search_keyword).
    static constexpr std::size_t kNoValueStart = static_cast<std::size_t>(-1);
    bool confirm(const CompiledRule& rule, ByteView data, std::size_t end, Match& m, std::size_t& match_start,
                 std::size_t value_start = kNoValueStart) const;
    bool keep(const CompiledRule& rule, ByteView data, std::size_t match_start, std::size_t match_end,
              Match& m, std::string_view path);
    void collapse_across_rules(std::vector<Match>& out, bool pathless) const;
    std::vector<Match> scan_at_depth(ByteView data, std::string_view path, int depth);
    void scan_decoded(ByteView data, std::string_view path, int depth, std::vector<Match>& out);
    bool confirm_before_word(const CompiledRule& rule, ByteView data, std::size_t start, Match& m,
                             std::size_t& match_start, std::size_t& match_end) const;
    std::size_t search_keyword(const CompiledRule& rule, unsigned rule_index, ByteView data, std::size_t first,
                               std::string_view path, std::vector<Match>& out);
    void search_word_after(const CompiledRule& rule, const RE2& after, unsigned rule_index, ByteView data,
                           std::size_t wb, std::string_view window, std::string_view path, std::vector<Match>& out);
    std::size_t search_prefiltered(const CompiledRule& rule, unsigned rule_index, ByteView data, std::size_t first,
                                   std::string_view path, std::vector<Match>& out);
    std::string find_companion(const CompanionSpec& c, const RE2& re, ByteView data, std::size_t start,
                               std::size_t end) const;
    // True when a line that [match_start, match_end] touches is allowed by an inline marker.
    bool inline_allowed(ByteView data, std::size_t match_start, std::size_t match_end);

    // The lines inline markers allow in the buffer being scanned, found once per scan on
    // first need: [line start, line end) per marker line, in order. Looking the marker up
    // around each match instead costs the line's length per match, which is quadratic on
    // a long minified line with many matches.
    bool markers_ready_ = false;
    std::vector<AllowedLine> marker_lines_;
    // Whether the path being scanned is a test path (pack `test_paths`), decided once per
    // scan on the first match that needs it: -1 not yet known, 0 no, 1 yes.
    int test_path_ = -1;
    // Whether the buffer names a documentation string (`EXAMPLES = r'''`), decided the same way.
    int doc_strings_ = -1;
    // Whether the buffer has documentation comments' examples (`* @example`), the same way.
    int doc_comment_examples_ = -1;
    // Whether the buffer has roff section headings (`.SH`, a manual page), the same way.
    int man_sections_ = -1;
    int armor_ = -1;

    bool binary_ = false;                // scanning binary content (scan_binary)
    std::vector<char> binary_rules_;     // per rule: runs on binary content; filled on first use
    // Rules scoped to `paths` (indices), and per rule whether it is skipped for the path being
    // scanned (0 no, 1 yes, -1 not yet known: decided on the rule's first candidate, since
    // matching globs for every file costs more than the few candidates most files have).
    // Candidates of a skipped rule are dropped in the Hyperscan callback, before confirming.
    std::vector<std::size_t> scoped_;
    std::vector<signed char> skip_;
    std::string_view path_;
    bool scoped_on_ = false;  // the path-scoped database is scanned for this buffer

    const CompiledRules& rules_;
    // Names resolved once, when the scanner is built: per rule its validator (or nullptr), per
    // filter its checks. A name with no function is an error here, never a check that silently
    // never runs.
    std::vector<ValidatorFn> validators_;
    std::unordered_map<const CompiledFilter*, std::vector<predicates::Fn>> filter_checks_;
    bool collapse_;
    HsScratch scratch_;
    ByteView hs_data_;                   // the buffer hs_scan is scanning, for on_match's word check
    std::vector<Candidate> candidates_;  // reused across scans: the callback never allocates after warm-up
    // A windowed rule's matches in this buffer (their ends), whether kept or dropped: what the
    // rule looked at, for scan_decoded. A prefilter's hits alone are not, nor a keyword rule's
    // words (the word on an escaped line says nothing of the value the escapes hide).
    std::vector<Candidate> windowed_matches_;
    std::vector<std::size_t> confirmed_values_;  // search_prefiltered: value starts its pattern confirmed in a window
};

// True when `secret` is dropped by an allowlist (regex or stopword).
bool allowlisted_secret(const CompiledAllowlist& a, std::string_view secret);
bool allowlisted_path(const CompiledAllowlist& a, std::string_view path);
// Where a rule's examples are scanned (rules check, tests): "example.txt", or for a rule scoped
// to `paths` a path its first glob matches.
std::string example_path(const RuleSpec& r);
// True when the rule has no `paths` or one of its globs matches `path`.
bool rule_applies_to(const RuleSpec& r, std::string_view path);

// Applies a filter to a secret and its surrounding match text; true means drop.
bool filter_drops(const CompiledFilter& f, std::string_view secret, std::string_view match_text);

}  // namespace nhiscan
