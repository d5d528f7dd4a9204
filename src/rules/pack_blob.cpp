#include "rules/pack_blob.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace nhiscan {
namespace {

// Bump when a field is added, removed or reordered below.
constexpr std::string_view kMagic = "nhiscan-pack-v1";

// Each struct lists its fields once, in `fields`, for both directions: a field added to a
// struct and not here is caught by the round-trip test (tests/unit/rules/pack_blob_test.cpp),
// which sets every field.
template <typename Ar>
void fields(Ar& a, SourcePos& p) {
    a(p.file, p.line);
}
template <typename Ar>
void fields(Ar& a, Allowlist& l) {
    a(l.paths, l.regexes, l.stopwords);
}
template <typename Ar>
void fields(Ar& a, CompanionSpec& c) {
    a(c.name, c.pattern, c.within, c.in_secret);
}
template <typename Ar>
void fields(Ar& a, KeywordShape& k) {
    a(k.words, k.charset, k.min_length, k.max_length, k.distance);
}
template <typename Ar>
void fields(Ar& a, LiveMatch& m) {
    a(m.status, m.json_present, m.json_equals);
}
template <typename Ar>
void fields(Ar& a, LiveSpec& l) {
    a(l.method, l.url, l.host, l.tenant_host, l.host_suffix, l.tenant_name, l.headers, l.body, l.basic_user,
      l.basic_password, l.sign, l.aws_region, l.aws_service, l.valid, l.invalid, l.metadata, l.needs_companion);
}
template <typename Ar>
void fields(Ar& a, RuleSpec& r) {
    a(r.id, r.name, r.provider, r.kind, r.severity, r.confidence, r.pattern, r.keywords, r.min_entropy,
      r.min_entropy_hex, r.validator, r.filters, r.remediation, r.references, r.examples, r.negative_examples,
      r.allowlist, r.shape, r.hs_pattern, r.keyword, r.companion, r.tenant, r.live, r.paths, r.pos);
}
template <typename Ar>
void fields(Ar& a, FilterSpec& f) {
    a(f.id, f.description, f.secret_regexes, f.match_regexes, f.checks, f.examples, f.negative_examples, f.every_rule,
      f.pos);
}
template <typename Ar>
void fields(Ar& a, TestPaths& t) {
    a(t.description, t.paths, t.fixture_kinds, t.fixture_rules, t.min_confidence, t.min_confidence_set, t.builtin_paths,
      t.examples, t.negative_examples, t.pos);
}
template <typename Ar>
void fields(Ar& a, RulePack& p) {
    a(p.rules, p.filters, p.allowlist, p.test_paths, p.live_validation_off);
}

// Scalars (integers, enums, bool, double) as their bytes: writer and reader are one build.
template <typename T>
constexpr bool kScalar = std::is_arithmetic_v<T> || std::is_enum_v<T>;

struct Writer {
    std::string out;
    template <typename... T>
    void operator()(const T&... v) {
        (put(v), ...);
    }
    template <typename T>
    void put(const T& v) {
        if constexpr (kScalar<T>) {
            out.append(reinterpret_cast<const char*>(&v), sizeof v);
        } else {
            fields(*this, const_cast<T&>(v));  // fields() only reads here
        }
    }
    void put(const std::string& s) {
        put(static_cast<std::uint32_t>(s.size()));
        out += s;
    }
    template <typename A, typename B>
    void put(const std::pair<A, B>& p) {
        (*this)(p.first, p.second);
    }
    template <typename T>
    void put(const std::vector<T>& v) {
        put(static_cast<std::uint32_t>(v.size()));
        for (const auto& e : v) put(e);
    }
};

struct Reader {
    std::string_view in;
    template <typename... T>
    void operator()(T&... v) {
        (get(v), ...);
    }
    const char* take(std::size_t n) {
        if (n > in.size()) throw Error("the built-in rule pack is corrupt (truncated)");
        const char* p = in.data();
        in.remove_prefix(n);
        return p;
    }
    template <typename T>
    void get(T& v) {
        if constexpr (kScalar<T>) {
            std::memcpy(&v, take(sizeof v), sizeof v);
        } else {
            fields(*this, v);
        }
    }
    void get(std::string& s) {
        std::uint32_t n = 0;
        get(n);
        s.assign(take(n), n);
    }
    template <typename A, typename B>
    void get(std::pair<A, B>& p) {
        (*this)(p.first, p.second);
    }
    template <typename T>
    void get(std::vector<T>& v) {
        std::uint32_t n = 0;
        get(n);
        if (n > in.size()) throw Error("the built-in rule pack is corrupt (bad length)");  // each element >= 1 byte
        v.resize(n);
        for (auto& e : v) get(e);
    }
};

}  // namespace

std::string serialize_pack(const RulePack& pack) {
    Writer w;
    w.out = kMagic;
    w.put(pack);
    return std::move(w.out);
}

RulePack deserialize_pack(std::string_view blob) {
    if (blob.substr(0, kMagic.size()) != kMagic) throw Error("the built-in rule pack is corrupt (unknown format)");
    Reader r{blob.substr(kMagic.size())};
    RulePack pack;
    r.get(pack);
    if (!r.in.empty()) throw Error("the built-in rule pack is corrupt (trailing bytes)");
    return pack;
}

}  // namespace nhiscan
