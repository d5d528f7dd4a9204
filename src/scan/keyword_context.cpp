#include "scan/keyword_context.hpp"

#include <algorithm>
#include <cctype>

#include <re2/re2.h>

#include "rules/keyword_shape.hpp"
#include "scan/predicates.hpp"

namespace nhiscan {
namespace {

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }

}  // namespace

// The name a value is assigned to: walking back from the value over an opening quote,
// blanks, an assignment or argument separator (`=`, `:`, `:=`, `=>`, `?=`, `,`, `(`, `>` of an
// XML tag) and a closing quote, the identifier that ends there. Empty when there is none. An
// opening quote may be escaped (a string in flags or JSON: `-DWEATHERSTACK_KEY=\"…\"`).
std::string_view assigned_name(ByteView data, std::size_t value_start, std::size_t line_start) {
    std::size_t i = value_start;
    auto skip = [&](std::string_view set) {
        while (i > line_start && set.find(data[i - 1]) != std::string_view::npos) --i;
    };
    skip("\"'`\\ \t");
    if (i >= line_start + 2 && data[i - 1] == '-' && data[i - 2] == ':') --i;  // ${NAME:-default}
    std::size_t before_op = i;
    skip("=:?>,(+|");
    if (i == before_op && i > line_start && data[i - 1] != ' ' && data[i - 1] != '\t') return {};
    skip("\"'` \t]");
    std::size_t end = i;
    while (i > line_start && is_ident(data[i - 1])) --i;
    return data.substr(i, end - i);
}

bool names_a_word(std::string_view name, const std::vector<std::string>& words) {
    for (const auto& w : words) {
        std::string lw;
        for (char c : w) lw.push_back(c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        std::string ln;
        for (char c : name)
            ln.push_back(c == '-' || c == '.' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        if (icontains(ln, lw)) return true;
        // "secret key" also as secretkey
        std::erase(lw, '_');
        std::erase(ln, '_');
        if (!lw.empty() && icontains(ln, lw)) return true;
    }
    return false;
}

// A line that is a comment: `#`, `//`, `--`, `;`, `/*`, `*`, `<!--`, `%`, `REM` first.
bool comment_line(std::string_view line) {
    std::size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos) return false;
    line.remove_prefix(i);
    for (std::string_view m : {"#", "//", "--", ";", "/*", "*", "<!--", "%", "REM ", "rem "})
        if (line.substr(0, m.size()) == m) return true;
    return false;
}

// A value alone at the start of its line (after blanks and a quote) is governed by the line
// above only if that line opens a block: `key: |`, `key: >-`, `<<EOT`, `[`, `{`, `(`, `:`, `=`.
bool opens_block(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) return false;
    if (std::string_view("|>[{(:=+-0123456789").find(line.back()) != std::string_view::npos) return true;
    std::size_t h = line.rfind("<<");
    return h != std::string_view::npos &&
           std::all_of(line.begin() + static_cast<std::ptrdiff_t>(h) + 2, line.end(),
                       [](char c) { return is_ident(c) || c == '-' || c == '~' || c == '"' || c == '\''; });
}

// Keyword rules: the provider's word in the assignment's own name (`WEATHERSTACK_KEY=`) keeps
// the rule's confidence; in a section, parent key or block opener on a line above, at most
// medium; only somewhere else on the line, or in a comment or text on the line above a value
// that starts its line, low.
Confidence keyword_confidence(const RuleSpec& spec, ByteView data, std::size_t match_start, std::size_t value_start) {
    std::size_t line_start = line_begin(data, value_start);
    if (names_a_word(assigned_name(data, value_start, line_start), spec.keyword.words)) return spec.confidence;
    if (match_start >= line_start) return Confidence::Low;
    std::size_t word_line = line_begin(data, match_start);
    std::size_t word_end = data.find('\n', match_start);
    std::string_view above =
        data.substr(word_line, (word_end == std::string_view::npos ? data.size() : word_end) - word_line);
    if (comment_line(above)) return Confidence::Low;
    std::string_view lead = data.substr(line_start, value_start - line_start);
    bool starts_line = lead.find_first_not_of(" \t\"'`") == std::string_view::npos;
    if (starts_line && !opens_block(above)) return Confidence::Low;
    return std::min(spec.confidence, Confidence::Medium);
}

