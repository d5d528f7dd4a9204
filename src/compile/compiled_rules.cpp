#include "compile/compiled_rules.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>

#include <fmt/core.h>
#include <sys/mman.h>

#include "compile/db_cache.hpp"
#include "compile/regex_gate.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/glob.hpp"
#include "core/hash.hpp"
#include "rules/keyword_shape.hpp"

namespace nhiscan {
namespace {

// Part of the cache key: bump the format when the payload layout changes; the build stamp
// keeps development builds from trusting entries written by an older engine.
constexpr std::string_view kCacheFormat = "nhiscan-hsdb-v3|" __DATE__ " " __TIME__;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

CompiledAllowlist compile_allowlist(const Allowlist& a, const std::string& context) {
    CompiledAllowlist out;
    out.paths = a.paths;
    for (const auto& r : a.regexes) out.regexes.emplace_back(r, context + ": allowlist regex");
    for (const auto& s : a.stopwords) out.stopwords.push_back(lower(s));
    return out;
}

// Hyperscan compile of the patterns of the rules without `paths` (scoped false) or of those
// with (true); null when there are none. On failure names the rule that Hyperscan rejected.
// Match ids are the rules' positions, or `id_of[position]` (an overlay's).
HsDatabase compile_hs(const RulePack& pack, const hs_platform_info_t* platform, bool scoped,
                      const std::vector<unsigned>* id_of = nullptr) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    for (std::size_t i = 0; i < pack.rules.size(); ++i) {
        const RuleSpec& r = pack.rules[i];
        if (r.paths.empty() == scoped) continue;
        exprs.push_back(r.hs_pattern.empty() ? r.pattern.c_str() : r.hs_pattern.c_str());
        flags.push_back(0);
        ids.push_back(id_of ? (*id_of)[i] : static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (exprs.empty()) return nullptr;
    hs_error_t rc = hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                                     HS_MODE_BLOCK, platform, &db, &err);
    if (rc != HS_SUCCESS) {
        HsCompileError guard(err);
        std::string msg = err && err->message ? err->message : "unknown error";
        if (err && err->expression >= 0 && static_cast<std::size_t>(err->expression) < pack.rules.size()) {
            const auto& r = pack.rules[err->expression];
            throw Error(fmt::format("{}: rule '{}': Hyperscan rejects the pattern: {}", r.pos.where(), r.id, msg));
        }
        throw Error(fmt::format("Hyperscan cannot compile the rule pack: {}", msg));
    }
    return HsDatabase(db);
}

// The longest match of `pattern` per hs_expression_info, 0 when unbounded; throws with the rule
// named when Hyperscan rejects it.
unsigned hs_max_width(const RuleSpec& r, const std::string& pattern) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(pattern.c_str(), 0, &info, &err) != HS_SUCCESS) {
        HsCompileError guard(err);
        throw Error(fmt::format("{}: rule '{}': Hyperscan rejects the pattern: {}", r.pos.where(), r.id,
                                err && err->message ? err->message : "unknown error"));
    }
    unsigned w = info->max_width == UINT_MAX ? 0 : info->max_width;
    std::free(info);
    return w;
}

// The confirm window of a rule (scanner.cpp): its pattern's longest match. A keyword rule's
// Hyperscan pattern (its words) is checked too; its window comes from keyword_shape.hpp.
unsigned max_width_of(const RuleSpec& r) {
    if (!r.hs_pattern.empty()) hs_max_width(r, r.hs_pattern);
    unsigned w = hs_max_width(r, r.pattern);
    if (!r.hs_pattern.empty() && !r.is_keyword() && (w == 0 || w > 8192))
        throw Error(fmt::format("{}: rule '{}': a prefilter needs a pattern whose matches are at most 8192 bytes long",
                                r.pos.where(), r.id));
    return w;
}

// A serialized database made usable. Into anonymous pages faulted in by one mmap call rather
// than Hyperscan's malloc: on the warm path the 1.8 MB copy otherwise takes a page fault per
// 4 KiB page. Null when the bytes are not a database for this library and platform.
HsDatabase deserialize_database(std::string_view bytes) {
    std::size_t size = 0;
    // The in-memory size is the serialized size plus a header; a larger claim is left to
    // Hyperscan's own checks rather than mapped.
    if (hs_serialized_database_size(bytes.data(), bytes.size(), &size) == HS_SUCCESS && size > 0 &&
        size <= bytes.size() + 4096) {
        void* mem = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (mem != MAP_FAILED) {
            HsDatabase db(static_cast<hs_database_t*>(mem), HsDatabaseDeleter{size});
            if (hs_deserialize_database_at(bytes.data(), bytes.size(), db.get()) == HS_SUCCESS) return db;
            return nullptr;
        }
    }
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
    return HsDatabase(db);
}

