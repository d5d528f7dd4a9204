#include "cli/import_gitleaks.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/core.h>
#include <re2/re2.h>
#include <toml++/toml.h>

#include "core/error.hpp"

namespace nhiscan::cli {
namespace {

// gitleaks rule ids whose nhiscan counterparts have other ids (the same id maps to itself).
const std::map<std::string_view, std::vector<std::string_view>>& gitleaks_aliases() {
    static const std::map<std::string_view, std::vector<std::string_view>> m{
        {"github-pat", {"github-pat-classic"}},
        {"github-oauth", {"github-oauth-access-token"}},
        {"github-app-token", {"github-user-to-server-token", "github-server-to-server-token"}},
        {"aws-access-token", {"aws-access-key-id", "aws-temporary-access-key-id"}},
        {"gitlab-pat", {"gitlab-personal-access-token"}},
        {"gitlab-ptt", {"gitlab-pipeline-trigger-token"}},
        {"gitlab-rrt", {"gitlab-runner-registration-token"}},
        {"stripe-access-token",
         {"stripe-live-secret-key", "stripe-live-restricted-key", "stripe-test-secret-key", "stripe-test-restricted-key"}},
        {"private-key",
         {"pem-rsa-private-key", "pem-ec-private-key", "pem-dsa-private-key", "pem-pkcs8-private-key",
          "pem-encrypted-private-key", "pem-legacy-encrypted-private-key", "pem-other-private-key"}},
        {"slack-webhook-url", {"slack-incoming-webhook", "slack-workflow-webhook"}},
    };
    return m;
}

bool pack_has(const RulePack& pack, std::string_view id) {
    return std::any_of(pack.rules.begin(), pack.rules.end(), [&](const RuleSpec& r) { return r.id == id; });
}

// ---- path regex -> globs -------------------------------------------------------------------

struct Tok {
    enum Kind { Lit, Dot, Any } kind;
    char c = 0;
};
using Seq = std::vector<Tok>;

bool escapable(char c) { return std::string_view(".-/_ @+()[]{}^$*?|\\#=:,~").find(c) != std::string_view::npos; }
bool glob_special(char c) { return c == '*' || c == '?' || c == '[' || c == ']' || c == '\\'; }

// Literal alternatives inside a group: Lit and Dot only.
std::optional<std::vector<Seq>> parse_group(std::string_view r, std::size_t& i) {
    std::vector<Seq> alts(1);
    for (; i < r.size(); ++i) {
        char c = r[i];
        if (c == ')') return alts;
        if (c == '|') alts.emplace_back();
        else if (c == '\\' && i + 1 < r.size() && escapable(r[i + 1])) alts.back().push_back({Tok::Lit, r[++i]});
        else if (c == '.') alts.back().push_back({Tok::Dot});
        else if (std::string_view("\\()[]{}*+?^$").find(c) != std::string_view::npos) return std::nullopt;
        else alts.back().push_back({Tok::Lit, c});
    }
    return std::nullopt;  // unclosed
}

std::optional<std::vector<Seq>> parse_path_regex(std::string_view r) {
    std::vector<Seq> seqs(1);
    auto append = [&](const std::vector<Seq>& alts) {
        if (seqs.size() * alts.size() > 64) return false;
        std::vector<Seq> next;
        for (const auto& s : seqs)
            for (const auto& a : alts) {
                Seq t = s;
                t.insert(t.end(), a.begin(), a.end());
                next.push_back(std::move(t));
            }
        seqs = std::move(next);
        return true;
    };
    for (std::size_t i = 0; i < r.size(); ++i) {
        char c = r[i];
        if (c == '\\') {
            if (i + 1 >= r.size() || !escapable(r[i + 1])) return std::nullopt;
            append({{{Tok::Lit, r[++i]}}});
        } else if (c == '.') {
            if (r.substr(i, 2) == ".*") {
                i += r.substr(i, 3) == ".*?" ? 2 : 1;
                append({{{Tok::Any}}});
            } else if (r.substr(i, 2) == ".+" || r.substr(i, 2) == ".?" || r.substr(i, 2) == ".{") {
                return std::nullopt;
            } else {
                append({{{Tok::Dot}}});
            }
        } else if (c == '(') {
            ++i;
            if (r.substr(i, 2) == "?:") i += 2;
            else if (r.substr(i, 1) == "?") return std::nullopt;  // flags, lookarounds
            if (r.substr(i, 4) == ".*?)" || r.substr(i, 3) == ".*)") {
                i += r.substr(i, 4) == ".*?)" ? 3 : 2;
                append({{{Tok::Any}}});
                continue;
            }
            auto alts = parse_group(r, i);
            if (!alts || !append(*alts)) return std::nullopt;
        } else if (std::string_view("[]{}*+?|^$)").find(c) != std::string_view::npos) {
            return std::nullopt;
        } else {
            append({{{Tok::Lit, c}}});
        }
    }
    return seqs;
}

// One literal sequence, anchored or not, as globs (glob.hpp): "/x" anchors at the root, a glob
// without '/' matches the file name anywhere, "**" spans whole segments.
std::optional<std::vector<std::string>> seq_to_globs(Seq s, bool start, bool end) {
    if (!s.empty() && s.front().kind == Tok::Any) {
        start = false;
        s.erase(s.begin());
    }
    if (!s.empty() && s.back().kind == Tok::Any) {
        end = false;
        s.pop_back();
    }
    std::string lit;
    for (const auto& t : s) {
        if (t.kind == Tok::Any) return std::nullopt;  // a wildcard in the middle may span '/'
        if (t.kind == Tok::Lit && glob_special(t.c)) return std::nullopt;
        lit += t.kind == Tok::Dot ? '?' : t.c;
    }
    if (lit.empty()) return std::nullopt;  // matches every path: never an allowlist to copy silently
    bool has_slash = lit.find('/') != std::string::npos;
    if ((start && lit.front() == '/') || (end && lit.back() == '/')) return std::nullopt;  // can't match
    if (!start && end && !has_slash) return std::vector<std::string>{"*" + lit};
    if (!start && !end && !has_slash) return std::vector<std::string>{"*" + lit + "*", "**/*" + lit + "*/**"};
    std::string prefix = start ? "/" : lit.front() == '/' ? "**" : "**/*";
    if (end) return std::vector<std::string>{prefix + lit};
    if (lit.back() == '/') return std::vector<std::string>{prefix + lit + "**"};
    return std::vector<std::string>{prefix + lit + "*", prefix + lit + "*/**"};
}

// ---- reading the gitleaks TOML -------------------------------------------------------------

struct Reader {
    std::string filename;
    std::string where(const toml::node& n) const {
        return fmt::format("{}:{}", filename, n.source().begin.line);
    }
    std::vector<std::string> strings(const toml::table& t, std::string_view key) const {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) throw Error(fmt::format("{}: '{}' must be an array of strings", where(*n), key));
        for (const auto& e : *a) {
            if (!e.is_string()) throw Error(fmt::format("{}: '{}' must be an array of strings", where(e), key));
            out.push_back(e.as_string()->get());
        }
        return out;
    }
    std::string string(const toml::table& t, std::string_view key) const {
        const toml::node* n = t.get(key);
        if (!n) return {};
        if (!n->is_string()) throw Error(fmt::format("{}: '{}' must be a string", where(*n), key));
        return n->as_string()->get();
    }
    // `[x]` or `[[x]]`: the tables under `key`.
    std::vector<const toml::table*> tables(const toml::table& t, std::string_view key) const {
        std::vector<const toml::table*> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        if (const auto* tab = n->as_table()) return {tab};
        const toml::array* a = n->as_array();
        if (!a) throw Error(fmt::format("{}: '{}' must be a table or an array of tables", where(*n), key));
        for (const auto& e : *a) {
            if (!e.is_table()) throw Error(fmt::format("{}: '{}' must be an array of tables", where(e), key));
            out.push_back(e.as_table());
        }
        return out;
    }
};

struct Allow {
    std::vector<std::string> paths, regexes, stopwords;
    bool empty() const { return paths.empty() && regexes.empty() && stopwords.empty(); }
};

void push_unique(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

class Converter {
public:
    Converter(std::string filename, const RulePack& pack) : r_{std::move(filename)}, pack_(pack) {}

    GitleaksConversion run(std::string_view text) {
        toml::table root;
        try {
            root = toml::parse(text, r_.filename);
        } catch (const toml::parse_error& e) {
            throw Error(fmt::format("{}:{}: invalid TOML: {}", r_.filename, e.source().begin.line, e.description()));
        }
        bool extends_default = false;
        for (const auto* ext : r_.tables(root, "extend")) {
            if (const toml::node* u = ext->get("useDefault")) {
                if (!u->is_boolean()) throw Error(fmt::format("{}: 'useDefault' must be true or false", r_.where(*u)));
                extends_default = u->as_boolean()->get();
            }
            for (const char* key : {"path", "url"})
                if (std::string v = r_.string(*ext, key); !v.empty())
                    skip(*ext, fmt::format("[extend] {} = \"{}\": extended configs are not read; import that file too",
                                           key, v));
            for (const auto& id : r_.strings(*ext, "disabledRules")) {
                auto ids = gitleaks_rule_ids(id, pack_);
                if (ids.empty()) skip(*ext, fmt::format("disabledRules '{}': no nhiscan counterpart", id));
                for (const auto& n : ids) push_unique(disabled_, n), ++out_.converted;
            }
        }
        for (const auto* a : r_.tables(root, "allowlist")) global(*a);
        for (const auto* a : r_.tables(root, "allowlists")) global(*a);
        std::size_t covered = 0;
        for (const auto* rule : r_.tables(root, "rules")) covered += this->rule(*rule);
        if (!extends_default && covered)
            skip(root, fmt::format("{} gitleaks rule{} with built-in nhiscan counterparts were not copied: nhiscan's "
                                   "built-in rules cover them",
                                   covered, covered == 1 ? "" : "s"));
        out_.toml = render();
        return std::move(out_);
    }

private:
    void skip(const toml::node& n, std::string what) {
        out_.skipped.push_back(fmt::format("{}: {}", r_.where(n), std::move(what)));
    }

    // One gitleaks allowlist into `into`; false when it must not be converted at all.
    bool allowlist(const toml::table& a, Allow& into) {
        std::string condition = r_.string(a, "condition");
        std::string target = r_.string(a, "regexTarget");
        auto paths = r_.strings(a, "paths");
        auto regexes = r_.strings(a, "regexes");
        auto stopwords = r_.strings(a, "stopwords");
        if (condition == "AND" && int(!paths.empty()) + int(!regexes.empty()) + int(!stopwords.empty()) > 1) {
            skip(a, "allowlist with condition = \"AND\": nhiscan allowlists drop a match when any entry applies; "
                    "not converted (use a baseline or inline markers)");
            return false;
        }
        for (const auto& c : r_.strings(a, "commits"))
            skip(a, fmt::format("allowlist commit {}: nhiscan has no commit allowlist; acknowledge its findings in a "
                                "baseline instead",
                                c));
        for (const auto& p : paths) {
            auto globs = path_regex_to_globs(p);
            if (globs.empty()) {
                skip(a, fmt::format("allowlist path regex '{}': no exact glob form; write it as a glob in "
                                    "[allowlist] paths",
                                    p));
                continue;
            }
            for (const auto& g : globs) push_unique(into.paths, g);
            ++out_.converted;
        }
        for (const auto& re : regexes) {
            if (!target.empty() && target != "secret") {
                skip(a, fmt::format("allowlist regex '{}' with regexTarget = \"{}\": nhiscan allowlist regexes are "
                                    "searched in the secret only",
                                    re, target));
                continue;
            }
            if (!RE2(re, RE2::Quiet).ok()) {
                skip(a, fmt::format("allowlist regex '{}': not valid RE2 syntax", re));
                continue;
            }
            push_unique(into.regexes, re);
            ++out_.converted;
        }
        for (const auto& s : stopwords) push_unique(into.stopwords, s), ++out_.converted;
        return true;
    }

    void global(const toml::table& a) {
        auto targets = r_.strings(a, "targetRules");
        if (targets.empty()) {
            allowlist(a, global_);
            return;
        }
        Allow allow;
        if (!allowlist(a, allow)) return;
        for (const auto& t : targets) per_rule(a, t, allow);
    }

    void per_rule(const toml::node& where, const std::string& gitleaks_id, const Allow& allow) {
        if (allow.empty()) return;
        auto ids = gitleaks_rule_ids(gitleaks_id, pack_);
        if (ids.empty()) skip(where, fmt::format("allowlist for rule '{}': no nhiscan counterpart", gitleaks_id));
        for (const auto& id : ids) {
            if (std::find(disabled_.begin(), disabled_.end(), id) != disabled_.end()) continue;
            Allow& o = overrides_[id];
            for (const auto& p : allow.paths) push_unique(o.paths, p);
            for (const auto& p : allow.regexes) push_unique(o.regexes, p);
            for (const auto& p : allow.stopwords) push_unique(o.stopwords, p);
        }
    }

    // A [[rules]] entry; returns 1 when it is a gitleaks rule that a built-in rule covers.
    std::size_t rule(const toml::table& t) {
        std::string id = r_.string(t, "id");
        if (id.empty()) throw Error(fmt::format("{}: [[rules]] entry without an 'id'", r_.where(t)));
        auto ids = gitleaks_rule_ids(id, pack_);
        bool custom = t.get("regex") || t.get("path");
        Allow allow;
        for (const char* key : {"allowlist", "allowlists"})
            for (const auto* a : r_.tables(t, key)) allowlist(*a, allow);
        per_rule(t, id, allow);
        if (custom && ids.empty()) {
            skip(t, fmt::format("rule '{}': custom rules are not converted; write it as an nhiscan rule "
                                "(docs/rules.md) in [[rules]]",
                                id));
            return 0;
        }
        return custom ? 1 : 0;
    }

    static toml::array array_of(const std::vector<std::string>& v) {
        toml::array a;
        for (const auto& s : v) a.push_back(s);
        return a;
    }

    static toml::table table_of(const Allow& a) {
        toml::table t;
        if (!a.paths.empty()) t.insert("paths", array_of(a.paths));
        if (!a.regexes.empty()) t.insert("regexes", array_of(a.regexes));
        if (!a.stopwords.empty()) t.insert("stopwords", array_of(a.stopwords));
        return t;
    }

    std::string render() const {
        toml::table root;
        if (!disabled_.empty()) root.insert("disable", array_of(disabled_));
        if (!global_.empty()) root.insert("allowlist", table_of(global_));
        toml::array overrides;
        for (const auto& [id, allow] : overrides_) {
            toml::table o;
            o.insert("id", id);
            o.insert("allowlist", table_of(allow));
            overrides.push_back(std::move(o));
        }
        if (!overrides.empty()) root.insert("override", std::move(overrides));
        std::ostringstream ss;
        ss << "# Converted from " << r_.filename << " by `nhiscan import gitleaks` (docs/migrating-from-gitleaks.md).\n"
           << "# Its path regexes became globs; review them before committing.\n\n"
           << root << '\n';
        return ss.str();
    }

    Reader r_;
    const RulePack& pack_;
    GitleaksConversion out_;
    std::vector<std::string> disabled_;
    Allow global_;
    std::map<std::string, Allow> overrides_;
};

}  // namespace

std::vector<std::string> gitleaks_rule_ids(std::string_view gitleaks_id, const RulePack& pack) {
    if (pack_has(pack, gitleaks_id)) return {std::string(gitleaks_id)};
    std::vector<std::string> out;
    auto it = gitleaks_aliases().find(gitleaks_id);
    if (it != gitleaks_aliases().end())
        for (auto id : it->second)
            if (pack_has(pack, id)) out.emplace_back(id);
    return out;
}

std::vector<std::string> path_regex_to_globs(std::string_view regex) {
    bool start = !regex.empty() && regex.front() == '^';
    if (start) regex.remove_prefix(1);
    bool end = !regex.empty() && regex.back() == '$' && (regex.size() < 2 || regex[regex.size() - 2] != '\\');
    if (end) regex.remove_suffix(1);
    auto seqs = parse_path_regex(regex);
    if (!seqs) return {};
    std::vector<std::string> out;
    for (const auto& s : *seqs) {
        auto g = seq_to_globs(s, start, end);
        if (!g) return {};
        for (auto& x : *g) push_unique(out, x);
    }
    return out;
}

GitleaksConversion convert_gitleaks_config(std::string_view text, const std::string& filename, const RulePack& pack) {
    return Converter(filename, pack).run(text);
}

}  // namespace nhiscan::cli
