#include "scan/scanner.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <tuple>

#include <fmt/core.h>

#include "core/error.hpp"
#include "core/glob.hpp"
#include "rules/keyword_shape.hpp"
#include "scan/decode.hpp"
#include "scan/doc_examples.hpp"
#include "scan/inline_allow.hpp"
#include "scan/keyword_context.hpp"
#include "scan/predicates.hpp"
#include "scan/validators.hpp"
#include "scan/value_shape.hpp"

namespace nhiscan {
namespace {

constexpr std::size_t kUnboundedWindow = 64 * 1024;  // look-back for patterns with no max width
constexpr std::size_t kWindowSlack = 16;             // see confirm(): rules out fake \b at the window edge
constexpr std::size_t kMaxCandidates = 1u << 22;     // pathological input: stop collecting, say so

}  // namespace

bool allowlisted_secret(const CompiledAllowlist& a, std::string_view secret) {
    for (const auto& re : a.regexes)
        if (RE2::PartialMatch(secret, *re)) return true;
    for (const auto& w : a.stopwords)
        if (icontains(secret, w)) return true;
    return false;
}

bool rule_applies_to(const RuleSpec& r, std::string_view path) {
    return r.paths.empty() ||
           std::any_of(r.paths.begin(), r.paths.end(), [&](const std::string& g) { return glob_match(g, path); });
}

// Where a rule's examples are scanned: "example.txt", or for a rule scoped to `paths`, a path
// its first glob matches (`**/` dropped, `*` read as `x`).
std::string example_path(const RuleSpec& r) {
    if (r.paths.empty()) return "example.txt";
    std::string g = r.paths.front(), out;
    while (g.rfind("**/", 0) == 0) g.erase(0, 3);
    for (char c : g) {
        if (c == '*') {
            if (out.empty() || out.back() != 'x') out.push_back('x');
        } else if (c == '?') {
            out.push_back('x');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

bool allowlisted_path(const CompiledAllowlist& a, std::string_view path) {
    return std::any_of(a.paths.begin(), a.paths.end(), [&](const std::string& g) { return glob_match(g, path); });
}

namespace {

bool regexes_drop(const CompiledFilter& f, std::string_view secret, std::string_view match_text) {
    for (const auto& re : f.secret_regexes)
        if (RE2::PartialMatch(secret, *re)) return true;
    for (const auto& re : f.match_regexes)
        if (RE2::PartialMatch(match_text, *re)) return true;
    return false;
}

std::vector<predicates::Fn> resolve_checks(const FilterSpec& f) {
    std::vector<predicates::Fn> fns;
    for (const auto& c : f.checks) {
        predicates::Fn fn = predicates::find(c);
        if (!fn) throw Error(fmt::format("{}: filter '{}': check '{}' has no implementation", f.pos.where(), f.id, c));
        fns.push_back(fn);
    }
    return fns;
}

}  // namespace

bool filter_drops(const CompiledFilter& f, std::string_view secret, std::string_view match_text) {
    if (regexes_drop(f, secret, match_text)) return true;
    for (auto fn : resolve_checks(*f.spec))
        if (fn(secret)) return true;
    return false;
}

Scanner::Scanner(const CompiledRules& rules, bool collapse)
    : rules_(rules), collapse_(collapse), scratch_(rules.make_scratch()) {
    validators_.assign(rules.size(), nullptr);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const CompiledRule& r = rules.rule(i);
        if (!r.spec->validator.empty() && !(validators_[i] = find_validator(r.spec->validator)))
            throw Error(fmt::format("{}: rule '{}': validator '{}' has no implementation", r.spec->pos.where(),
                                    r.spec->id, r.spec->validator));
        for (const CompiledFilter* f : r.filters)
            if (!filter_checks_.count(f)) filter_checks_.emplace(f, resolve_checks(*f->spec));
    }
    candidates_.reserve(1024);
    skip_.assign(rules.size(), 0);
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!rules.rule(i).spec->paths.empty()) scoped_.push_back(i);
}

namespace {

// Whether a password is the user name given just before it again, bare or with a few digits
// after it: a sample login (`user=quartz2;password=quartz2123` in Quartz's notes for a local Derby
// server, `user: admin` above `password: admin1`), not an account's secret. The user is named on
// the value's line or on one of the two lines above it.
bool password_repeats_user(ByteView data, std::size_t start, std::string_view secret) {
    std::size_t b = line_begin(data, start);
    for (int i = 0; i < 2 && b > 0; ++i) b = line_begin(data, b - 1);
    re2::StringPiece in(data.data() + b, start - b);
    static const RE2 user(
        R"((?i)(?:^|[^a-z])(?:user(?:_?name)?|login|uid)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?([A-Za-z0-9_.-]{3,32}))");
    std::string name;
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    while (RE2::FindAndConsume(&in, user, &name)) {
        if (secret.size() < name.size() || secret.size() > name.size() + 4) continue;
        if (!std::equal(name.begin(), name.end(), secret.begin(), [&](char a, char c) { return lower(a) == lower(c); }))
            continue;
        if (std::all_of(secret.begin() + static_cast<std::ptrdiff_t>(name.size()), secret.end(),
                        [](char c) { return c >= '0' && c <= '9'; }))
            return true;
    }
    return false;
}

// Whether a keyword rule's literal that ends at `end` (Hyperscan matched one) is a word there:
// one that begins its word must start an identifier piece (`etsy` not inside `getSystem`), one
// that ends it must end one (`cohere` not inside `coherence`).
// Checked here rather than in the Hyperscan pattern, where it cost scan time; every candidate
// dropped is an RE2 window not searched.
bool keyword_word_at(const CompiledRule& rule, ByteView data, std::size_t end) {
    for (const KeywordLiteral& l : rule.literals) {
        std::size_t n = l.text.size();
        if (n > end || end > data.size()) continue;
        std::size_t b = end - n;
        bool same = true;
        for (std::size_t i = 0; same && i < n; ++i) {
            char c = data[b + i];
            same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == l.text[i];
        }
        if (same && (!l.piece_start || keyword_piece_start(data, b)) && (!l.piece_end || keyword_piece_end(data, end)))
            return true;
    }
    return rule.literals.empty();
}

// Whether one of a keyword rule's literals is anywhere in `text`, in any case and whatever is
// around it: every spelling of a word the rule's pattern matches holds one.
bool literal_in(const std::vector<KeywordLiteral>& literals, std::string_view text) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const KeywordLiteral& l : literals) {
        const std::size_t n = l.text.size();
        for (std::size_t i = 0; n && i + n <= text.size(); ++i) {
            std::size_t j = 0;
            while (j < n && lower(text[i + j]) == l.text[j]) ++j;
            if (j == n) return true;
        }
    }
    return false;
}

}  // namespace