std::string platform_key(const hs_platform_info_t& p) {
    return fmt::format("{}|tune={}|features={}", hs_version(), p.tune, p.cpu_features);
}

struct Databases {
    HsDatabase all, scoped;  // the rules without paths, the path-scoped rules
};

// Decodes a cache payload for a pack of `n` rules: the databases and the match widths. A
// database with no rules is stored as zero bytes.
bool decode_payload(std::string_view payload, std::size_t n_rules, Databases& dbs, std::vector<unsigned>& widths) {
    std::uint32_t n = 0;
    if (payload.size() >= 4) std::memcpy(&n, payload.data(), 4);
    std::size_t off = 4 + std::size_t{n} * 4;
    std::uint64_t first = 0;
    if (n != n_rules || payload.size() < off + 8) return false;
    std::memcpy(&first, payload.data() + off, 8);
    off += 8;
    if (first > payload.size() - off) return false;
    std::string_view a = payload.substr(off, first), b = payload.substr(off + first);
    if (!a.empty() && !(dbs.all = deserialize_database(a))) return false;
    if (!b.empty() && !(dbs.scoped = deserialize_database(b))) return false;
    if (!dbs.all && !dbs.scoped) return false;
    widths.resize(n);
    std::memcpy(widths.data(), payload.data() + 4, std::size_t{n} * 4);
    return true;
}

std::string serialize(const hs_database_t* db) {
    if (!db) return {};
    char* bytes = nullptr;
    size_t len = 0;
    if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS) throw Error("Hyperscan cannot serialize the database");
    std::string out(bytes, len);
    std::free(bytes);
    return out;
}

std::string encode_payload(const Databases& dbs, const std::vector<unsigned>& widths) {
    std::string payload(4 + widths.size() * 4, '\0');
    std::uint32_t n = static_cast<std::uint32_t>(widths.size());
    std::memcpy(payload.data(), &n, 4);
    std::memcpy(payload.data() + 4, widths.data(), widths.size() * 4);
    std::string a = serialize(dbs.all.get());
    std::uint64_t first = a.size();
    payload.append(reinterpret_cast<const char*>(&first), 8);
    payload += a;
    payload += serialize(dbs.scoped.get());
    return payload;
}

Databases compile_all(const RulePack& pack, const hs_platform_info_t* platform,
                      const std::vector<unsigned>* id_of = nullptr) {
    Databases dbs;
    dbs.all = compile_hs(pack, platform, false, id_of);
    dbs.scoped = compile_hs(pack, platform, true, id_of);
    return dbs;
}

// The last segment of a glob (glob.hpp: a glob without `/` is matched on the basename).
std::string_view last_segment(std::string_view g) {
    auto slash = g.rfind('/');
    return slash == std::string_view::npos ? g : g.substr(slash + 1);
}

// One path segment's glob (fnmatch without flags: `*`, `?`, `[...]`, `\x`) as an RE2 pattern;
// nullopt for a bracket expression this does not translate.
std::optional<std::string> segment_regex(std::string_view g) {
    std::string out;
    for (std::size_t i = 0; i < g.size(); ++i) {
        char c = g[i];
        if (c == '*') {
            out += ".*";
        } else if (c == '?') {
            out += '.';
        } else if (c == '[') {
            std::size_t j = i + 1;
            bool neg = j < g.size() && (g[j] == '!' || g[j] == '^');
            if (neg) ++j;
            std::size_t close = g.find(']', j + 1);
            if (close == std::string_view::npos) return std::nullopt;
            std::string_view body = g.substr(j, close - j);
            bool plain = std::all_of(body.begin(), body.end(), [](char x) {
                return std::isalnum(static_cast<unsigned char>(x)) || x == '-' || x == '_' || x == '.';
            });
            if (!plain || body.empty() || body.front() == '-') return std::nullopt;
            out += neg ? "[^" : "[";
            out += body;
            out += ']';
            i = close;
        } else {
            if (c == '\\' && i + 1 < g.size()) c = g[++i];
            out += RE2::QuoteMeta(std::string_view(&c, 1));
        }
    }
    return out;
}