// A keyword value at [start, end) as the default of a placeholder whose name holds one of the
// rule's words: Spring's `@Value("${acme.api.key:V}")`, shell and Compose `${ACME_TOKEN:-V}`.
// The charset may hold `:` or `-` (`[a-z0-9:_]`, uuid), so the pattern does not see the value
// start there. The match is the whole placeholder.
bool placeholder_default(const RuleSpec& spec, ByteView data, std::size_t start, std::size_t end,
                         std::size_t& match_start, std::size_t& match_end) {
    if (end >= data.size() || data[end] != '}') return false;
    std::size_t i = start;
    if (i > 0 && data[i - 1] == '-') --i;
    if (i == 0 || data[i - 1] != ':') return false;
    std::size_t name_end = --i;
    while (i > 0 && name_end - i < 64 &&
           (std::isalnum(static_cast<unsigned char>(data[i - 1])) || data[i - 1] == '_' || data[i - 1] == '.' ||
            data[i - 1] == '-'))
        --i;
    if (i < 2 || i == name_end || data[i - 1] != '{' || data[i - 2] != '$') return false;
    if (!names_a_word(data.substr(i, name_end - i), spec.keyword.words)) return false;
    match_start = i - 2;
    match_end = end + 1;
    return true;
}

// Whether `name` holds one of the words at the start of one of its pieces (keyword_piece_start),
// separators in either read as nothing (`alchemy_key_credentials`, `AlchemyKeys`, `alchemy-key`).
bool name_holds_word(std::string_view name, const std::vector<std::string>& words) {
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    auto sep = [](char c) { return c == ' ' || c == '_' || c == '-' || c == '.'; };
    for (const auto& w : words) {
        for (std::size_t at = 0; at < name.size(); ++at) {
            if (sep(name[at]) || !keyword_piece_start(name, at)) continue;
            std::size_t i = at;
            bool ok = true;
            for (char c : w) {
                if (sep(c)) continue;
                while (i < name.size() && sep(name[i])) ++i;
                if (i == name.size() || lower(name[i]) != lower(c)) {
                    ok = false;
                    break;
                }
                ++i;
            }
            if (ok) return true;
        }
    }
    return false;
}

namespace {

// Lines above a value, and objects or arrays around it, that enclosing_key_names_word() reads.
constexpr std::size_t kEnclosingLines = 12;
constexpr int kEnclosingLevels = 3;

}  // namespace

// A keyword value assigned to a credential name inside a JSON, HCL or JavaScript object (or
// array) whose key, some lines up, names one of the rule's words: `terraform output -json`'s
// object-typed outputs (`"alchemy_credentials": {`, `"sensitive": true,`, its `"type"` schema
// over several lines, `"value": {`, `"api_key": "…"`), a settings file's provider object with
// more members before the key than the nested form's sibling lines. Brackets are counted outside
// double-quoted strings, over at most kEnclosingLines lines and kEnclosingLevels enclosing
// openers; an opener's key is the name assigned before it on its line (`"name": {`,
// `name = {`, `name: [`). The match starts at that key's line.
bool enclosing_key_names_word(const RuleSpec& spec, ByteView data, std::size_t value_start, std::size_t& match_start) {
    std::size_t line_start = line_begin(data, value_start);
    std::string_view lead = data.substr(line_start, value_start - line_start);
    if (lead.find_first_of(":=") == std::string_view::npos) return false;
    std::vector<std::size_t> brackets;  // offsets of brackets outside strings, on one line
    std::size_t depth = 0;
    int levels = 0;
    std::size_t ls = line_start, le = value_start;
    for (std::size_t lines = 0; lines <= kEnclosingLines; ++lines) {
        brackets.clear();
        bool in_string = false;
        for (std::size_t i = ls; i < le; ++i) {
            char c = data[i];
            if (in_string) {
                if (c == '\\') ++i;
                else if (c == '"') in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[' || c == '}' || c == ']') {
                brackets.push_back(i);
            }
        }
        for (auto it = brackets.rbegin(); it != brackets.rend(); ++it) {
            char c = data[*it];
            if (c == '}' || c == ']') {
                ++depth;
                continue;
            }
            if (depth > 0) {
                --depth;
                continue;
            }
            // An opener around the value: its key, if any, is the name assigned before it.
            std::string_view key = assigned_name(data, *it, ls);
            if (!key.empty() && name_holds_word(key, spec.keyword.words)) {
                if (!assigned_to_credential_name(lead)) return false;
                match_start = static_cast<std::size_t>(key.data() - data.data());
                return true;
            }
            if (++levels == kEnclosingLevels) return false;
        }
        if (ls == 0) return false;
        le = ls - 1;  // the '\n' ending the line above
        if (le > 0 && data[le - 1] == '\r') --le;
        ls = line_begin(data, le);
    }
    return false;
}