int Scanner::on_match(unsigned hs_id, unsigned long long, unsigned long long to, unsigned, void* ctx) {
    auto* self = static_cast<Scanner*>(ctx);
    const unsigned id = self->rules_.rule_of(hs_id);
    if (id == CompiledRules::kNoRule) return 0;            // a built-in rule the config disabled or changed
    if (signed char& skip = self->skip_[id]; skip != 0) {  // a path-scoped rule
        if (skip < 0) skip = rule_applies_to(*self->rules_.rule(id).spec, self->path_) ? 0 : 1;
        if (skip) return 0;
    }
    if (const CompiledRule& r = self->rules_.rule(id); !r.literals.empty() && !keyword_word_at(r, self->hs_data_, to))
        return 0;
    if (self->candidates_.size() >= kMaxCandidates) return 1;  // halts the scan; reported by scan()
    self->candidates_.push_back({id, to});
    return 0;
}

bool Scanner::path_allowed(std::string_view path) const { return allowlisted_path(rules_.global_allowlist(), path); }

// Finds the leftmost match of the rule that ends exactly at `end`. The window starts
// max_width + slack bytes back: a match starting at the window's first byte would be longer
// than any match the pattern can produce, so a `\b` or `^` that RE2 sees at the cut cannot
// create a match that Hyperscan (which saw the full context) did not report.
bool Scanner::confirm(const CompiledRule& rule, ByteView data, std::size_t end, Match& m, std::size_t& match_start,
                      std::size_t value_start) const {
    std::size_t back = rule.max_width ? rule.max_width + kWindowSlack : kUnboundedWindow;
    std::size_t begin = end > back ? end - back : 0;
    std::string_view window = data.substr(begin, end - begin);
    if (const RE2* gate = rule.confirm_gate();
        gate && !gate->Match(window, 0, window.size(), RE2::UNANCHORED, nullptr, 0))
        return false;
    // A keyword rule's match starts at a word: with none on a line above the value's in the
    // window, it is one of the same-line forms, and the whole pattern need not be compiled.
    bool same_line = false;
    if (value_start != kNoValueStart && !rule.literals.empty()) {
        std::size_t line = std::max(begin, line_begin(data, value_start));
        same_line = !literal_in(rule.literals, data.substr(begin, line - begin));
    }
    const RE2& re = same_line ? rule.line_confirmer() : rule.confirmer();
    re2::StringPiece groups[2];
    std::size_t from = 0;
    for (int tries = 0;; ++tries) {
        if (!re.Match(window, from, window.size(), RE2::UNANCHORED, groups, 2)) return false;
        if (groups[1].data() == nullptr) return false;
        // A keyword rule's word inside a longer one (`cohere` in `coherence`) governs nothing:
        // Hyperscan's match of it was dropped, but a window opened by another word holds it.
        // The leftmost match may start there; look again after it.
        const auto at = static_cast<std::size_t>(groups[0].data() - window.data());
        if (!rule.spec->is_keyword() || tries == 8 || keyword_word_ends_piece(rule.spec->keyword.words, window, at))
            break;
        from = at + 1;
    }
    match_start = begin + static_cast<std::size_t>(groups[0].data() - window.data());
    m.start = begin + static_cast<std::size_t>(groups[1].data() - window.data());
    m.end = m.start + groups[1].size();
    return true;
}

