#pragma once
// The rule pack made executable: two Hyperscan block databases (pattern id = rule index), one
// for the rules that apply to every file and one for the rules scoped to `paths`, which is
// scanned only where one of their globs may match; plus per-rule RE2 confirmers compiled lazily on a rule's first candidate (and
// filter and allowlist regexes on first use), so a pre-commit run pays only for the rules that
// fire.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "compile/hs_handle.hpp"
#include "compile/lazy_regex.hpp"
#include "rules/keyword_shape.hpp"
#include "rules/rule.hpp"

namespace nhiscan {

// Filter and allowlist regexes compile on first use (lazy_regex.hpp).
struct CompiledAllowlist {
    std::vector<std::string> paths;
    std::vector<LazyRegex> regexes;
    std::vector<std::string> stopwords;  // lower-cased
    bool empty() const { return paths.empty() && regexes.empty() && stopwords.empty(); }
};

struct CompiledFilter {
    const FilterSpec* spec = nullptr;
    std::vector<LazyRegex> secret_regexes;
    std::vector<LazyRegex> match_regexes;
};

struct CompiledRule {
    const RuleSpec* spec = nullptr;
    // Longest possible match from hs_expression_info; 0 when unbounded.
    unsigned max_width = 0;
    std::vector<const CompiledFilter*> filters;
    CompiledAllowlist allowlist;

    // Keyword rules: Hyperscan reports a word's end; values are looked for from word_reach
    // bytes before it to value_reach bytes after it (scanner.cpp).
    std::size_t word_reach = 0, value_reach = 0;
    // ... and from reverse_reach before a word, values the word follows on their line.
    std::size_t reverse_reach = 0;
    // Keyword rules: the literals Hyperscan matches (keyword_shape.hpp), to check that the
    // word a candidate ends starts an identifier piece.
    std::vector<KeywordLiteral> literals;
    bool words_name_an_id = false;  // a word has an `id` piece (`reporter id`): ids are its values

    // `(?:pattern)\z`, for confirming a candidate that ends at a known offset.
    const RE2& confirmer() const;
    // A keyword rule's same-line forms (build_keyword_line_pattern), as `(?:pattern)\z`: where
    // no word of the rule is on a line before the value's, confirmer() would match only these.
    const RE2& line_confirmer() const;
    bool confirmer_compiled() const { return confirm_ != nullptr; }  // for tests
    // A keyword rule's value pattern alone (keyword_shape.hpp), to find candidate ends in the
    // window after a word.
    const RE2& value_finder() const;
    // A keyword rule's value followed by a word on its line (keyword_shape.hpp), anchored.
    const RE2& reverse_finder() const;
    // `pattern` unanchored, for searching the window around a prefilter match.
    const RE2& searcher() const;
    // A hand-written rule's value followed by its word on the line (word_after_pattern, rule.hpp),
    // unanchored; null when the pattern has no such form or the rule is a keyword rule.
    const RE2* word_after() const;
    // Gates (regex_gate.hpp) for confirmer(), searcher() and reverse_finder(): the pattern with
    // its long repetitions widened, null when it has none. A window the gate does not match
    // holds no match of the exact pattern, which is then neither compiled nor run there.
    const RE2* confirm_gate() const;
    const RE2* search_gate() const;
    const RE2* reverse_gate() const;
    // The rule's companion pattern (spec->companion), compiled on first use.
    const RE2& companion() const;
    // The rule's tenant pattern (spec->tenant), compiled on first use.
    const RE2& tenant() const;

private:
    friend class CompiledRules;
    mutable std::once_flag once_, companion_once_, tenant_once_, search_once_, searcher_once_, reverse_once_;
    mutable std::unique_ptr<RE2> confirm_, companion_, tenant_, search_, searcher_, reverse_;
    mutable std::once_flag line_once_, word_after_once_;
    mutable std::unique_ptr<RE2> word_after_;
    mutable std::unique_ptr<RE2> line_confirm_;
    mutable std::once_flag confirm_gate_once_, search_gate_once_, reverse_gate_once_;
    mutable std::unique_ptr<RE2> confirm_gate_, search_gate_, reverse_gate_;
};

// The built-in pack's database, compiled at build time (tools/builtin_db_gen.cpp) and linked
// into the binary: one variant per target (the build machine's CPU, generic x86-64), each a
// cache payload. Used when the pack to compile is exactly the built-in one.
struct BuiltinDatabase {
    unsigned tune = 0;
    unsigned long long cpu_features = 0;
    std::string_view payload;
};
struct BuiltinDatabases {
    std::string_view pack_hash;   // RulePack::content_hash() of the pack they were compiled from
    std::string_view hs_version;  // hs_version() at build time
    std::vector<BuiltinDatabase> variants;  // the most specific first
};

struct CacheOptions {
    bool enabled = true;
    std::string dir;  // empty: $XDG_CACHE_HOME/nhiscan or ~/.cache/nhiscan
    // The pack's content_hash() when the caller already has it (computed off the critical
    // path); empty: computed here.
    std::string pack_hash;
    const BuiltinDatabases* builtin = nullptr;  // tried before the on-disk cache
    // A config's pack over the built-in one (setup.cpp): per rule of the pack, its position in
    // the built-in pack when its patterns are that rule's, -1 when the config added or changed
    // it; and the built-in pack's size. Then the built-in databases serve the rules they hold
    // (a disabled one's matches are dropped) and only the others are compiled, into an overlay:
    // one custom rule costs milliseconds, not a compile of the whole pack.
    std::vector<int> builtin_index;
    std::size_t builtin_rules = 0;
};

class CompiledRules {
public:
    // Compiles (or loads from the cache) everything the scan needs. Throws Error naming the
    // rule (file:line and id) whose pattern Hyperscan or RE2 rejects.
    static std::shared_ptr<const CompiledRules> build(RulePack pack, const CacheOptions& cache);

