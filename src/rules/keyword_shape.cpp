#include "rules/keyword_shape.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include <fmt/core.h>
#include <re2/re2.h>

#include "core/error.hpp"

namespace nhiscan {
namespace {

struct NamedCharset {
    std::string_view name;
    std::string_view cls;
};

constexpr NamedCharset kCharsets[] = {
    {"hex", "[0-9a-fA-F]"},
    {"hex-lower", "[0-9a-f]"},
    {"hex-upper", "[0-9A-F]"},
    {"digits", "[0-9]"},
    {"alnum", "[0-9A-Za-z]"},
    {"alnum-lower", "[0-9a-z]"},
    {"alnum-upper", "[0-9A-Z]"},
    {"alpha", "[A-Za-z]"},
    {"base64", "[0-9A-Za-z+/]"},
    {"base64url", "[0-9A-Za-z_-]"},
    {"word", "[0-9A-Za-z_]"},
    {"token", "[0-9A-Za-z_.-]"},
};

// Regex metacharacters in a literal word are escaped: words are text, not patterns.
std::string escape_literal(std::string_view w) {
    std::string out;
    for (char c : w) {
        if (c == ' ' || c == '_' || c == '-' || c == '.') {
            // "secret key", "secret_key", "secret-key", "tatum.io": any of these separators, or
            // none (secretKey, TATUM_IO_KEY), as identifiers spell it in each language.
            out += "[ _.-]?";
            continue;
        }
        if (std::string_view("\\^$|?*+()[]{}").find(c) != std::string_view::npos) out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

// The complement of a bracket class: `[A-Za-z]` -> `[^A-Za-z]`.
std::string negated(std::string_view cls) { return fmt::format("[^{}", cls.substr(1)); }

}  // namespace

std::optional<std::string> charset_class(std::string_view charset) {
    for (const auto& c : kCharsets)
        if (c.name == charset) return std::string(c.cls);
    if (charset.size() >= 3 && charset.front() == '[' && charset.back() == ']' && charset[1] != '^')
        return std::string(charset);
    return std::nullopt;
}

double keyword_default_entropy(const KeywordShape& k) {
    std::size_t alphabet = 16;
    if (k.charset != "uuid" && k.charset != "hex") {  // a hex value is of one case: 16 symbols
        auto cls = charset_class(k.charset);
        if (!cls) return 0.0;
        // Count the class's members: ranges a-z and single characters.
        std::string_view body(*cls);
        body = body.substr(1, body.size() - 2);
        alphabet = 0;
        for (std::size_t i = 0; i < body.size(); ++i) {
            if (i + 2 < body.size() && body[i + 1] == '-') {
                alphabet += static_cast<unsigned char>(body[i + 2]) - static_cast<unsigned char>(body[i]) + 1;
                i += 2;
            } else if (body[i] != '\\') {
                ++alphabet;
            }
        }
    }
    std::size_t n = k.charset == "uuid" ? 32 : static_cast<std::size_t>(k.min_length);
    double bits = std::log2(static_cast<double>(std::max<std::size_t>(2, std::min(n, alphabet))));
    // Short values of a small alphabet repeat characters by chance: a random 14-hex value falls
    // under 70% of log2(14) 4% of the time. The floor stays under the entropy such values have
    // (expected: log2(n) - (n-1)/(2 A ln 2), less 0.8 bits, about the 0.5th percentile).
    // Longer values: log2(A) - (A-1)/(2 n ln 2), equal at n = A. Without it, 70% of log2(16)
    // dropped 1.8% of random 17-hex values and 0.3% of 20-hex ones.
    const double a = static_cast<double>(alphabet), len = static_cast<double>(std::max<std::size_t>(2, n));
    double expected = n > alphabet ? std::log2(a) - (a - 1) / (2.0 * len * std::log(2.0))
                                   : std::log2(len) - (len - 1) / (2.0 * a * std::log(2.0));
    return std::min(0.7 * bits, expected - 0.8);
}

double keyword_hex_entropy(const KeywordShape& k) {
    if (k.charset == "uuid" || k.charset == "hex" || k.charset == "hex-lower" || k.charset == "hex-upper") return 0.0;
    auto cls = charset_class(k.charset);
    if (!cls) return 0.0;
    RE2 holds(*cls + "+");
    if (!RE2::FullMatch("0123456789abcdef", holds) && !RE2::FullMatch("0123456789ABCDEF", holds)) return 0.0;
    KeywordShape hex = k;
    hex.charset = "hex";
    double floor = keyword_default_entropy(hex), wide = keyword_default_entropy(k);
    return floor < wide ? floor : 0.0;
}

std::string_view charset_names() {
    return "hex, hex-lower, hex-upper, digits, alnum, alnum-lower, alnum-upper, alpha, base64, base64url, word, "
           "token, uuid, or a bracket class such as '[A-Za-z0-9_-]'";
}

static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

static std::string keyword_words_regex(const KeywordShape& k) {
    if (k.words.empty()) throw Error("a keyword rule needs 'words'");
    std::string words;
    for (const auto& w : k.words) {
        if (w.empty()) throw Error("'words' must not contain an empty word");
        if (!words.empty()) words.push_back('|');
        // A word starts an identifier piece (keyword_piece_start): `tmetric` is not the end of
        // `parametric`, nor `etsy` the middle of `getSystem`, but `myEtsyKey` names it.
        if (!is_alpha(w[0])) {
            words += escape_literal(w);
            continue;
        }
        char up = static_cast<char>(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 'a' + 'A' : w[0]);
        char low = static_cast<char>(up - 'A' + 'a');
        std::string rest = escape_literal(std::string_view(w).substr(1));
        // (`-D` before an upper-case word: a C preprocessor definition, `-DSTREAK_API_KEY=\"…\"`.)
        words += fmt::format("(?:(?:^|[^A-Za-z]){}|(?-i:[a-z]{})|(?-i:(?:^|[^A-Za-z])[A-Z]{})|(?-i:-D{})){}", w[0], up,
                             low, up, rest);
    }
    return words;
}

bool keyword_piece_start(std::string_view data, std::size_t at) {
    if (at == 0 || at > data.size()) return true;
    char before = data[at - 1];
    if (!is_alpha(before)) return true;
    if (at >= data.size()) return false;
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (lower(before) && upper(data[at])) return true;  // camel case: myEtsyKey
    // A one-letter option before a lower-case word: Java's `-Dsonar.login=`; or `-D` before an
    // upper-case one: a C preprocessor definition in compiler flags (`-DSTREAK_API_KEY=\"…\"` in
    // PlatformIO's `build_flags`, CMake's `add_definitions`, a Makefile's `CFLAGS`).
    if (before == 'D' && at >= 2 && data[at - 2] == '-' && upper(data[at])) return true;
    return upper(before) && lower(data[at]) && (at == 1 || !is_alpha(data[at - 2]));
}

bool keyword_piece_end(std::string_view data, std::size_t at) {
    if (at == 0 || at >= data.size()) return true;
    const char next = data[at], last = data[at - 1];
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (!is_alpha(next) || (lower(last) && upper(next))) return true;  // a separator, a digit, cohereApiKey
    // The letters that go on, in the case they start in: `nce` in `coherenceThreshold` and
    // `COHERENCE_LIMIT`.
    std::string run;
    for (std::size_t i = at; i < data.size() && run.size() <= 8 && (lower(next) ? lower(data[i]) : upper(data[i])); ++i)
        run.push_back(static_cast<char>(data[i] | 0x20));
    // Only an English ending makes the word part of another (`coherence`, `segments`,
    // `renderer`, `linearly`): names also glue a provider's product or a credential to it
    // (`openweathermap`, `opencagedata`, `ZHIPUAI_API_KEY`, `BOX_DEVELOPER_TOKEN`, `coherekey`).
    static constexpr std::string_view kEndings[] = {
        "s",    "es",    "ed",   "d",    "er",   "ers",  "r",    "ing",   "ings",   "ly",   "nce",
        "nces", "ncy",   "nt",   "nts",  "ntly", "ion",  "ions", "ation", "ations", "ity",  "ities",
        "ment", "ments", "al",   "ally", "ness", "able", "ible", "ive",   "ize",    "ized", "ise",
        "ist",  "ists",  "ism",  "y",    "ies",  "ian",  "ic",   "ical",  "ous",    "ful",  "less",
        "ence", "ent",   "ents", "ency", "ate",  "ated", "ates", "ating", "ure",    "ures"};
    for (std::string_view e : kEndings)
        if (run == e) return false;
    return true;
}

namespace {

bool is_separator(char c) { return c == ' ' || c == '_' || c == '-' || c == '.'; }

// Where `w` ends if it is spelled at `at` (separators: one of ` _.-` or none, as in
// escape_literal), or npos.
std::size_t word_spelled_at(std::string_view w, std::string_view data, std::size_t at) {
    std::size_t p = at;
    for (char c : w) {
        if (is_separator(c)) {
            if (p < data.size() && is_separator(data[p])) ++p;
            continue;
        }
        if (p >= data.size() || (data[p] | 0x20) != (c | 0x20)) return std::string_view::npos;
        ++p;
    }
    return p;
}

std::string escape_plain(std::string_view w) {
    std::string out;
    for (char c : w) {
        if (std::string_view("\\^$.|?*+()[]{}-").find(c) != std::string_view::npos) out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

// Pieces of a word that name a kind of credential or are common in any code: a literal made of
// two of them (`client secret`, `api key`) hits every such identifier in real code, and each hit
// costs an RE2 window, so a literal pair holding the provider's piece is chosen before them.
bool generic_piece(std::string_view p) {
    static constexpr std::string_view kGeneric[] = {
        "access",   "account", "admin",   "api",     "app",     "application", "auth",    "bearer",      "cli",
        "client",   "code",    "config",  "global",  "http",    "id",          "in",      "integration", "key",
        "keys",     "live",    "master",  "my",      "oauth",   "of",          "org",     "pass",        "password",
        "personal", "private", "project", "prod",    "public",  "pwd",         "refresh", "rest",        "secret",
        "secrets",  "server",  "service", "session", "signing", "team",        "test",    "the",         "token",
        "tokens",   "url",     "user",    "value",   "web",     "webhook"};
    std::string l(p);
    for (auto& c : l) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (std::string_view g : kGeneric)
        if (l == g) return true;
    return false;
}

// Whether a word ends in a letter of a piece that is not generic_piece: the piece that must
// end where the word does (`cohere`, not `coherence`). A credential piece may go on: plurals
// (`jenkins_api_tokens`) name the same thing.
bool ends_with_provider_piece(std::string_view w) {
    if (w.empty() || !is_alpha(w.back())) return false;
    std::size_t b = w.size();
    while (b > 0 && !is_separator(w[b - 1])) --b;
    return !generic_piece(w.substr(b));
}

// The literals Hyperscan looks for so that a word is found: a word without separators is its
// own literal; in a word with separators, the two adjacent pieces with the fewest generic pieces
// (generic_piece), then the most letters, in each of their five spellings (`a b` -> ab, a_b,
// a-b, a.b, "a b"), which every spelling of the word contains. One piece alone is often a common
// word (`private`, `secret`, `client`), and separator classes inside a literal made Hyperscan
// several times slower on real code than plain literals. The piece-start condition is not part
// of the literal: as a class before it (or a camel-case alternative) it made Hyperscan slower;
// the scanner checks it instead.
void add_word_literals(std::string_view w, std::vector<KeywordLiteral>& out) {
    std::vector<std::string_view> pieces;
    std::size_t b = 0;
    for (std::size_t i = 0; i <= w.size(); ++i) {
        if (i == w.size() || is_separator(w[i])) {
            if (i > b) pieces.push_back(w.substr(b, i - b));
            b = i + 1;
        }
    }
    if (pieces.empty()) return;
    auto lower = [](std::string s) {
        for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return s;
    };
    const bool starts_word = is_alpha(w[0]), ends_word = ends_with_provider_piece(w);
    if (pieces.size() == 1) {
        out.push_back({lower(std::string(pieces[0])), starts_word, ends_word});
        return;
    }
    auto rank = [&](std::size_t i) {  // fewer generic pieces first, then more letters
        return std::make_pair(-static_cast<int>(generic_piece(pieces[i]) + generic_piece(pieces[i + 1])),
                              pieces[i].size() + pieces[i + 1].size());
    };
    std::size_t best = 0;
    for (std::size_t i = 1; i + 1 < pieces.size(); ++i)
        if (rank(i) > rank(best)) best = i;
    for (std::string_view sep : {"", "_", "-", ".", " "})
        out.push_back({lower(std::string(pieces[best]) + std::string(sep) + std::string(pieces[best + 1])),
                       best == 0 && starts_word, best + 2 == pieces.size() && ends_word});
}

}  // namespace

bool keyword_word_ends_piece(const std::vector<std::string>& words, std::string_view data, std::size_t at) {
    bool spelled = false;
    for (std::size_t o : {0, 1})
        for (const auto& w : words)
            if (std::size_t e = word_spelled_at(w, data, at + o); e != std::string_view::npos) {
                if (!ends_with_provider_piece(w) || keyword_piece_end(data, e)) return true;
                spelled = true;
            }
    return !spelled;
}

std::vector<KeywordLiteral> keyword_literals(const KeywordShape& k) {
    std::vector<KeywordLiteral> lits;
    for (const auto& w : k.words) add_word_literals(w, lits);
    std::sort(lits.begin(), lits.end(),
              [](const KeywordLiteral& a, const KeywordLiteral& b) { return a.text < b.text; });
    // One literal per text, with the weaker condition of its words' (`sonar` alone, and as the
    // start of `sonar cloud`: no piece end).
    std::vector<KeywordLiteral> out;
    for (auto& l : lits) {
        if (!out.empty() && out.back().text == l.text) {
            out.back().piece_start &= l.piece_start;
            out.back().piece_end &= l.piece_end;
            continue;
        }
        out.push_back(std::move(l));
    }
    return out;
}

std::string build_keyword_words_pattern(const KeywordShape& k) {
    std::string alt;
    for (const auto& l : keyword_literals(k)) {
        if (!alt.empty()) alt.push_back('|');
        alt += escape_plain(l.text);
    }
    return fmt::format("(?i:{})", alt);
}

std::size_t keyword_word_reach(const KeywordShape& k) {
    std::size_t n = 0;
    for (const auto& w : k.words) n = std::max(n, w.size() + 1);  // + the non-letter before a short word
    return n;
}

namespace {

// The rest of an action reference after the word (`/publish-action@v3`, `-deploy@main`).
constexpr const char* kActionRef = "[\\w./-]{0,60}@[\\w.-]{1,24}";
constexpr std::size_t kActionRefWidth = 60 + 1 + 24 + 8;

// Lines that may sit between a line naming the word and a value whose line names a credential
// (`key`, `token`, `Authorization` …), and their widest.
constexpr std::size_t kNearLines = 3;
constexpr std::size_t kNearLineWidth = 120;
// Within one indented block (every line between and the value's line start with a blank: a
// YAML mapping's or list item's members, an HCL or JSON body), up to this many.
constexpr std::size_t kNearBlockLines = 6;
constexpr std::size_t kNearBlockLineWidth = 80;  // (a wider reach made every word's window longer)
// How far along the value's line a query, form or attribute parameter named for a credential may
// start (the near form's other names start within 60 characters).
constexpr std::size_t kNearParamReach = 160;
// (`pattern`: other scanners' detector tests hold their sample in `validPattern`, the provider's
// name in `keyword` below it.)
// `pass` ends its name (PHP's `$smtppass`, `DB_PASS`, `pass:`): not `passive`, `passport`.
// `psk`: a pre-shared key (nmcli's `wifi-sec.psk '…'`, wpa_supplicant's `psk="…"`, an IPsec
// `PSK`). `raw result`: a secret scanner's text report (TruffleHog's `Detector Type: Acme` and,
// a line or two below, `Raw result: …`). `entropy` and its figure: a secret scanner's report of a
// high-entropy string (eslint-plugin-no-secrets' `Found a string with entropy 4.81 : "…"` below
// the path of a file named for the word).
constexpr const char* kCredentialName =
    "(?i:key|token|secret|passw|pass\\b|pwd|psk|auth|bearer|credential|pattern|raw[ _]result|entropy[ "
    "\\t][0-9]\\.[0-9]{1,4})";
// ... to which the value is assigned: the rest of the name, a closing quote or bracket, an
// operator and an auth scheme (`X-Api-Key: `, `"token": "`, `Authorization: token `), or a JSON
// name/value pair (`"name": "api_key", "value": "`, also with a scheme: a HAR header's
// `"authorization", "value": "Bearer `), blanks and a quoted auth scheme (nginx
// `proxy_set_header Authorization "Bearer `), an XML element (`<password>`) or an XML name/value
// pair (`<name>Private-Token</name>` and `<value>` on its line or the next, as in Maven's
// settings.xml). A table cell or prose after the name
// (`| IP2Location API key | ip2location-api-key |`, `OAuth token eventbrite-oauth-token`)
// assigns nothing.
constexpr const char* kAssignedTo =
    "[\\w.-]{0,20}(?:"
    // `=`, `:`, `=>` after a closing quote or bracket, and an optional scheme, quoted or not
    // (`Authorization = "Bearer …"`, `"Authorization": "Bearer …"`); a test's comparison
    // (`assert client.api_key == "…"`); a list of values after `:` (Go's `http.Header` printed
    // with %v, `map[Authorization:[Bearer …] X-Api-Key:[…]]`; compact JSON `"tokens":["…"]`)
    // (and a stub's request matcher: WireMock's `"X-Api-Key": { "equalTo": "…" }`)
    // (and a comparison after a call: `request.headers.get('X-Api-Key') !== '…'` in a mock
    // handler or a middleware's check)
    "(?:[\"'\\]]{0,2}|[\"']?\\))[ \\t]{0,4}(?:[=-]>|!?={1,3}|:\\[?)"
    "(?:[ \\t]{0,4}\\{[ \\t]{0,4}\"(?:equalTo|matches|contains|startsWith)\"[ \\t]{0,4}:)?"
    "(?:[ \\t]{0,4}[\"'`]?(?i:token|bearer|basic)[ \\t])?"
    // a JSON name/value pair, on one line or two, and an optional quoted scheme (Postman's
    // `"key": "x-api-key",` and `"value": "…"` below it; CloudFormation's `"ParameterKey"` /
    // `"ParameterValue"`, `"OutputKey"` / `"OutputValue"`; Node-RED's `"keyValue": "X-Api-Key",
    // "valueType": "other", "valueValue": "…"`, a member between, on its line or its own: an SSM
    // `PutParameter` call's `"name": "/orders/weatherstack/api_key",`, `"type": "String",` and
    // `"value": "…"` in a CloudTrail event; a secret scanner's report: ggshield's `"type": "api key",`
    // and `"match": "…"` below it)
    "|[\"'][ \\t]{0,4},[ \\t]{0,4}(?:(?:\\r?\\n[ \\t]{0,24})?\"\\w{1,16}\"[ \\t]{0,2}:[ \\t]{0,2}\"\\w{0,16}\"[ "
    "\\t]{0,2},[ \\t]{0,2})?"
    "(?:\\r?\\n[ \\t]{0,24})?[\"'](?:(?i:parameter|output|value)?(?i:value)|(?i:default|match))[\"'][ \\t]{0,4}:"
    "(?:[ \\t]{0,4}[\"'](?i:token|bearer|basic)[ \\t])?"
    // a YAML key whose value is a list, its first item on the next line, with an optional scheme
    // (a VCR cassette's `Authorization:` and `- Bearer …` below it, `api_keys:` and `- …`)
    "|[\"']?[ \\t]{0,4}:[ \\t]{0,4}\\r?\\n[ \\t]{0,16}-[ \\t]{1,4}(?:[\"']?(?i:token|bearer|basic)[ \\t])?"
    // a YAML list of name/value pairs, the value member on the next line (a Dapr component's
    // `- name: apiKey` and `value: "…"` below it, a Kubernetes container's `env:` item)
    "|[\"']?[ \\t]{0,4}\\r?\\n[ \\t]{0,16}(?i:value)[ \\t]{0,2}:"
    // blanks and a quoted scheme
    "|[\"']?[ \\t]{1,4}[\"'](?i:token|bearer|basic)[ \\t]"
    // blanks and a quoted value: a directive's argument in the configuration languages that
    // write `name "value"` (BIND's named.conf `secret "…";`, Junos `authentication-key "…"`,
    // monit's `password "…"`, collectd's `Password "…"`)
    "|[ \\t]{1,4}[\"']"
    // an element named for a credential, the value in its value attribute (WildFly's Elytron
    // `<credential-reference clear-text="…"/>`, `<password value="…"/>`)
    "|[ \\t]{1,4}(?i:clear-?text|plain-?text|value)=[\"']"
    // a call's name and value arguments, and an optional quoted scheme (`setHeader('Authorization',
    // 'Bearer …')`, `headers.set("X-Api-Key", "…")`, `config.put("api.key", "…")`)
    "|[\"'][ \\t]{0,4},[ \\t]{0,4}(?:[\"'](?i:token|bearer|basic)[ \\t])?"
    // an XML element, or its `<Value>` child on the next line (a Windows answer file's
    // `<Password>` / `<Value>…</Value>`); an XML name/value pair: `<value>` (one attribute:
    // KeePass's `<Key>Password</Key>` / `<Value ProtectInMemory="True">`), or an element whose
    // name attribute names a value (JMeter's `<stringProp name="Header.name">X-Api-Key</stringProp>`
    // and `<stringProp name="Header.value">` below it), or a property list's `<string>` after its
    // `<key>` (`<key>SharedSecret</key>` / `<string>…</string>`), and an optional scheme
    "|>(?:[ \\t]{0,4}\\r?\\n[ \\t]{0,16}<(?i:value)>)?"
    "|</\\w{1,12}>[ \\t]{0,4}(?:\\r?\\n[ \\t]{0,16})?<(?:(?i:value)(?:[ "
    "\\t]{1,2}[\\w:.-]{1,20}=[\"'][^\"'<>\\r\\n]{0,16}[\"'])?|\\w{1,12}[ "
    "\\t]{1,2}name=[\"'][\\w.-]{0,16}(?i:value)[\"']|string)>"
    "(?:[ \\t]{0,4}(?i:token|bearer|basic)[ \\t])?"
    // an element named by its name attribute, its `<value>` child on that line or the next (.NET
    // .resx `<data name="Weatherstack_ApiKey" xml:space="preserve">`, Settings
    // `<setting name="ApiKey" serializeAs="String">`)
    // or the element's text (MySQL Workbench's `<value type="string" key="password">…</value>`,
    // Hibernate's `<property name="connection.password">…</property>`)
    "|[\"'](?:[ \\t]{1,2}[\\w:.-]{1,16}=[\"'][^\"'<>\\r\\n]{0,16}[\"']){0,2}[ \\t]{0,4}>(?:[ \\t]{0,4}(?:\\r?\\n[ "
    "\\t]{0,16})?<(?i:value)>)?"
    // an RSpec `let(:api_key) { "…" }`
    "|\\)[ \\t]{0,2}\\{"
    // a section named for a credential and a `name: value` or `name = value` line of it (Hurl's
    // `[BasicAuth]` and `user: password` below it, an INI `[credentials]` section's first entry)
    "|\\][ \\t]{0,4}\\r?\\n[ \\t]{0,8}[\\w.@-]{1,40}[ \\t]{0,4}[:=][ \\t]{0,4}"
    // a redis-cli reply's field and value, numbered items on two lines (`HGETALL`, `CONFIG GET`:
    // `1) "api_key"` above `2) "…"`)
    "|[\"'][ \\t]{0,4}\\r?\\n[ \\t]{0,8}[0-9]{1,4}\\)[ \\t]{1,4}"
    ")[ \\t]{0,4}";

// The widest kAssignedTo's longest branch (an element named by attribute, its `<value>` below)
// may be; the XML name/value pair with an attribute and a scheme is narrower (15 + 4 + 2 + 16 + 48 + 11).
// The JSON name/value pair with a member between and a scheme on the next line may be wider.
constexpr std::size_t kAssignedWidth = std::max<std::size_t>(1 + 2 * 37 + 4 + 1 + 4 + 2 + 16 + 7,
                                                             1 + 4 + 1 + 4 + 26 + 46 + 26 + 1 + 9 + 5 + 1 + 4 + 1 + 12);

// The characters kAssignedTo may end with.
constexpr std::string_view kAssignEnds = ":=>{[\"' \t,";

// A string literal's prefix and its quote after an assignment: Objective-C `@"`, C# `$"`, Ada's
// `+"` (To_Unbounded_String), Python `r"` / `b"` / `f"`, C++ `L"` / `u8"`, T-SQL `N'`.
constexpr const char* kQuotePrefix = "(?:[@+$]|[rRbBuUfFLN]{1,2}|u8)[\"'`]";

// The opening of a call that takes a client's key as its first argument: a constructor or
// set-up function (`createClient(`, `Weatherstack.configure(`, `mixpanel.init(`), or a module
// that is itself the constructor (`require('weatherstack')(`).
constexpr const char* kClientCall =
    "(?:(?i:client|init|initiali[sz]e|configure|setup|connect|login|auth\\w{0,12})[ \\t]{0,4}|\\))\\([ \\t]{0,4}";

// How much further than its gap the word may sit on the value's own line when the value is
// assigned to a credential name there: a JSON log line's `"logger":"weatherstack.client", …,
// "api_key":"…"`, a key=value log line. Four gaps: a rule that wants its word close keeps it so.
constexpr std::size_t kFarGaps = 4;
constexpr std::size_t kFarWidth = 440;  // at most
// A pipe table's cells between the name's cell and the value's (a path, a commit, a line number).
constexpr std::size_t kTableCellWidth = 80;
constexpr std::size_t kTableCells = 4;
static_assert(kTableCells * (kTableCellWidth + 1) + 8 <= kFarWidth);

// Sibling lines that may sit between a parent key and the value's line, and their widest.
constexpr std::size_t kChildLines = 3;
constexpr std::size_t kChildLineWidth = 180;

struct ValueShape {
    std::string value;     // the value's regex
    std::string boundary;  // a class of what cannot sit right before or after it
};

ValueShape value_shape(const KeywordShape& k) {
    if (k.charset == "uuid")
        return {"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "[0-9A-Za-z-]"};
    auto cls = charset_class(k.charset);
    if (!cls) throw Error(fmt::format("unknown charset '{}' ({})", k.charset, charset_names()));
    if (k.min_length < 1 || k.max_length < k.min_length || k.max_length > 1000)
        throw Error("a keyword rule needs 'length' (or 1 <= min_length <= max_length <= 1000)");
    std::string value = k.min_length == k.max_length ? fmt::format("{}{{{}}}", *cls, k.min_length)
                                                     : fmt::format("{}{{{},{}}}", *cls, k.min_length, k.max_length);
    // Not glued to letters or digits either: `x` + 32 hex is a 33-character value, not a
    // 32-hex key.
    return {value, "[0-9A-Za-z" + cls->substr(1)};
}

// 0x (hex values may carry it: wallet keys, hashes written as numbers), the value, and a
// character that cannot continue it.
std::string value_and_after(const KeywordShape& k, const ValueShape& v) {
    std::string hex_prefix = k.charset.rfind("hex", 0) == 0 ? "(?:0[xX])?" : "";
    return fmt::format("{}({})(?:{}|$)", hex_prefix, v.value, negated(v.boundary));
}

// The character before a value on the line the gap ended on: not a value character, not a
// line break.
std::string before_on_line(const ValueShape& v) {
    std::string nb = negated(v.boundary);
    nb.insert(2, "\\r\\n");
    return nb;
}

}  // namespace

std::size_t keyword_value_reach(const KeywordShape& k) {
    // gap (or the rest of a parent line: name, closing quote or tag, operator, opener, up to
    // kChildLines lines between, a newline and a gap), a boundary, 0x, the value, a boundary
    std::size_t value = k.charset == "uuid" ? 36 : static_cast<std::size_t>(k.max_length);
    std::size_t parent = std::max<std::size_t>(
        {24 + 15 + 8 + 2 + 8 + 25 + 8 + 1, kActionRefWidth, kNearLineWidth + 2, static_cast<std::size_t>(k.distance)});
    // The near form (its word's line within `parent`; 3 lines between, a credential name and its
    // assignment or a client call on the value's line) is within about the nested one's reach.
    // (kAssignedTo: 20 of name, at most kAssignedWidth for its longest branch, the XML name/value
    // pair, and 4 blanks; then 3 of a quote prefix. kClientCall is shorter than a name and
    // kAssignedTo.)
    constexpr std::size_t near_width =
        std::max(kNearLines * (kNearLineWidth + 2), kNearBlockLines * (kNearBlockLineWidth + 2)) + 2 +
        std::max<std::size_t>(60 + 10 + 20 + kAssignedWidth + 4, kNearParamReach + 1 + 20 + 10 + 20 + 2) + 3;
    // So is the far form (the word further along the value's line): its gap and the name's.
    // Either may be a little wider than the nested form's lines.
    constexpr std::size_t far_width = kFarWidth + 10 + 20 + kAssignedWidth + 4 + 3;
    // The heading form: the rest of the word's line (a name and its ending) and two lines between.
    constexpr std::size_t heading_width = 20 + 10 + 2 + 2 * (24 + 1 + kNearLineWidth + 2);
    constexpr std::size_t below_word = std::max({kChildLines * kChildLineWidth, near_width, far_width, heading_width});
    // Hyperscan may report the end of a piece inside the word: the rest of the word comes first.
    return keyword_word_reach(k) + static_cast<std::size_t>(k.distance) * 2 + parent + below_word + 2 + 1 + 2 + value +
           1;
}

namespace {
std::string keyword_pattern(const KeywordShape& k, bool one_line) {
    if (k.distance < 0 || k.distance > 200) throw Error("'distance' must be between 0 and 200");
    std::string words = keyword_words_regex(k);
    // The word, then either the rest of its line, or the rest of a parent line and the start of
    // a later line, then one character that cannot be part of the value; or the rest of its line
    // and the start of the next. Then the value, and one character that cannot continue it.
    std::string gap = fmt::format("[^\\r\\n]{{0,{}}}", k.distance);
    // The word in a parent key, section, element or block opener: the rest of the name, a closing
    // quote, bracket or tag (`"Weatherstack"`, `[weatherstack]`, plist `<key>…</key>`), an
    // operator, and an opener that puts the value on a later line: a YAML block scalar indicator
    // (`key: |`, `key: >-`), a heredoc (HCL/shell `<<EOT`, `<<-EOT`), a JSON/HCL object or array
    // (`"Weatherstack": {`, `variable "weatherstack_key" {`, `"keys": [`). The rest of the name
    // starts a new part (`_key`, `ApiKey`): lower-case letters would continue the word into
    // another one (`codecov` in `codeCoverages`), which governs nothing on the lines below.
    std::string parent =
        "(?:[A-Z0-9_.-][\\w.-]{0,23})?(?:[\"'\\]]|</\\w{1,12}>)?[ \\t]{0,8}(?:=>|[:=])?[ \\t]{0,8}"
        "(?:[|>][1-9+-]{0,2}|<<[-~]?[\"']?\\w{1,20}[\"']?|[{\\[(])?[ \\t]{0,8},?";
    // A trailing comma: the word as a JSON member's value (`"service": "weatherstack",`), its
    // siblings below.
    // Or the word in a GitHub Actions step's `uses: weatherstack/publish-action@v3`: its `with:`
    // inputs (`api-key: …`) are on the lines below.
    parent = fmt::format("(?:{}|{}[ \\t]{{0,8}})", parent, kActionRef);
    // Up to kChildLines sibling lines may sit between the parent and the value's line (Helm's
    // `enabled: true`, appsettings' `"Endpoint": …`, .pypirc's `repository =`, HCL's `type =`):
    // indented lines, or `name = …` lines of an INI/TOML section. A blank line ends the block.
    std::string child =
        fmt::format("(?:\\r?\\n(?:[ \\t]{{1,16}}[^\\s]|[\\w.-]{{1,40}}[ \\t]{{0,8}}=)[^\\r\\n]{{0,{}}}){{0,{}}}",
                    kChildLineWidth - 60, kChildLines);
    std::string nested = fmt::format("{}{}\\r?\\n[^\\r\\n]{{0,{}}}", parent, child, k.distance);
    // An INI/TOML section header alone on its line, a blank line, then its keys: Godot's
    // project.godot and other ConfigFile writers put a blank line after each `[section]`, and
    // hand-written INI and TOML files often do. The value's line is a `name =` (or `name:`) line
    // of that section, its name may hold `/` (`config/api_key="…"`).
    std::string section = fmt::format(
        "(?:[A-Z0-9_.-][\\w.-]{{0,23}})?\\][ \\t]{{0,8}}\\r?\\n[ \\t]{{0,8}}{}\\r?\\n[ \\t]{{0,8}}[\\w./-]{{1,40}}[ "
        "\\t]{{0,8}}[:=][^\\r\\n]{{0,{}}}",
        child, k.distance);
    // The line after any line naming the word: a comment or heading above an assignment
    // (`// weatherstack credentials` / `const apiKey = "…"`), or a value that starts its line
    // (`# Weatherstack API key` and the key alone below it), as notes and READMEs hold them.
    std::string above = fmt::format("[^\\r\\n]{{0,{}}}\\r?\\n", k.distance);
    std::string below = fmt::format("{}[^\\r\\n]{{0,{}}}", above, k.distance);
    // Two or three lines below a line that ends with the word and a credential's name, a
    // heading for what follows (`# Weatherstack API key`, `here's the weatherstack staging key`,
    // `Scenario: … with the weatherstack key`): one or two non-blank lines may sit between, as a
    // chat export's next message header (`10:11:31 From Dana to Everyone:`), a text expander's
    // `- trigger: ":stgkey"` above its `replace: '…'`, a step and a table's header row above
    // `| api_key | … |`. A blank line ends the block; the line must end with the name (prose
    // that goes on past it heads nothing in particular), a word of its own (a table's
    // `Intervals API token<TAB>intervals-api-token` names a rule, not a value below).
    std::string heading = fmt::format(
        "[^\\r\\n]{{0,{0}}}[ \\t]{1}[\\w.-]{{0,20}}[ \\t]{{0,4}}[:.!]?[ \\t]{{0,4}}\\r?\\n(?:[ "
        "\\t]{{0,24}}[^\\s][^\\r\\n]{{0,{2}}}"
        "\\r?\\n){{1,2}}[^\\r\\n]{{0,{0}}}",
        k.distance, kCredentialName, kNearLineWidth);
    // A blank line may sit between (a message or README: "The new weatherstack key is below:",
    // a blank line, the key indented alone). A sentence goes on past the gap ("… API key is
    // below, please update your local config:"): the rest of its line may be as long as a near
    // line, since the value alone on its line is all that follows.
    std::string sentence = fmt::format("[^\\r\\n]{{0,{}}}\\r?\\n", std::max<std::size_t>(k.distance, kNearLineWidth));
    std::string starts_line = fmt::format("{}(?:[ \\t]{{0,16}}\\r?\\n)?[ \\t]{{0,16}}[\"'`]?", sentence);
    // One to four lines below a line naming the word, when the value's line names a credential
    // before it: the `Host:` or URL line of an HTTP request or a multi-line curl above its
    // `X-Api-Key:` header, a service's name above its key in a list of settings, a HAR entry's
    // URL above its `"queryString": [{"name": "api_key", "value": …}]`. The word's line may run on
    // past the gap (`curl … https://api.weatherstack.com/v1/auth -H … -d @- <<EOF` above a JSON
    // body's `"api_key": …`); a blank line ends the block (an HTTP request's headers). Or the
    // value is the argument of a client's constructor or set-up call below an import of the
    // provider's SDK, blank lines allowed (`import { createClient } from '@weatherstack/sdk'`, a
    // blank line, `const client = createClient("…")`).
    std::string near_above = fmt::format("[^\\r\\n]{{0,{}}}\\r?\\n", std::max<std::size_t>(k.distance, kNearLineWidth));
    // A Markdown code fence may follow a blank line (a README's or an issue's "Weatherstack
    // settings", a blank line, ```json, `{ "apiKey": "…" }`).
    // So may a JSON body (an HTTP request's `Host: api.weatherstack.com`, its headers, a blank
    // line and `{"token":"…"}`: a Burp export, an .http file, a captured request).
    // In an indented block the credential name's line may sit further down (a Kong service's
    // `url: https://api.weatherstack.com`, its plugin's `headers:` and `- "x-api-key:…"` six
    // lines below).
    // Further along the value's line, a parameter named for a credential: a query or form
    // parameter (`request "/v1/health?api_key=…"` below monit's `check host … address
    // api.weatherstack.com`, an APIM policy's `<set-body>grant_type=…&amp;client_secret=…` below
    // its `<set-url>`) or an XML attribute (Group Policy Preferences' `<Properties action="U" …
    // cpassword="…"` below the `<User name="svc_weatherstack">` it belongs to).
    // Or a quoted value with a Bearer scheme after a credential's name further along (undici's
    // `.intercept({ path: …, headers: { authorization: 'Bearer …' } })` below its
    // `mockAgent.get('https://api.weatherstack.com')`, a request's headers printed in a traceback
    // below its URL, a YARP transform's `"RequestHeader": "Authorization", "Set": "Bearer …"` below
    // its route's `"ClusterId": "weatherstack"`), or as a call's first argument, the header's name
    // after it (`assertEquals("Bearer …", recorded.getHeader("Authorization"))` below a
    // MockWebServer test named for the word). Not assigned to a name of no credential
    // (`X-Request-Id = "Bearer …"`).
    const std::string near_param = fmt::format(
        "(?:[?&;][\\w.-]{{0,20}}{0}[\\w.-]{{0,20}}=|[ "
        "\\t][\\w:.-]{{0,20}}{0}[\\w.-]{{0,20}}=[\"']|(?:{0}[^\\r\\n]{{0,40}}|\\([ "
        "\\t]{{0,4}})[\"'`](?i:bearer)[ \\t])",
        kCredentialName);
    std::string near = fmt::format(
        "{}(?:(?:[^\\r\\n]{{1,{}}}\\r?\\n|[ \\t]{{0,8}}\\r?\\n[ "
        "\\t]{{0,8}}(?:```|~~~)[^\\r\\n]{{0,20}}\\r?\\n){{0,{}}}(?:[^\\r\\n]"
        "{{0,60}}{}{}|[^\\r\\n]{{0,{}}}{}|[ \\t]{{0,8}}\\r?\\n[ \\t]{{0,8}}[{{\\[][^\\r\\n]{{0,59}}{}{})"
        "|(?:[ \\t][^\\r\\n]{{0,{}}}\\r?\\n){{{},{}}}[ \\t][^\\r\\n]{{0,59}}{}{}"
        "|(?:[^\\r\\n]{{0,{}}}\\r?\\n){{0,{}}}[^\\r\\n]{{0,60}}{})",
        near_above, kNearLineWidth, kNearLines, kCredentialName, kAssignedTo, kNearParamReach, near_param,
        kCredentialName, kAssignedTo, kNearBlockLineWidth - 1, kNearLines + 1, kNearBlockLines, kCredentialName,
        kAssignedTo, kNearLineWidth, kNearLines, kClientCall);
    // Further along the value's own line than the gap, when the value is assigned to a
    // credential name there: a structured log line (`"logger":"weatherstack.client",
    // "msg":"client configured","api_key":"…"`, `service=weatherstack … api_key=…`).
    // Or a command's option named for a credential and its value as the next argument (`mongosh
    // "mongodb+srv://cluster0.weatherstack.mongodb.net/db" --username u --password '…'`).
    // Or a command named for a credential in a `;`-separated list of commands, its value as the
    // argument (Tasmota's `Backlog MqttHost mqtt.weatherstack.com; MqttUser u; MqttPassword …;`).
    // Or a secret scanner's JSON report: TruffleHog's `--json` lines name the detector
    // (`"DetectorName":"Weatherstack"`) and hold the secret in `"Raw"` and `"RawV2"` further on;
    // nuclei's JSONL output names its template (`"template-id":"weatherstack-token"`, its info's
    // name and tags) and holds what it extracted in `"extracted-results":["…"]` at the end of a
    // long line.
    // Or a table's row whose first cell is the word's name naming a credential, the value in a
    // later column, the cells parted by two blanks or more: chamber's `list -e` (`Key  Version
    // LastModified  User  Value` above `weatherstack_api_key  4  05-07 10:11:12  ci  …`).
    // Or the same row of a table drawn with pipes, the name a cell of its own (backquoted or
    // quoted as Markdown and reports write it) and the value in a later cell: gitleaks' Markdown
    // report template (`| Rule | Location | Commit | Secret |` above `| `weatherstack-api-key` |
    // `deploy/app.env:3` | a1b2c3d | `…` |`). Cells between are at most kTableCellWidth wide and
    // hold no pipe; the value must still have the rule's shape.
    // Or the word's own name names a credential and a value attribute further along takes the
    // value: a .NET MAUI resource's `<OnPlatform x:Key="WeatherstackApiKey" x:TypeArguments="x:String">`
    // and its `<On Platform="Android" Value="…" />`.
    std::string far = fmt::format(
        "(?:[^\\r\\n]{{0,{0}}}(?:{1}{2}|[ \\t]--?[\\w-]{{0,20}}{1}[\\w-]{{0,20}}[ \\t]{{1,4}}|;[ "
        "\\t]{{1,4}}[\\w-]{{0,20}}{1}[\\w-]{{0,20}}[ "
        "\\t]{{1,4}}|(?:\"Raw(?:V2)?\"[ \\t]{{0,2}}:|\"extracted-results\"[ \\t]{{0,2}}:[ \\t]{{0,2}}\\[)[ "
        "\\t]{{0,2}})|[\\w.-]{{0,24}}{1}[^\\r\\n]{{0,{0}}}[ \\t](?i:value)[ \\t]{{0,2}}=[ \\t]{{0,2}}[\"']"
        "|[\\w.-]{{0,24}}{1}[\\w.-]{{0,20}}[ \\t]{{2,24}}(?:[^\\r\\n]{{0,{0}}}[ \\t]{{2}})?"
        "|[\\w.-]{{0,24}}{1}[\\w.-]{{0,20}}[`\"']?[ \\t]{{0,4}}\\|(?:[^\\r\\n|]{{0,{3}}}\\|){{0,{4}}}[ \\t]{{0,4}})",
        std::min(static_cast<std::size_t>(k.distance) * kFarGaps, kFarWidth), kCredentialName, kAssignedTo,
        kTableCellWidth, kTableCells);
    ValueShape v = value_shape(k);
    // After a credential name's assignment (near, far) the operator, quote or scheme's blank
    // already ends what came before: the value may follow it at once (`api_key=…`), unless the
    // charset holds such a character (`key:` would then be the start of a longer run).
    std::string bol = before_on_line(v);
    RE2 in_value(v.boundary);
    bool ends_run = std::none_of(kAssignEnds.begin(), kAssignEnds.end(),
                                 [&](char c) { return RE2::FullMatch(std::string_view(&c, 1), in_value); });
    // The alternatives that need no line break between the word and the value, in the same order.
    if (one_line)
        return fmt::format("(?i:{})(?:{}{}|{}(?:{}|{}){}){}", words, gap, bol, far, kQuotePrefix, bol,
                           ends_run ? "?" : "", value_and_after(k, v));
    return fmt::format("(?i:{})(?:(?:{}|{}|{}|{}|{}){}|(?:{}|{})(?:{}|{}){}|{}){}", words, gap, nested, section, below,
                       heading, bol, near, far, kQuotePrefix, bol, ends_run ? "?" : "", starts_line,
                       value_and_after(k, v));
}
}  // namespace

std::string build_keyword_pattern(const KeywordShape& k) { return keyword_pattern(k, false); }

std::string build_keyword_line_pattern(const KeywordShape& k) { return keyword_pattern(k, true); }

namespace {
// The rest of the value's line and the lines below it that the reverse near form crosses.
constexpr std::size_t kBelowRestWidth = 60;
// How far along the line a command that the value is piped into may name it (`printf '%s' '…' |
// circleci context store-secret github acme prod WEATHERSTACK_API_KEY`).
constexpr std::size_t kPipeReach = 100;
}  // namespace

std::size_t keyword_reverse_reach(const KeywordShape& k) {
    std::size_t value = k.charset == "uuid" ? 36 : static_cast<std::size_t>(k.max_length);
    std::size_t same_line = 1 + std::max<std::size_t>(k.distance, 4 + 1 + kPipeReach);
    std::size_t below = kBelowRestWidth + 2 + kNearLines * (kNearLineWidth + 2) + kNearLineWidth;
    return value + std::max(same_line, below) + 1;
}

std::string build_keyword_reverse_pattern(const KeywordShape& k) {
    ValueShape v = value_shape(k);
    std::string after = negated(v.boundary);
    after.insert(2, "\\r\\n");  // the word is on the value's line
    // Or one to four lines below the value's line (the scanner then requires the value to be
    // assigned to a credential name, as in the near form): a PowerShell splat
    // `@{ ApiKey = '…' }` passed to `Connect-Weatherstack @params`, a settings dict passed to
    // `weatherstack.Client(**config)`.
    static_assert(kNearLines + 1 == kWordLinesBelow);
    std::string below =
        fmt::format("(?:{}[^\\r\\n]{{0,{}}})?\\r?\\n(?:[^\\r\\n]{{0,{}}}\\r?\\n){{0,{}}}[^\\r\\n]{{0,{}}}", after,
                    kBelowRestWidth, kNearLineWidth, kNearLines, kNearLineWidth);
    // Or the value is piped into a command (a store that reads a secret from standard input) whose
    // argument further along names it: `printf '%s' '…' | circleci context store-secret github
    // acme prod WEATHERSTACK_API_KEY`, `echo '…' | gh secret set WEATHERSTACK_TOKEN`, `… | wrangler
    // secret put WEATHERSTACK_KEY`. Within that command: no second pipe, `;` or `&`.
    std::string pipe = fmt::format("{}[ \\t]{{0,4}}\\|[^\\r\\n|;&]{{1,{}}}", after, kPipeReach);
    // The words' own pattern needs a character before a word that starts a piece; the one that
    // ends the value (never a letter) is such a character: `…/ai21`, `… weatherstack`.
    std::string bare;
    for (const auto& w : k.words) bare += (bare.empty() ? "" : "|") + escape_literal(w);
    std::string words = keyword_words_regex(k);
    return fmt::format("({})(?:{}(?:[^\\r\\n]{{0,{}}}(?i:{})|(?i:{}))|{}(?i:{})|{}(?i:{}))", v.value, after, k.distance,
                       words, bare, pipe, words, below, words);
}

bool assigned_to_credential_name(std::string_view before_value) {
    static const RE2 re(fmt::format("{}{}(?:{}|[\"'`])?\\z", kCredentialName, kAssignedTo, kQuotePrefix));
    // Or the first argument of a setter or builder method named for a credential: Laravel's
    // `Http::withToken('…')`, `client.setApiKey("…")`, `SetAPIKey(`, a builder's `.apiKey("…")`,
    // superagent's `.auth('…', { type: 'bearer' })`. Only `with`/`set`/`use` or a member call:
    // a getter or check (`getToken("name")`, `verifyPassword(`) takes a name or a guess.
    static const RE2 call(fmt::format(
        "(?:(?:^|[^\\w$])(?i:with|set|use)_?|(?:\\.|->)[ \\t]{{0,2}})"
        "(?i:(?:api|auth|access|bearer|client|secret|private|app|user)_?)?"
        "(?i:key|token|secret|password|passwd|pwd|credentials?|auth)[ \\t]{{0,2}}\\([ \\t]{{0,4}}(?:{}|[\"'`])\\z",
        kQuotePrefix));
    // Or a credential name assigned a secret wrapper built from the value: Haystack's
    // `api_key=Secret.from_token("…")`, pydantic's `password=SecretStr("…")`, `new
    // SecretString("…")`: a type named for a secret or a token, or a factory of one that takes
    // the value. Not a getter (`GetSecret(`, `getToken(`) nor a factory that takes a name
    // (`Secret.from_env_var("…")`): their argument names where the secret is.
    static const RE2 wrapper(
        fmt::format("{}[\\w.-]{{0,20}}[\"'\\]]{{0,2}}[ \\t]{{0,4}}(?:=>|=|:)[ \\t]{{0,4}}(?:new[ "
                    "\\t]{{1,2}})?(?:[a-z]\\w{{0,30}}\\.){{0,2}}"
                    "(?:Api|API|Access|Auth|Bearer|Client|Plain|Sensitive|Static)?(?:Secret|Token|Password|Credential)"
                    "(?:Str|String|Value|Bytes)?(?:\\.(?i:from_?(?:token|secret|value|str|string|plain\\w{{0,8}})))?[ "
                    "\\t]{{0,2}}\\([ \\t]{{0,4}}(?:{}|[\"'`])\\z",
                    kCredentialName, kQuotePrefix));
    return RE2::PartialMatch(before_value, re) || RE2::PartialMatch(before_value, call) ||
           RE2::PartialMatch(before_value, wrapper);
}

bool directive_names_credential(std::string_view before_value) {
    // indentation, a name holding a credential's and blanks: nothing else on the line before
    // (indentation as deep as EdgeOS's config.boot nests: `vpn ipsec site-to-site peer … authentication`)
    static const RE2 re(fmt::format("[ \\t]{{0,32}}[\\w.-]{{0,20}}{}[\\w.-]{{0,20}}[ \\t]{{1,8}}", kCredentialName));
    return RE2::FullMatch(before_value, re);
}

bool assigned_to_other_name(std::string_view before_value, bool words_name_an_id) {
    // the name's last characters, an operator and an opening quote
    static const std::string assign =
        fmt::format("[\"'\\]]{{0,2}}[ \t]{{0,4}}(?:=>|={{1,3}}|:)[ \t]{{0,4}}(?:{}|[\"'`])?\\z", kQuotePrefix);
    // a digest word ending the name or followed by a separator (`chksum_sha256`, not `hashicorp`),
    // with the `sum` of the coreutils names (PEAR's `<file md5sum="…" name="lib/Facebook.php"/>`)
    // The value may be the end of the digest (`jira/py.typed,sha256=47DEQpj8HBSa-_TImW-<value>,0` in
    // a wheel's RECORD: url-safe base64, whose `-` and `_` the value's charset lacks).
    // PHP's serialize() writes the name and the value as `s:6:"md5sum";s:32:"…"` (PEAR's registry).
    static const std::string serialized = "|\";s:[0-9]{1,4}:\"";
    static const RE2 digest(
        "(?i:sha-?(?:1|224|256|384|512)(?:sums?)?|md5(?:sums?)?|checksum|chksum|digest|integrity|etag|hash)(?:[_.-]["
        "\\w.-]{0,20})?"
        "(?:" +
        assign.substr(0, assign.size() - 2) + serialized + ")[\\w+/-]{0,128}\\z");
    // `id`, `uuid`, `_id`, `-id`, `Id`, `ID` ending the name
    static const RE2 id("(?:(?:^|[^A-Za-z])(?i:u?id)|[a-z](?:Id|ID)|[_.-](?i:u?id))" + assign);
    // a Go module's checksum in go.sum (`github.com/exoscale/egoscale v0.90.0 h1:…=`)
    static const RE2 go_sum(R"((?:^|[ \t])h1:[\w+/-]{0,64}\z)");
    // a package archive's checksum as its URL's fragment: yarn v1's lockfile (`resolved
    // "https://registry.yarnpkg.com/parseurl/-/parseurl-1.3.3.tgz#<sha1>"`, where `parseur` names a
    // provider), pip's and Bower's `….tar.gz#sha256=…`
    static const RE2 archive_fragment(
        R"(\.(?:tgz|tar\.(?:gz|bz2|xz)|zip|whl|gem|crate|jar)#(?:(?i:sha-?(?:1|256|384|512)|md5)[=:-])?\z)");
    // a name that says its value stands in for one: `$dummyPassword = '…'` (Icinga Web 2's form
    // filler), `fake_token:`, `mockApiKey =`, `STUB_SECRET=` (the word leads the name, then a
    // separator, a capital after a lower-case word, or the operator: not `fakeroot`, `stubborn`,
    // nor the provider name `MOCKAROO_API_KEY`)
    static const RE2 stand_in(
        "(?:^|[^\\w.-])(?:(?:[Dd]ummy|[Ff]ake|[Mm]ock|[Ss]tub)(?:[_-]|[A-Z])[\\w-]{0,24}|(?:DUMMY|FAKE|MOCK|STUB)[_-]["
        "\\w-]{0,24}|(?i:dummy|fake|mock|stub))" +
        assign);
    // a push notification's device token: the address of an app install (APNs, FCM), useless
    // without the sender's own key (`let deviceToken = "a9d0…"` in node-apn's README)
    static const RE2 device_token("(?:^|[^\\w.-])(?i:device)[_-]?(?i:tokens?)" + assign);
    return RE2::PartialMatch(before_value, digest) || RE2::PartialMatch(before_value, go_sum) ||
           RE2::PartialMatch(before_value, archive_fragment) || RE2::PartialMatch(before_value, stand_in) ||
           RE2::PartialMatch(before_value, device_token) || (!words_name_an_id && RE2::PartialMatch(before_value, id));
}

bool reference_before_value(std::string_view before_value) {
    // `github.com/newrelic/node-newrelic/commit/<sha>` in a changelog, `git log`'s `commit <sha>`,
    // a member (`operations.LibrariesDocumentsPatchV1Request`, `options?.accessToken`) or a path
    // segment (`timezoneapi::FileTimeToSystemTime`), or an optional property's type, unquoted
    // (TypeScript's `_a2PBrandRegistrations?: A2PBrandRegistrationListInstance;`)
    static const RE2 re(
        R"((?:/(?:commits?|tree|blob|compare)/|(?:^|[^\w])commit[ \t]{1,4}|[\w$\])]\??\.|::|\w\?:[ \t]{0,4})\z)");
    // ... but not an AutoHotkey hotstring, whose `::` ends the abbreviation and starts its
    // replacement text (`::;acmekey::…`, `:*:acmetoken::…`: a key typed by a hotkey script).
    static const RE2 hotstring(R"([ \t]{0,16}:[\w*?#-]{0,8}:[^\s:]{1,40}::)");
    if (RE2::FullMatch(before_value, hotstring)) return false;
    return RE2::PartialMatch(before_value, re);
}

bool property_name_after_value(std::string_view after_value) {
    // `'0bb28fa193c6b091813e9ba57a42aae322b1f098'?: string;`: TypeScript's optional property
    static const RE2 re(R"(\A["'`]?\?:)");
    return RE2::PartialMatch(after_value, re);
}

bool keyword_words_name_an_id(const KeywordShape& k) {
    static const RE2 id("(?:^|[ _.-])(?i:u?id)(?:$|[ _.-])|[a-z]I[dD](?:$|[^a-z])");
    for (const auto& w : k.words)
        if (RE2::PartialMatch(w, id)) return true;
    return false;
}

bool test_argument_named_below(std::string_view before_value, std::string_view after_word) {
    static const RE2 argument(
        R"(\A[ \t]{0,16}(?:[\[@][A-Za-z_][\w.]{0,40}[ \t]{0,2})?\(?[ \t]{0,4}(?:strings[ \t]{0,2}=[ \t]{0,2}\{[ \t]{0,2})?(?:[@$]|u8|[rbuLf])?["'`]\z)");
    static const RE2 named(
        R"(\A[_.-]?(?:[A-Za-z]{0,12}[_.-]?)?(?i:api[_.-]?key|apikey|token|secret|passw|pwd|credential|auth[_.-]?key))");
    return RE2::PartialMatch(before_value, argument) && RE2::PartialMatch(after_word, named);
}

// What the scanner looks for in the window after a word: every value-shaped run, after any
// character that cannot be part of it (a line break too: a value may start its line), or as a
// placeholder's default (`${name:V}`, `${NAME:-V}`), whose `:` or `-` the charset may hold.
std::string build_keyword_value_pattern(const KeywordShape& k) {
    ValueShape v = value_shape(k);
    return fmt::format("(?:{}|\\$\\{{[\\w.-]{{1,64}}:-?){}", negated(v.boundary), value_and_after(k, v));
}

}  // namespace nhiscan