bool Scanner::keep(const CompiledRule& rule, ByteView data, std::size_t match_start, std::size_t match_end,
                   Match& m, std::string_view path) {
    std::string_view secret = data.substr(m.start, m.end - m.start);
    if (secret.empty()) return false;
    const RuleSpec& spec = *rule.spec;
    if (own_fingerprint_field(data, m.start, m.end) || integrity_digest(data, m.start, m.end) || masked_by_hand(secret))
        return false;
    if (spec.min_entropy > 0 &&
        shannon_entropy(secret) <
            (spec.min_entropy_hex > 0 && one_case_hex(secret) ? spec.min_entropy_hex : spec.min_entropy))
        return false;
    // A keyword rule's value that spells one of its words is the word again (`Mockaroo API key`
    // in a table), not a key.
    if (spec.is_keyword() && value_spells_word(secret, spec.keyword.words)) return false;
    // A keyword value that is a capitalised word is a word of the text around it (`Generate
    // data using the mockaroo.com API`), not a key: random values of mixed case almost never
    // are (lower- and upper-case-only ones are low-variety already). Nor is an identifier of
    // words (`timezoneapi::FileTimeToSystemTime(`).
    if (spec.is_keyword() && (capitalised_word(secret) || identifier_of_words(secret))) return false;
    // ... nor a name called or declared (`func (j JiraLinkedService) AsOffice365LinkedService()`):
    // a key is quoted, or ends at a blank or the end of its line, never at an opening parenthesis.
    if (spec.is_keyword() && m.end < data.size() && data[m.end] == '(') return false;
    // ... nor a property's name in a type (`'0bb28fa193c6b091813e9ba57a42aae322b1f098'?: string;`)
    if (spec.is_keyword() &&
        property_name_after_value(data.substr(m.end, std::min<std::size_t>(3, data.size() - m.end))))
        return false;
    // ... nor a value its line assigns to a digest or an id (`"chksum_sha256": "…"` a line below
    // a path naming linode, `"id": "<uuid>"` in Scaleway's API output).
    if (spec.is_keyword()) {
        const std::size_t lb = line_begin(data, m.start);
        const std::string_view before = data.substr(lb, m.start - lb);
        if (assigned_to_other_name(before, rule.words_name_an_id) || reference_before_value(before)) return false;
    }
    std::string_view match_text = data.substr(match_start, match_end - match_start);
    // A line of an armored block's body (a CA certificate quoted in source, `"MIID…\n"`) is the
    // block's data, not a credential of its own: a key block is the private-key rules' match.
    if (spec.kind != "private-key" && spec.kind != "service-account-key") {
        if (armor_ < 0) armor_ = has_armor(data) ? 1 : 0;
        if (armor_ == 1 && in_armor_body(data, m.start)) return false;
    }
    for (const auto* f : rule.filters) {
        if (regexes_drop(*f, secret, match_text)) return false;
        for (auto check : filter_checks_.at(f))
            if (check(secret)) return false;
    }
    if ((spec.kind == "password" || spec.kind == "connection-string") && password_repeats_user(data, m.start, secret))
        return false;
    if (allowlisted_secret(rules_.global_allowlist(), secret) || allowlisted_secret(rule.allowlist, secret))
        return false;
    if (allowlisted_path(rule.allowlist, path)) return false;
    // A blob of git history has no path yet: PathFilter applies the rule's paths per place.
    if (!path.empty() && !rule_applies_to(spec, path)) return false;
    // Inline marker anywhere on the lines the match spans.
    if (inline_allowed(data, match_start, match_end)) return false;

    m.secret.assign(secret);
    m.confidence = spec.is_keyword() ? keyword_confidence(spec, data, match_start, m.start) : spec.confidence;
    if (spec.is_keyword()) {
        // Between the word and the value: before it, or after it (a word following the value).
        // A match may start at the line break before a word that starts its line.
        std::size_t b = std::min(match_start, m.end), e = match_start < m.start ? m.start : match_end;
        while (b < e && (data[b] == '\n' || data[b] == '\r')) ++b;
        if (data.substr(b, e > b ? e - b : 0).find('\n') != std::string_view::npos) m.word_distance = 2;
        else if (!names_a_word(assigned_name(data, m.start, line_begin(data, m.start)), spec.keyword.words))
            m.word_distance = 1;
    }
    if (!spec.companion.empty()) m.companion = find_companion(spec.companion, rule.companion(), data, m.start, m.end);
    if (!spec.tenant.empty()) {
        re2::StringPiece label;
        if (!spec.tenant.in_secret) m.tenant = find_companion(spec.tenant, rule.tenant(), data, m.start, m.end);
        else if (RE2::PartialMatch(m.secret, rule.tenant(), &label)) m.tenant.assign(label.data(), label.size());
    }
    if (ValidatorFn validator = validators_[m.rule]) {
        Validation v = validator(secret);
        if (v.checked) {
            m.checksum = v.valid ? Checksum::Valid : Checksum::Invalid;
            m.note = std::move(v.note);
            if (!v.valid) m.confidence = Confidence::Low;
            else if (m.confidence == Confidence::Medium) m.confidence = Confidence::High;
        }
    }
    // Test, fixture and example paths: less likely a live credential (docs/rules.md).
    const TestPaths& tp = rules_.pack().test_paths;
    // ... and a module's documentation examples, the same way.
    if (doc_strings_ < 0) doc_strings_ = has_documentation_strings(data) ? 1 : 0;
    if (doc_comment_examples_ < 0) doc_comment_examples_ = has_doc_comment_examples(data) ? 1 : 0;
    if (man_sections_ < 0) man_sections_ = has_man_page_sections(data) ? 1 : 0;
    if ((doc_strings_ == 1 && in_documentation_string(data, m.start)) ||
        (doc_comment_examples_ == 1 && in_doc_comment_example(data, m.start)) || after_example_cue(data, m.start) ||
        (man_sections_ == 1 && in_man_page_example(data, m.start)) || before_change_cue(data, m.end)) {
        m.confidence = lowered(m.confidence);
        if (m.confidence < tp.min_confidence) return false;
        m.note = m.note.empty() ? std::string(kDocumentationNote) : m.note + "; " + std::string(kDocumentationNote);
    }
    if (test_path_ < 0) test_path_ = is_test_path(tp, path) ? 1 : 0;
    if (test_path_ == 1) {
        m.confidence = test_path_confidence(tp, spec.kind, spec.id, m.confidence);
        if (m.confidence < tp.min_confidence) return false;
        add_test_path_note(m.note);
    }
    return true;
}