    const RulePack& pack() const { return pack_; }
    // Every rule without `paths`.
    const hs_database_t* database() const { return db_.get(); }
    // The rules scoped to `paths`: null when there are none.
    const hs_database_t* scoped_database() const { return scoped_db_.get(); }
    // Over the built-in databases (CacheOptions::builtin_index): the rules a config added or
    // changed, without and with `paths`; null when there are none.
    const hs_database_t* overlay_database() const { return overlay_db_.get(); }
    const hs_database_t* overlay_scoped_database() const { return overlay_scoped_db_.get(); }
    // Whether any rule of the pack is scoped to `paths`.
    bool has_scoped() const { return has_scoped_; }
    // The rule (index into rule()) a Hyperscan match id stands for; kNoRule for a built-in rule
    // the config disabled or changed (the overlay reports the changed one).
    static constexpr unsigned kNoRule = 0xFFFFFFFFu;
    unsigned rule_of(unsigned hs_id) const { return hs_rule_.empty() ? hs_id : hs_rule_[hs_id]; }
    // Whether some path-scoped rule applies to `path` (repository-relative): exact, for
    // deciding per file whether the scoped database is scanned.
    bool scoped_applies(std::string_view path) const;
    // Whether a file named `name` (one path segment) may be matched by some path-scoped rule's
    // glob, whatever its directory; `dir` says whether it is a directory whose files all may
    // be (a glob ending in `name/**`). Never false where a glob could match: for history
    // blobs, whose paths are known only by their tree entries' names.
    bool scoped_name_may_match(std::string_view name, bool dir = false) const;
    // Whether some path-scoped rule's glob may match a file of any name (its last segment
    // cannot be told by name): then names rule out nothing.
    bool scoped_any_name() const { return has_scoped_ && scoped_globs_.any_name; }
    std::size_t size() const { return rules_.size(); }
    const CompiledRule& rule(std::size_t i) const { return *rules_[i]; }
    const CompiledAllowlist& global_allowlist() const { return global_allowlist_; }
    bool from_cache() const { return from_cache_; }

    // A fresh scratch for one worker thread.
    HsScratch make_scratch() const;

    CompiledRules(const CompiledRules&) = delete;
    CompiledRules& operator=(const CompiledRules&) = delete;

private:
    CompiledRules() = default;
    RulePack pack_;
    HsDatabase db_, scoped_db_, overlay_db_, overlay_scoped_db_;
    std::vector<unsigned> hs_rule_;  // Hyperscan id -> rule; empty: the same number
    bool has_scoped_ = false;
    HsScratch proto_scratch_;
    // The path-scoped rules' globs, and their last segments as one RE2 on a file name (and the
    // segments before a final `/**` as one on a directory name), for scoped_name_may_match.
    struct ScopedGlobs {
        std::vector<std::string> all;
        std::unique_ptr<RE2> names, dirs;  // null: none
        bool any_name = false;             // some glob's files cannot be told by their name
    } scoped_globs_;
    std::vector<std::unique_ptr<CompiledRule>> rules_;
    std::vector<std::unique_ptr<CompiledFilter>> filters_;
    CompiledAllowlist global_allowlist_;
    bool from_cache_ = false;
};

// A cache payload (u32 n | n x u32 match widths | u64 size of the first database | the
// serialized database of the rules without paths | that of the path-scoped rules, possibly
// empty) of `pack` compiled for
// `platform` (null: this machine). For the build-time generator and the on-disk cache.
std::string compile_payload(const RulePack& pack, const hs_platform_info_t* platform);

// RE2 options shared by every regex in the engine: bytes (Latin-1), no logging.
RE2::Options re2_options();
// Compiles `pattern` with re2_options(); throws Error with `context` on failure.
std::unique_ptr<RE2> compile_re2(const std::string& pattern, const std::string& context);

// Checks every rule's pattern in both engines (RE2 compiles, exactly one capture group,
// Hyperscan accepts it). Throws Error naming file:line and the rule id of the first failure.
void validate_patterns(const RulePack& pack);

}  // namespace nhiscan
