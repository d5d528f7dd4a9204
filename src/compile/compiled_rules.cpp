#include "compile/compiled_rules.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstring>
#include <map>

#include <fmt/core.h>

#include "compile/db_cache.hpp"
#include "rules/keyword_shape.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/hash.hpp"

namespace nhiscan {
namespace {

// Part of the cache key: bump the format when the payload layout changes; the build stamp
// keeps development builds from trusting entries written by an older engine.
constexpr std::string_view kCacheFormat = "nhiscan-hsdb-v2|" __DATE__ " " __TIME__;

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

// Hyperscan compile of all patterns; on failure names the rule that Hyperscan rejected.
HsDatabase compile_hs(const RulePack& pack, const hs_platform_info_t* platform) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    for (std::size_t i = 0; i < pack.rules.size(); ++i) {
        const RuleSpec& r = pack.rules[i];
        exprs.push_back(r.hs_pattern.empty() ? r.pattern.c_str() : r.hs_pattern.c_str());
        flags.push_back(0);
        ids.push_back(static_cast<unsigned>(i));
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

// Decodes a cache payload for a pack of `n` rules: the database and the match widths.
bool decode_payload(std::string_view payload, std::size_t n_rules, HsDatabase& db, std::vector<unsigned>& widths) {
    std::uint32_t n = 0;
    if (payload.size() >= 4) std::memcpy(&n, payload.data(), 4);
    std::size_t off = 4 + std::size_t{n} * 4;
    if (n != n_rules || payload.size() <= off) return false;
    db = deserialize_database(payload.substr(off));
    if (!db) return false;
    widths.resize(n);
    std::memcpy(widths.data(), payload.data() + 4, std::size_t{n} * 4);
    return true;
}

std::string encode_payload(const hs_database_t* db, const std::vector<unsigned>& widths) {
    char* bytes = nullptr;
    size_t len = 0;
    if (hs_serialize_database(db, &bytes, &len) != HS_SUCCESS) throw Error("Hyperscan cannot serialize the database");
    std::string payload(4 + widths.size() * 4, '\0');
    std::uint32_t n = static_cast<std::uint32_t>(widths.size());
    std::memcpy(payload.data(), &n, 4);
    std::memcpy(payload.data() + 4, widths.data(), widths.size() * 4);
    payload.append(bytes, len);
    std::free(bytes);
    return payload;
}

// The built-in variant this CPU can run, most specific first; false when none fits.
bool load_builtin(const BuiltinDatabases& b, const std::string& pack_hash, const hs_platform_info_t& host,
                  std::size_t n_rules, HsDatabase& db, std::vector<unsigned>& widths) {
    if (b.pack_hash != pack_hash || b.hs_version != hs_version()) return false;
    for (const auto& v : b.variants) {
        if ((v.cpu_features & ~host.cpu_features) != 0) continue;  // needs instructions this CPU lacks
        if (decode_payload(v.payload, n_rules, db, widths)) return true;
    }
    return false;
}

}  // namespace

std::string compile_payload(const RulePack& pack, const hs_platform_info_t* platform) {
    HsDatabase db = compile_hs(pack, platform);
    std::vector<unsigned> widths;
    for (const auto& r : pack.rules) widths.push_back(max_width_of(r));
    return encode_payload(db.get(), widths);
}

RE2::Options re2_options() {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
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

const RE2& CompiledRule::value_finder() const {
    std::call_once(search_once_, [this] {
        search_ = compile_re2(build_keyword_value_pattern(spec->keyword),
                              fmt::format("{}: rule '{}': value", spec->pos.where(), spec->id));
    });
    return *search_;
}

const RE2& CompiledRule::searcher() const {
    std::call_once(searcher_once_, [this] {
        searcher_ = compile_re2(spec->pattern, fmt::format("{}: rule '{}'", spec->pos.where(), spec->id));
    });
    return *searcher_;
}

const RE2& CompiledRule::companion() const {
    std::call_once(companion_once_, [this] {
        companion_ = compile_re2(spec->companion.pattern,
                                 fmt::format("{}: rule '{}': companion", spec->pos.where(), spec->id));
    });
    return *companion_;
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
    }
    for (const auto& f : pack.filters) {
        auto ctx = fmt::format("{}: filter '{}'", f.pos.where(), f.id);
        for (const auto& x : f.secret_regexes) compile_re2(x, ctx);
        for (const auto& x : f.match_regexes) compile_re2(x, ctx);
    }
    for (const auto& x : pack.allowlist.regexes) compile_re2(x, "global allowlist regex");
}

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
    if (cache_opts.builtin && !p.rules.empty() &&
        load_builtin(*cache_opts.builtin, pack_hash, platform, p.rules.size(), out->db_, widths))
        out->from_cache_ = true;
    if (!out->db_ && cache_opts.enabled && !p.rules.empty()) {
        if (auto entry = cache.load(key)) {
            if (decode_payload(entry->payload(), p.rules.size(), out->db_, widths))
                out->from_cache_ = true;
            else
                diag::notice("rule cache entry does not match the rule pack; rebuilding it");
        }
    }
    if (!out->db_ && !p.rules.empty()) {
        auto t0 = std::chrono::steady_clock::now();
        out->db_ = compile_hs(p, &platform);
        widths.clear();
        for (const auto& r : p.rules) widths.push_back(max_width_of(r));
        if (cache_opts.enabled && cache.store(key, encode_payload(out->db_.get(), widths)))
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

    if (out->db_) {
        hs_scratch_t* s = nullptr;
        if (hs_alloc_scratch(out->db_.get(), &s) != HS_SUCCESS) throw Error("cannot allocate Hyperscan scratch");
        out->proto_scratch_.reset(s);
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