// The companion (or tenant) nearest the secret within `within` lines above or below it, or "".
// Nearest: the gap between the pattern's whole match and the secret; ties go to the first.
std::string Scanner::find_companion(const CompanionSpec& c, const RE2& re, ByteView data, std::size_t start,
                                    std::size_t end) const {
    // At most 4 KiB on either side: on a minified line with many findings, walking or searching
    // the whole line for each would be quadratic.
    constexpr std::size_t kCompanionReach = 4096;
    const std::size_t lo = start > kCompanionReach ? start - kCompanionReach : 0;
    const std::size_t hi = std::min(data.size(), end + kCompanionReach);
    std::size_t b = start, e = end;
    for (int n = 0; n <= c.within && b > lo; ++n) {
        std::size_t p = b - 1;
        while (p > lo && data[p] != '\n') --p;
        b = p;
        if (data[p] != '\n') break;
    }
    // The first search starts at the secret's end: a '\n' right after the secret ends its line
    // (within = 0 must not reach into the next line); later ones start past the '\n' found.
    for (int n = 0; n <= c.within && e < hi; ++n) {
        std::size_t p = n == 0 ? e : e + 1;
        while (p < hi && data[p] != '\n') ++p;
        e = p;
    }
    std::string_view region = data.substr(b, e - b);
    int ngroups = std::min(re.NumberOfCapturingGroups(), 2);
    // Two groups are shown as user@host. When the host comes first in the text (.netrc
    // `machine H login U`, `Server=H;User Id=U`), the pattern names it: (?P<host>...).
    int order[2] = {1, 2};
    if (ngroups == 2) {
        const auto& names = re.CapturingGroupNames();
        if (auto it = names.find(1); it != names.end() && it->second == "host") order[0] = 2, order[1] = 1;
    }
    std::string best;
    std::size_t best_dist = SIZE_MAX;
    re2::StringPiece groups[3];
    std::size_t pos = 0;
    while (pos <= region.size() && re.Match(region, pos, region.size(), RE2::UNANCHORED, groups, ngroups + 1)) {
        pos = static_cast<std::size_t>(groups[0].data() - region.data()) + std::max<std::size_t>(1, groups[0].size());
        std::string value;
        bool overlaps = false;
        std::size_t m_start = b + static_cast<std::size_t>(groups[0].data() - region.data());
        std::size_t m_end = m_start + groups[0].size();
        for (int k = 0; k < ngroups; ++k) {
            int g = order[k];
            if (groups[g].data() == nullptr || groups[g].empty()) continue;
            std::size_t gs = b + static_cast<std::size_t>(groups[g].data() - region.data());
            overlaps = overlaps || (gs + groups[g].size() > start && gs < end);
            if (!value.empty()) value.push_back('@');
            value.append(groups[g].data(), groups[g].size());
        }
        if (value.empty() || overlaps) continue;  // the secret itself
        // Distance between the companion's whole match and the secret: 0 when the match reaches
        // the secret (`://user:` before a URL password, `login U password ` before a .netrc one).
        std::size_t dist = m_end <= start ? start - m_end : m_start >= end ? m_start - end : 0;
        if (dist < best_dist) {
            best_dist = dist;
            best = std::move(value);
        }
    }
    return best;
}

// A keyword rule's candidates are its words' ends (candidates_[first..], one rule, ends
// descending). Each word opens a window from word_reach + reverse_reach before it to value_reach
// after it; overlapping windows are merged. In a window every value-shaped run (the rule's value
// pattern, RE2) is a candidate end, confirmed like any other rule's: so each value that a word
// governs is found, not only the first. A value the pattern does not confirm may still be
// followed by a word on its line (reverse_finder: `-H "X-Api-Key: V" https://api.acme.com`).
// Returns the index of the next rule's first candidate.
std::size_t Scanner::search_keyword(const CompiledRule& rule, unsigned rule_index, ByteView data, std::size_t first,
                                    std::string_view path, std::vector<Match>& out) {
    std::size_t last = first;
    while (last < candidates_.size() && candidates_[last].rule == rule_index) ++last;
    const RE2& values = rule.value_finder();
    re2::StringPiece groups[2];
    const std::size_t before = rule.word_reach + rule.reverse_reach;
    std::size_t seen = 0;  // values starting before this were looked at in an earlier window
    std::size_t k = last;  // walk the ends ascending: from the back of the descending run
    while (k > first) {
        std::size_t end = candidates_[k - 1].end;
        std::size_t wb = end > before ? end - before : 0;
        std::size_t we = std::min(data.size(), end + rule.value_reach);
        --k;
        while (k > first && candidates_[k - 1].end <= we) {  // the next word's window overlaps
            we = std::min(data.size(), static_cast<std::size_t>(candidates_[k - 1].end) + rule.value_reach);
            --k;
        }
        std::string_view window = data.substr(wb, we - wb);
        std::size_t pos = 0;
        while (pos < window.size() && values.Match(window, pos, window.size(), RE2::UNANCHORED, groups, 2)) {
            std::size_t vs = static_cast<std::size_t>(groups[1].data() - window.data());
            std::size_t me = static_cast<std::size_t>(groups[0].data() - window.data()) + groups[0].size();
            pos = vs + groups[1].size();  // the next value starts after this one
            // `$` at a window cut is not the end of the data: the run may go on past it.
            if (me == window.size() && wb + me < data.size()) break;
            if (wb + vs < seen) continue;
            seen = wb + vs + 1;
            Match m;
            m.rule = rule_index;
            std::size_t match_start = 0, match_end = wb + me;
            if (!confirm(rule, data, wb + me, m, match_start, wb + vs) &&
                !confirm_before_word(rule, data, wb + vs, m, match_start, match_end)) {
                std::size_t ve = wb + vs + groups[1].size();
                if (!placeholder_default(*rule.spec, data, wb + vs, ve, match_start, match_end) &&
                    !enclosing_key_names_word(*rule.spec, data, wb + vs, match_start) &&
                    !directive_below_word(*rule.spec, data, wb + vs, ve, match_start))
                    continue;
                m.start = wb + vs;
                m.end = ve;
            }
            windowed_matches_.push_back({rule_index, m.end});
            if (keep(rule, data, match_start, match_end, m, path)) out.push_back(std::move(m));
        }
    }
    return last;
}