// `^(?:a|b|...)$` over segment globs, null when there are none.
std::unique_ptr<RE2> segments_regex(const std::vector<std::string>& alts) {
    if (alts.empty()) return nullptr;
    std::string re = "(?s)(?:";
    for (std::size_t i = 0; i < alts.size(); ++i) re += (i ? "|" : "") + alts[i];
    return compile_re2(re + ")", "path-scoped rule globs");
}

// The built-in variant this CPU can run, most specific first; false when none fits.
bool load_builtin(const BuiltinDatabases& b, const std::string& pack_hash, const hs_platform_info_t& host,
                  std::size_t n_rules, Databases& db, std::vector<unsigned>& widths) {
    if (b.pack_hash != pack_hash || b.hs_version != hs_version()) return false;
    for (const auto& v : b.variants) {
        if ((v.cpu_features & ~host.cpu_features) != 0) continue;  // needs instructions this CPU lacks
        if (decode_payload(v.payload, n_rules, db, widths)) return true;
    }
    return false;
}

}  // namespace

std::string compile_payload(const RulePack& pack, const hs_platform_info_t* platform) {
    Databases dbs = compile_all(pack, platform);
    std::vector<unsigned> widths;
    for (const auto& r : pack.rules) widths.push_back(max_width_of(r));
    return encode_payload(dbs, widths);
}

bool CompiledRules::scoped_applies(std::string_view path) const {
    if (!has_scoped_) return false;
    auto slash = path.rfind('/');
    std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    // Most files are ruled out by their name alone (glob_match splits and allocates), or by a
    // directory named by a glob ending in `/**`.
    bool may = scoped_name_may_match(base);
    for (std::size_t b = 0; !may && scoped_globs_.dirs && slash != std::string_view::npos && b < slash;) {
        std::size_t e = path.find('/', b);
        may = scoped_name_may_match(path.substr(b, e - b), true);
        b = e + 1;
    }
    return may && std::any_of(scoped_globs_.all.begin(), scoped_globs_.all.end(),
                              [&](const std::string& g) { return glob_match(g, path); });
}

bool CompiledRules::scoped_name_may_match(std::string_view name, bool dir) const {
    if (!has_scoped_) return false;
    const ScopedGlobs& g = scoped_globs_;
    if (dir) return g.dirs && RE2::FullMatch(name, *g.dirs);
    return g.any_name || (g.names && RE2::FullMatch(name, *g.names));
}

RE2::Options re2_options() {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);
    o.set_log_errors(false);
    // Per regex: the program (up to ~87,000 instructions; the pack's largest has 11,652) and
    // its DFA cache. The windows searched are short, so a small cache is enough: on the eighth
    // held-out set (740 MB, 59,676 findings, nearly every rule firing) 64 MiB per regex peaked
    // at 4.2 GB and 59 s user; 4 MiB at 0.96 GB and 34 s, the same findings byte for byte.
    // RE2 falls back to its NFA when a DFA outgrows its cache, never to a wrong answer.
    o.set_max_mem(4 << 20);
    return o;
}

std::unique_ptr<RE2> compile_re2(const std::string& pattern, const std::string& context) {
    auto re = std::make_unique<RE2>(pattern, re2_options());
    if (!re->ok()) throw Error(fmt::format("{}: invalid regex: {}", context, re->error()));
    return re;
}

const RE2& CompiledRule::confirmer() const {
    std::call_once(once_, [this] {
        confirm_ = compile_re2("(?:" + spec->pattern + ")\\z",
                               fmt::format("{}: rule '{}'", spec->pos.where(), spec->id));
    });
    return *confirm_;
}

const RE2& CompiledRule::line_confirmer() const {
    std::call_once(line_once_, [this] {
        line_confirm_ = compile_re2("(?:" + build_keyword_line_pattern(spec->keyword) + ")\\z",
                                    fmt::format("{}: rule '{}': same-line forms", spec->pos.where(), spec->id));
    });
    return *line_confirm_;
}

const RE2& CompiledRule::value_finder() const {
    std::call_once(search_once_, [this] {
        search_ = compile_re2(build_keyword_value_pattern(spec->keyword),
                              fmt::format("{}: rule '{}': value", spec->pos.where(), spec->id));
    });
    return *search_;
}

const RE2& CompiledRule::reverse_finder() const {
    std::call_once(reverse_once_, [this] {
        reverse_ = compile_re2(build_keyword_reverse_pattern(spec->keyword),
                               fmt::format("{}: rule '{}': value before a word", spec->pos.where(), spec->id));
    });
    return *reverse_;
}