namespace {

// Lines above a directive's value that directive_below_word() reads.
constexpr std::size_t kDirectiveLinesAbove = 4;

}  // namespace

// A keyword value that is the only argument of a directive named for a credential, alone on its
// line (`Pass …` in an mbsync or msmtp account, keepalived's `auth_pass …`, `password …`), below a
// line of the same block naming one of the rule's words: the account's name or host
// (`IMAPAccount weatherstack`, `host smtp.weatherstack.com`), a comment heading the block. At most
// kDirectiveLinesAbove lines up; a blank line ends the block. The value ends its line (or a `;`
// does): prose that merely starts with such a name goes on. The match starts at the word's line.
bool directive_value(ByteView data, std::size_t value_start, std::size_t value_end) {
    std::size_t ls = line_begin(data, value_start);
    if (!directive_names_credential(data.substr(ls, value_start - ls))) return false;
    std::size_t i = value_end;
    while (i < data.size() && (data[i] == ' ' || data[i] == '\t')) ++i;
    if (i < data.size() && data[i] == ';') ++i;
    while (i < data.size() && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r')) ++i;
    return i >= data.size() || data[i] == '\n';
}

bool directive_below_word(const RuleSpec& spec, ByteView data, std::size_t value_start, std::size_t value_end,
                          std::size_t& match_start) {
    std::size_t ls = line_begin(data, value_start);
    if (ls == 0 || !directive_value(data, value_start, value_end)) return false;
    std::size_t le = ls - 1;  // the '\n' ending the line above
    for (std::size_t lines = 0; lines < kDirectiveLinesAbove; ++lines) {
        std::size_t b = line_begin(data, le);
        std::string_view line = data.substr(b, le - b);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) return false;  // a blank line
        for (std::size_t at = 0; at < line.size(); ++at)
            for (const auto& w : spec.keyword.words) {
                if (!keyword_piece_start(line, at)) continue;
                std::size_t n = 0, p = at;  // the word spelled at `at`, separators in it optional
                for (; n < w.size(); ++n) {
                    char c = w[n];
                    if (c == ' ' || c == '_' || c == '-' || c == '.') {
                        if (p < line.size() && (line[p] == ' ' || line[p] == '_' || line[p] == '-' || line[p] == '.'))
                            ++p;
                        continue;
                    }
                    if (p >= line.size() || (line[p] | 0x20) != (c | 0x20)) break;
                    ++p;
                }
                if (n == w.size() && keyword_piece_end(line, p)) {
                    match_start = b;
                    return true;
                }
            }
        if (b == 0) return false;
        le = b - 1;
    }
    return false;
}

// What assigns a value at `start` to a name: the text before it on its line, or, when that is
// only an element's opening tag, from the line above too, where an XML name/value pair names it
// (KeePass's `<Key>Password</Key>` / `<Value ProtectInMemory="True">`, a Windows answer file's
// `<Password>` / `<Value>`, Maven's `<name>` / `<value>`).
std::string_view assignment_lead(ByteView data, std::size_t start) {
    std::size_t ls = line_begin(data, start);
    std::string_view lead = data.substr(ls, start - ls);
    static const RE2 tag_alone(R"([ \t]*<\w[^<>\r\n]*>[ \t]*)");
    // ... or only a JSON `"value":` member, its name in a member on the line above (1Password's
    // `op item get --format json`: `"label": "api key",` above `"value": "…"`, a Postman variable).
    static const RE2 value_member(R"re([ \t]*"(?i:value)"[ \t]{0,4}:[ \t]{0,4}")re");
    if (ls == 0 || !(RE2::FullMatch(lead, tag_alone) || RE2::FullMatch(lead, value_member))) return lead;
    std::size_t above = line_begin(data, ls - 1);
    return data.substr(above, start - above);
}

}  // namespace nhiscan