// A keyword value at `start` followed by one of the rule's words on its line.
bool Scanner::confirm_before_word(const CompiledRule& rule, ByteView data, std::size_t start, Match& m,
                                  std::size_t& match_start, std::size_t& match_end) const {
    re2::StringPiece groups[2];
    std::size_t stop = std::min(data.size(), start + rule.reverse_reach + rule.word_reach);
    if (const RE2* gate = rule.reverse_gate(); gate && !gate->Match(data, start, stop, RE2::ANCHOR_START, nullptr, 0))
        return false;
    if (!rule.reverse_finder().Match(data, start, stop, RE2::ANCHOR_START, groups, 2)) return false;
    if (!keyword_piece_end(data, start + groups[0].size())) return false;  // `…/coherence/`
    // The word on a line below: only for a value assigned to a credential name (or a directive
    // named for one: EdgeOS's `pre-shared-secret …` above its peer's `description "Weatherstack
    // VPC"`), or a test's data
    // argument above a test named for the word and a credential, at most kWordLinesBelow lines
    // down (the newline before a word at a line's start is its boundary), and not in a comment,
    // which heads what comes next rather than what came before.
    std::string_view matched(groups[0].data(), groups[0].size());
    if (auto lines = static_cast<std::size_t>(std::count(matched.begin(), matched.end(), '\n')); lines > 0) {
        std::size_t line_start = line_begin(data, start);
        std::size_t word_end = start + matched.size();
        std::size_t word_line = line_begin(data, word_end);
        std::string_view before = data.substr(line_start, start - line_start);
        if (lines > kWordLinesBelow || comment_line(data.substr(word_line, word_end - word_line)) ||
            (!assigned_to_credential_name(assignment_lead(data, start)) &&
             !directive_value(data, start, start + groups[1].size()) &&
             !test_argument_named_below(before,
                                        data.substr(word_end, std::min<std::size_t>(40, data.size() - word_end)))))
            return false;
    }
    match_start = m.start = start;
    m.end = start + groups[1].size();
    match_end = start + groups[0].size();
    return true;
}

// A rule with a `prefilter`: Hyperscan reported the prefilter's ends (candidates_[first..],
// one rule, ends descending). Every match of the pattern contains a prefilter match, so it lies
// within max_width on either side of that end: the pattern is searched there with RE2, windows
// merged, each match once. Returns the index of the next rule's first candidate.
std::size_t Scanner::search_prefiltered(const CompiledRule& rule, unsigned rule_index, ByteView data,
                                        std::size_t first, std::string_view path, std::vector<Match>& out) {
    std::size_t last = first;
    while (last < candidates_.size() && candidates_[last].rule == rule_index) ++last;
    const std::size_t reach = rule.max_width + kWindowSlack;
    const RE2* gate = rule.search_gate();
    re2::StringPiece groups[2];
    std::size_t k = last;
    while (k > first) {
        std::size_t end = candidates_[k - 1].end;
        std::size_t wb = end > reach ? end - reach : 0;
        std::size_t we = std::min(data.size(), end + reach);
        --k;
        while (k > first && candidates_[k - 1].end <= we + reach) {
            we = std::min(data.size(), static_cast<std::size_t>(candidates_[k - 1].end) + reach);
            --k;
        }
        std::string_view window = data.substr(wb, we - wb);
        const bool forward = !gate || gate->Match(window, 0, window.size(), RE2::UNANCHORED, nullptr, 0);
        const RE2& re = rule.searcher();
        std::size_t pos = 0;
        confirmed_values_.clear();
        while (forward && pos <= window.size() && re.Match(window, pos, window.size(), RE2::UNANCHORED, groups, 2)) {
            std::size_t ms = static_cast<std::size_t>(groups[0].data() - window.data());
            std::size_t me = ms + groups[0].size();
            pos = std::max(me, ms + 1);
            // A match touching a cut window edge may be an artefact of the cut (\b, ^, $): it is
            // within reach of a prefilter end only if it is not.
            if ((ms == 0 && wb > 0) || (me == window.size() && wb + me < data.size())) continue;
            // Of overlapping matches, a rule without a prefilter keeps the one ending last (its
            // candidate ends are walked from the last, and those inside a confirmed match are
            // skipped): a sample nesting one assignment in the quotes of another reports the
            // inner value, not the outer match's value (the inner name and its operator).
            // So follow matches that start inside this one and end after it.
            re2::StringPiece more[1];
            for (std::size_t from = ms + 1; from < me && re.Match(window, from, window.size(), RE2::UNANCHORED, more, 1);) {
                std::size_t ns = static_cast<std::size_t>(more[0].data() - window.data()), ne = ns + more[0].size();
                if (ns >= me) break;
                if (ne > me && !(ne == window.size() && wb + ne < data.size())) ms = ns, me = ne;
                from = ns + 1;
            }
            pos = std::max(me, ms + 1);
            windowed_matches_.push_back({rule_index, wb + me});
            // The match ending there as the plain path confirms it: the leftmost start.
            Match m;
            m.rule = rule_index;
            std::size_t match_start = 0;
            if (!confirm(rule, data, wb + me, m, match_start)) continue;
            confirmed_values_.push_back(m.start);
            if (keep(rule, data, match_start, wb + me, m, path)) out.push_back(std::move(m));
        }
        if (const RE2* after = rule.word_after())
            search_word_after(rule, *after, rule_index, data, wb, window, path, out);
    }
    return last;
}