const RE2* CompiledRule::word_after() const {
    std::call_once(word_after_once_, [this] {
        if (spec->is_keyword()) return;
        std::string p = word_after_pattern(spec->pattern);
        if (!p.empty())
            word_after_ =
                compile_re2(p, fmt::format("{}: rule '{}': value before its word", spec->pos.where(), spec->id));
    });
    return word_after_.get();
}

const RE2& CompiledRule::searcher() const {
    std::call_once(searcher_once_, [this] {
        searcher_ = compile_re2(spec->pattern, fmt::format("{}: rule '{}'", spec->pos.where(), spec->id));
    });
    return *searcher_;
}

namespace {

// The gate of `pattern` wrapped as `prefix + widened + suffix`, null when widening changes
// nothing (or RE2 rejects the widened form, which then just goes ungated).
std::unique_ptr<RE2> compile_gate(const std::string& pattern, std::string_view prefix, std::string_view suffix) {
    std::string wide = widen_repetitions(pattern);
    if (wide.empty()) return nullptr;
    auto re = std::make_unique<RE2>(std::string(prefix) + wide + std::string(suffix), re2_options());
    return re->ok() ? std::move(re) : nullptr;
}

}  // namespace

const RE2* CompiledRule::confirm_gate() const {
    std::call_once(confirm_gate_once_, [this] { confirm_gate_ = compile_gate(spec->pattern, "(?:", ")\\z"); });
    return confirm_gate_.get();
}

const RE2* CompiledRule::search_gate() const {
    std::call_once(search_gate_once_, [this] { search_gate_ = compile_gate(spec->pattern, "", ""); });
    return search_gate_.get();
}

const RE2* CompiledRule::reverse_gate() const {
    std::call_once(reverse_gate_once_,
                   [this] { reverse_gate_ = compile_gate(build_keyword_reverse_pattern(spec->keyword), "", ""); });
    return reverse_gate_.get();
}

const RE2& CompiledRule::companion() const {
    std::call_once(companion_once_, [this] {
        companion_ = compile_re2(spec->companion.pattern,
                                 fmt::format("{}: rule '{}': companion", spec->pos.where(), spec->id));
    });
    return *companion_;
}

const RE2& CompiledRule::tenant() const {
    std::call_once(tenant_once_, [this] {
        tenant_ = compile_re2(spec->tenant.pattern, fmt::format("{}: rule '{}': tenant", spec->pos.where(), spec->id));
    });
    return *tenant_;
}

void validate_patterns(const RulePack& pack) {
    for (const auto& r : pack.rules) {
        auto ctx = fmt::format("{}: rule '{}'", r.pos.where(), r.id);
        auto re = compile_re2(r.pattern, ctx);
        if (re->NumberOfCapturingGroups() != 1)
            throw Error(fmt::format("{}: the pattern must have exactly one capture group (the secret), it has {}",
                                    ctx, re->NumberOfCapturingGroups()));
        max_width_of(r);  // throws with the rule named when Hyperscan rejects it
        for (const auto& x : r.allowlist.regexes) compile_re2(x, ctx + ": allowlist regex");
        if (!r.companion.empty()) {
            auto c = compile_re2(r.companion.pattern, ctx + ": companion");
            if (c->NumberOfCapturingGroups() != 1 && c->NumberOfCapturingGroups() != 2)
                throw Error(ctx + ": the companion pattern needs one capturing group (or two: user and host)");
        }
    }
    for (const auto& f : pack.filters) {
        auto ctx = fmt::format("{}: filter '{}'", f.pos.where(), f.id);
        for (const auto& x : f.secret_regexes) compile_re2(x, ctx);
        for (const auto& x : f.match_regexes) compile_re2(x, ctx);
    }
    for (const auto& x : pack.allowlist.regexes) compile_re2(x, "global allowlist regex");
}