// A hand-written rule's values followed by its word on their line (word_after_pattern, rule.hpp),
// in a window around its prefilter's matches: `Secret(value="sk-…").save("deepseek")`. A value the
// pattern already confirmed in the window (kept or dropped) is not looked at again.
void Scanner::search_word_after(const CompiledRule& rule, const RE2& after, unsigned rule_index, ByteView data,
                                std::size_t wb, std::string_view window, std::string_view path,
                                std::vector<Match>& out) {
    re2::StringPiece groups[2];
    std::size_t pos = 0;
    while (pos < window.size() && after.Match(window, pos, window.size(), RE2::UNANCHORED, groups, 2)) {
        std::size_t ms = static_cast<std::size_t>(groups[0].data() - window.data());
        std::size_t me = ms + groups[0].size();
        std::size_t vs = static_cast<std::size_t>(groups[1].data() - window.data());
        pos = std::max(vs + groups[1].size(), ms + 1);
        // A match touching a cut window edge may be an artefact of the cut.
        if ((ms == 0 && wb > 0) || (me == window.size() && wb + me < data.size())) continue;
        if (std::find(confirmed_values_.begin(), confirmed_values_.end(), wb + vs) != confirmed_values_.end()) continue;
        // A word that names a value of its own after it (`PublicKey = "…", PresharedKey = "…"`,
        // `"…", "preshared_key": "…"`) is that value's name, not this one's.
        static const RE2 names_next(
            R"(^[\w.-]{0,30}["']?[ \t]{0,4}(?:=[^=]|:=|=>|:[ \t]{0,4}["']?[A-Za-z0-9+/_-]{8}))");
        if (RE2::PartialMatch(data.substr(wb + me, std::min<std::size_t>(80, data.size() - wb - me)), names_next))
            continue;
        windowed_matches_.push_back({rule_index, wb + me});
        Match m;
        m.rule = rule_index;
        m.start = wb + vs;
        m.end = m.start + groups[1].size();
        if (keep(rule, data, wb + ms, wb + me, m, path)) out.push_back(std::move(m));
    }
}

// A marker line [b, e) (e: its '\n' or the end of data) is among the lines that
// [match_start, match_end] touches iff e >= match_start and b <= match_end. Marker lines are
// sorted and disjoint, so the first one with e >= match_start decides. Linear overall: each
// marker line is delimited once per scan.
bool Scanner::inline_allowed(ByteView data, std::size_t match_start, std::size_t match_end) {
    if (!markers_ready_) {
        markers_ready_ = true;
        marker_lines_ = inline_allowed_lines(data);
    }
    auto it = std::lower_bound(marker_lines_.begin(), marker_lines_.end(), match_start,
                               [](const AllowedLine& l, std::size_t v) { return l.end < v; });
    return it != marker_lines_.end() && it->begin <= match_end;
}

std::vector<Match> Scanner::scan(ByteView data, std::string_view path, bool scoped) {
    scoped_on_ = path.empty() ? scoped : rules_.scoped_applies(path);
    return scan_at_depth(data, path, 0);
}

std::vector<Match> Scanner::scan_binary(ByteView data, std::string_view path, bool scoped) {
    scoped_on_ = path.empty() ? scoped : rules_.scoped_applies(path);
    if (binary_rules_.empty()) {
        binary_rules_.resize(rules_.size());
        for (std::size_t i = 0; i < rules_.size(); ++i) binary_rules_[i] = runs_on_binary(*rules_.rule(i).spec) ? 1 : 0;
    }
    binary_ = true;
    struct Reset {
        bool& b;
        ~Reset() { b = false; }
    } reset{binary_};
    return scan_at_depth(data, path, kMaxDecodeDepth);  // no decoded views of binary content
}