namespace {

struct Overlay {
    Databases added;                // the added or changed rules, without and with `paths`
    std::vector<unsigned> hs_rule;  // match id -> rule (CompiledRules::rule_of)
};

// The built-in databases (into `dbs`) for the rules a config kept as built
// (CacheOptions::builtin_index), and an overlay compiled (or taken from the cache) for the rules
// it added or changed. Sets the match-id map and every rule's width; false when the built-in
// databases do not load here (another Hyperscan, a CPU they were not built for): the whole pack
// is compiled then.
bool load_overlay(const RulePack& p, const CacheOptions& opts, const hs_platform_info_t& platform, DbCache& cache,
                  Databases& dbs, std::vector<unsigned>& widths, Overlay& out) {
    auto& hs_rule = out.hs_rule;
    const BuiltinDatabases& b = *opts.builtin;
    const std::size_t nb = opts.builtin_rules;
    std::vector<unsigned> built_widths;
    if (!load_builtin(b, std::string(b.pack_hash), platform, nb, dbs, built_widths)) return false;
    // Built-in ids are the built-in positions; overlay ids follow them (nb + position here).
    hs_rule.assign(nb + p.rules.size(), CompiledRules::kNoRule);
    widths.assign(p.rules.size(), 0);
    RulePack added;
    std::vector<std::size_t> at;
    std::vector<unsigned> ids;
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const int bi = opts.builtin_index[i];
        if (bi >= 0 && static_cast<std::size_t>(bi) < nb) {
            hs_rule[bi] = static_cast<unsigned>(i);
            widths[i] = built_widths[bi];
        } else {
            hs_rule[nb + i] = static_cast<unsigned>(i);
            added.rules.push_back(p.rules[i]);
            at.push_back(i);
            ids.push_back(static_cast<unsigned>(nb + i));
        }
    }
    if (added.rules.empty()) return true;
    std::string id_list;
    for (auto id : ids) id_list += fmt::format("{},", id);
    const std::string key = sha256_hex(fmt::format("{}|overlay|{}|{}|{}|{}", kCacheFormat, b.pack_hash,
                                                   added.content_hash(), id_list, platform_key(platform)));
    Databases overlay;
    std::vector<unsigned> added_widths;
    bool cached = false;
    if (opts.enabled)
        if (auto entry = cache.load(key)) {
            cached = decode_payload(entry->payload(), added.rules.size(), overlay, added_widths);
            if (!cached) diag::notice("rule cache entry does not match the rule pack; rebuilding it");
        }
    if (!cached) {
        auto t0 = std::chrono::steady_clock::now();
        overlay = compile_all(added, &platform, &ids);
        added_widths.clear();
        for (const auto& r : added.rules) added_widths.push_back(max_width_of(r));
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (opts.enabled && cache.store(key, encode_payload(overlay, added_widths)))
            diag::notice(fmt::format("compiled {} rule{} over the built-in pack in {:.2f}s; cached in {}",
                                     added.rules.size(), added.rules.size() == 1 ? "" : "s", secs,
                                     diag::printable(cache.dir())));
    }
    for (std::size_t k = 0; k < at.size(); ++k) widths[at[k]] = added_widths[k];
    out.added = std::move(overlay);
    return true;
}

}  // namespace