// Scans the decoded views of `data` (decode.hpp) and adds their matches, placed on the encoded
// text: a base64 run as a whole, percent and escape views byte for byte. A match that the plain
// scan already has (same rule and place) is not added twice.
void Scanner::scan_decoded(ByteView data, std::string_view path, int depth, std::vector<Match>& out) {
    std::vector<DecodedView> views = decoded_views(data);
    if (views.empty()) return;
    // The inline marker is judged on the encoded text's own lines, before the nested scans
    // reuse this scanner's per-buffer state.
    std::vector<char> allowed(views.size());
    for (std::size_t v = 0; v < views.size(); ++v)
        allowed[v] = inline_allowed(data, views[v].run_begin, views[v].run_end) ? 1 : 0;
    // A rule that already looked at the encoded run (a candidate of it ends inside the run) and
    // dropped it there, e.g. a basic-auth rule and a documented example, must not report the
    // decoded text instead: only rules that could not see the value encoded may. For a rule with
    // a prefilter, what it looked at is its pattern's matches, not its prefilter's hits (an
    // escaped `\n` hides a multi-line match from the encoded text, not the provider's word); for a
    // keyword rule, its confirmed values, not its words (`<add key="Acme:Settings"
    // value="{ &quot;ApiKey&quot;: &quot;…&quot; }" />`: the word is on the line, the value's
    // assignment only in the decoded text).
    std::vector<Candidate> outer;
    outer.reserve(candidates_.size() + windowed_matches_.size());
    for (const Candidate& c : candidates_)
        if (rules_.rule(c.rule).spec->hs_pattern.empty()) outer.push_back(c);
    outer.insert(outer.end(), windowed_matches_.begin(), windowed_matches_.end());
    std::sort(outer.begin(), outer.end(), [](const Candidate& a, const Candidate& b) { return a.end < b.end; });
    auto looked_at_run = [&](unsigned rule, const DecodedView& view) {
        auto it = std::lower_bound(outer.begin(), outer.end(), view.run_begin + 1,
                                   [](const Candidate& c, std::size_t e) { return c.end < e; });
        for (; it != outer.end() && it->end <= view.run_end + 1; ++it)
            if (it->rule == rule) return true;
        return false;
    };
    std::vector<Match> found;
    for (std::size_t v = 0; v < views.size(); ++v) {
        if (allowed[v]) continue;
        const DecodedView& view = views[v];
        for (Match& m : scan_at_depth(view.text, path, depth + 1)) {
            if (m.end <= view.decoded_begin || m.start >= view.decoded_end) continue;  // context only
            std::size_t start, end;
            if (view.how == Encoding::Base64) {
                start = view.run_begin;
                end = view.run_end;
            } else {
                start = view.origin[m.start];
                end = view.origin[m.end - 1] + 1;
            }
            if (m.decoded.empty()) m.decoded = to_string(view.how);
            m.start = start;
            m.end = end;
            auto same = std::find_if(out.begin(), out.end(), [&](const Match& o) {
                return o.rule == m.rule && o.start <= m.start && m.end <= o.end;
            });
            if (same == out.end()) {
                if (!looked_at_run(static_cast<unsigned>(m.rule), view)) found.push_back(std::move(m));
            } else if (view.how == Encoding::Base64 && same->start == m.start && same->end == m.end) {
                // the rule matched the encoded text itself: report what it decodes to, keeping the
                // companion found around the encoded text (the decoded view has no context)
                if (m.companion.empty()) m.companion = std::move(same->companion);
                if (m.tenant.empty()) m.tenant = std::move(same->tenant);
                *same = std::move(m);
            }
        }
    }
    markers_ready_ = false;  // the nested scans replaced the marker lines of `data`
    for (auto& m : found) out.push_back(std::move(m));
}

std::vector<Match> Scanner::scan_at_depth(ByteView data, std::string_view path, int depth) {
    std::vector<Match> out;
    markers_ready_ = false;
    test_path_ = -1;
    doc_strings_ = -1;
    doc_comment_examples_ = -1;
    man_sections_ = -1;
    armor_ = -1;
    const hs_database_t* scoped_db = scoped_on_ ? rules_.scoped_database() : nullptr;
    const hs_database_t* overlay_scoped_db = scoped_on_ ? rules_.overlay_scoped_database() : nullptr;
    if ((!rules_.database() && !scoped_db && !rules_.overlay_database() && !overlay_scoped_db) || data.empty())
        return out;
    if (data.size() > 0xFFFFFFFFull) throw Error("internal: buffer too large for one Hyperscan call");
    candidates_.clear();
    windowed_matches_.clear();
    // A blob of git history has no path yet (PathFilter applies `paths` per place): nothing skipped.
    path_ = path;
    for (std::size_t i : scoped_) skip_[i] = path.empty() ? 0 : -1;
    hs_data_ = data;
    hs_error_t rc = HS_SUCCESS;
    for (const hs_database_t* db : {rules_.database(), scoped_db, rules_.overlay_database(), overlay_scoped_db})
        if (db && rc == HS_SUCCESS)
            rc = hs_scan(db, data.data(), static_cast<unsigned>(data.size()), 0, scratch_.get(), &Scanner::on_match, this);
    if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) throw Error(fmt::format("Hyperscan scan failed ({})", rc));
    if (rc == HS_SCAN_TERMINATED)
        throw Error(fmt::format("too many candidate matches (over {}); not scanning further", kMaxCandidates));

    // Per rule, walk candidate ends from the last: confirm the longest match ending there, then
    // skip every candidate inside it, so overlapping matches of one rule collapse into one.
    std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
        return a.rule != b.rule ? a.rule < b.rule : a.end > b.end;
    });
    std::size_t i = 0;
    while (i < candidates_.size()) {
        unsigned rule_index = candidates_[i].rule;
        if (binary_ && !binary_rules_[rule_index]) {  // a rule not trusted on binary content
            while (i < candidates_.size() && candidates_[i].rule == rule_index) ++i;
            continue;
        }
        const CompiledRule& rule = rules_.rule(rule_index);
        if (rule.spec->is_keyword()) {
            i = search_keyword(rule, rule_index, data, i, path, out);
            continue;
        }
        if (!rule.spec->hs_pattern.empty()) {
            i = search_prefiltered(rule, rule_index, data, i, path, out);
            continue;
        }
        std::size_t floor = SIZE_MAX;  // candidates ending after this are inside a confirmed match
        for (; i < candidates_.size() && candidates_[i].rule == rule_index; ++i) {
            std::size_t end = candidates_[i].end;
            if (floor != SIZE_MAX && end > floor) continue;
            Match m;
            m.rule = rule_index;
            std::size_t match_start = 0;
            if (!confirm(rule, data, end, m, match_start)) continue;
            floor = match_start;
            if (keep(rule, data, match_start, end, m, path)) out.push_back(std::move(m));
        }
    }
    if (depth < kMaxDecodeDepth) scan_decoded(data, path, depth, out);
    if (collapse_) {
        collapse_across_rules(out, path.empty());
    } else {
        std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
            return a.start != b.start ? a.start < b.start : a.rule < b.rule;
        });
    }
    return out;
}

// One secret, one finding: when several rules report the same bytes, keep the most specific
// (a provider rule over a generic one, then highest severity, confidence, pack order); a
// generic rule (id "generic-…") also yields to any provider rule whose secret overlaps it.
//
// Without a path (a blob of git history, placed later by PathFilter), a path-scoped rule's match
// may hide nothing: the scoped rule may not apply where the blob is placed. It still yields to
// the others (a GitHub token in a .env file is the GitHub rule's), but when it ranks first, the
// best match of the rules without paths is kept next to it.
void Scanner::collapse_across_rules(std::vector<Match>& out, bool pathless) const {
    auto generic = [&](const Match& m) { return rules_.rule(m.rule).spec->id.rfind("generic-", 0) == 0; };
    auto scoped = [&](const Match& m) { return pathless && !rules_.rule(m.rule).spec->paths.empty(); };
    // On the same bytes, the provider named nearer the value names it, whatever the severities:
    // a keyword rule's word in the value's name, then elsewhere on its line (`requests.get(
    // 'https://newsapi.org/…', params={'apiKey': '…'})` is NewsAPI's key, though `openweathermap`
    // is in the statement above), then on another line; at each distance a keyword match at low
    // confidence (its word below the value, in a comment) comes after the others (`- ACME_API_KEY:
    // …` above `- BITRISE_PROJECT_PATH: …` in a bitrise.yml is Acme's key, not a Bitrise token).
    // Self-identifying rules rank with a word in the name.
    auto rank = [&](const Match& m) {
        const RuleSpec& r = *rules_.rule(m.rule).spec;
        int distance = m.word_distance * 2 + (r.is_keyword() && m.confidence == Confidence::Low ? 1 : 0);
        return std::make_tuple(generic(m), distance, -static_cast<int>(r.severity), -static_cast<int>(m.confidence),
                               m.rule);
    };
    std::sort(out.begin(), out.end(), [&](const Match& a, const Match& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.end != b.end) return a.end < b.end;
        return rank(a) < rank(b);
    });
    std::vector<Match> kept;
    kept.reserve(out.size());
    bool span_has_unscoped = false;  // the span of kept.back() already keeps a match of a rule without paths
    for (auto& m : out) {
        if (!kept.empty() && kept.back().start == m.start && kept.back().end == m.end) {
            if (span_has_unscoped || scoped(m)) continue;
            span_has_unscoped = true;
        } else {
            span_has_unscoped = !scoped(m);
        }
        kept.push_back(std::move(m));
    }
    // Sorted by start: overlap from the left is "a provider match ending after my start";
    // from the right, scan forward only while matches start before my end. Linear in practice.
    std::vector<bool> drop(kept.size(), false);
    std::size_t provider_end = 0;  // furthest end of provider matches seen so far
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (!generic(kept[i])) {
            if (!scoped(kept[i])) provider_end = std::max(provider_end, kept[i].end);
            continue;
        }
        drop[i] = provider_end > kept[i].start;
        for (std::size_t j = i + 1; !drop[i] && j < kept.size() && kept[j].start < kept[i].end; ++j)
            drop[i] = !generic(kept[j]) && !scoped(kept[j]);
    }
    // A provider match whose secret lies inside another provider match's secret is the same
    // credential read twice (`sqp_<hex>` by the prefixed rule, its `<hex>` by the keyword rule
    // for unprefixed tokens): the enclosing one, the whole credential, is kept. Walked by start,
    // the longest first, so an enclosing match comes before what it encloses.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < kept.size(); ++i)
        if (!drop[i] && !generic(kept[i]) && !scoped(kept[i])) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return kept[a].start != kept[b].start ? kept[a].start < kept[b].start : kept[a].end > kept[b].end;
    });
    std::size_t reach = 0, reach_start = 0;  // the furthest end so far, and where its match starts
    bool any = false;
    for (std::size_t i : order) {
        const Match& m = kept[i];
        if (any && m.end <= reach && !(m.start == reach_start && m.end == reach)) {
            drop[i] = true;
            continue;
        }
        if (!any || m.end > reach) reach = m.end, reach_start = m.start, any = true;
    }
    out.clear();
    for (std::size_t i = 0; i < kept.size(); ++i)
        if (!drop[i]) out.push_back(std::move(kept[i]));
}

}  // namespace nhiscan