std::shared_ptr<const CompiledRules> CompiledRules::build(RulePack pack, const CacheOptions& cache_opts) {
    std::shared_ptr<CompiledRules> out(new CompiledRules());
    out->pack_ = std::move(pack);
    const RulePack& p = out->pack_;

    hs_platform_info_t platform{};
    if (hs_populate_platform(&platform) != HS_SUCCESS) throw Error("Hyperscan cannot read this CPU's features");
    if (hs_valid_platform() != HS_SUCCESS) throw Error("this CPU lacks the instructions Hyperscan needs (SSSE3)");

    std::vector<unsigned> widths;
    const std::string pack_hash = cache_opts.pack_hash.empty() ? p.content_hash() : cache_opts.pack_hash;
    const std::string key = sha256_hex(fmt::format("{}|{}|{}", kCacheFormat, pack_hash, platform_key(platform)));
    DbCache cache(cache_opts.dir);
    Databases dbs;
    if (cache_opts.builtin && !p.rules.empty() &&
        load_builtin(*cache_opts.builtin, pack_hash, platform, p.rules.size(), dbs, widths))
        out->from_cache_ = true;
    Overlay overlay;
    if (!out->from_cache_ && cache_opts.builtin && cache_opts.builtin_index.size() == p.rules.size() &&
        !p.rules.empty() && load_overlay(p, cache_opts, platform, cache, dbs, widths, overlay)) {
        out->from_cache_ = true;
        out->hs_rule_ = std::move(overlay.hs_rule);
        out->overlay_db_ = std::move(overlay.added.all);
        out->overlay_scoped_db_ = std::move(overlay.added.scoped);
    }
    if (!out->from_cache_ && cache_opts.enabled && !p.rules.empty()) {
        if (auto entry = cache.load(key)) {
            dbs = Databases{};
            if (decode_payload(entry->payload(), p.rules.size(), dbs, widths))
                out->from_cache_ = true;
            else
                diag::notice("rule cache entry does not match the rule pack; rebuilding it");
        }
    }
    if (!out->from_cache_ && !p.rules.empty()) {
        auto t0 = std::chrono::steady_clock::now();
        dbs = compile_all(p, &platform);
        widths.clear();
        for (const auto& r : p.rules) widths.push_back(max_width_of(r));
        if (cache_opts.enabled && cache.store(key, encode_payload(dbs, widths)))
            diag::notice(fmt::format("compiled {} rule{} in {:.2f}s; cached in {}", p.rules.size(),
                                     p.rules.size() == 1 ? "" : "s",
                                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                                     diag::printable(cache.dir())));
    }

    std::map<std::string, const CompiledFilter*, std::less<>> by_id;
    for (const auto& f : p.filters) {
        auto cf = std::make_unique<CompiledFilter>();
        cf->spec = &f;
        auto ctx = fmt::format("{}: filter '{}'", f.pos.where(), f.id);
        for (const auto& x : f.secret_regexes) cf->secret_regexes.emplace_back(x, ctx);
        for (const auto& x : f.match_regexes) cf->match_regexes.emplace_back(x, ctx);
        by_id[f.id] = cf.get();
        out->filters_.push_back(std::move(cf));
    }
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const auto& r = p.rules[i];
        auto cr = std::make_unique<CompiledRule>();
        cr->spec = &r;
        cr->max_width = widths[i];
        if (r.is_keyword()) {
            cr->word_reach = keyword_word_reach(r.keyword);
            cr->value_reach = keyword_value_reach(r.keyword);
            cr->reverse_reach = keyword_reverse_reach(r.keyword);
            cr->literals = keyword_literals(r.keyword);
            cr->words_name_an_id = keyword_words_name_an_id(r.keyword);
        }
        for (const auto& f : r.filters) {
            auto it = by_id.find(f);
            if (it == by_id.end()) throw Error(fmt::format("{}: rule '{}': unknown filter '{}'", r.pos.where(), r.id, f));
            cr->filters.push_back(it->second);
        }
        cr->allowlist = compile_allowlist(r.allowlist, fmt::format("{}: rule '{}'", r.pos.where(), r.id));
        out->rules_.push_back(std::move(cr));
    }
    out->global_allowlist_ = compile_allowlist(p.allowlist, "global allowlist");
    out->db_ = std::move(dbs.all);
    out->scoped_db_ = std::move(dbs.scoped);
    out->has_scoped_ = std::any_of(p.rules.begin(), p.rules.end(), [](const RuleSpec& r) { return !r.paths.empty(); });

    ScopedGlobs& sg = out->scoped_globs_;
    std::vector<std::string> names, dirs;
    for (const auto& r : p.rules)
        for (const auto& g : r.paths) {
            if (std::find(sg.all.begin(), sg.all.end(), g) != sg.all.end()) continue;
            sg.all.push_back(g);
            std::string_view last = last_segment(g);
            std::string_view dir = last == "**" && g.size() > 3 ? last_segment(std::string_view(g).substr(0, g.size() - 3)) : "";
            std::optional<std::string> re = segment_regex(last == "**" ? dir : last);
            if (!re || (last == "**" && (dir.empty() || dir.find("**") != std::string_view::npos)) ||
                (last != "**" && last.find("**") != std::string_view::npos))
                sg.any_name = true;
            else
                (last == "**" ? dirs : names).push_back(*re);
        }
    sg.names = segments_regex(names);
    sg.dirs = segments_regex(dirs);

    // One scratch serves every database: allocated for one, grown for the others.
    for (const hs_database_t* db :
         {out->db_.get(), out->scoped_db_.get(), out->overlay_db_.get(), out->overlay_scoped_db_.get()}) {
        if (!db) continue;
        hs_scratch_t* s = out->proto_scratch_.release();
        hs_error_t rc = hs_alloc_scratch(db, &s);
        out->proto_scratch_.reset(s);
        if (rc != HS_SUCCESS) throw Error("cannot allocate Hyperscan scratch");
    }
    return out;
}

HsScratch CompiledRules::make_scratch() const {
    if (!proto_scratch_) return nullptr;
    hs_scratch_t* s = nullptr;
    if (hs_clone_scratch(proto_scratch_.get(), &s) != HS_SUCCESS) throw Error("cannot allocate Hyperscan scratch");
    return HsScratch(s);
}

}  // namespace nhiscan
