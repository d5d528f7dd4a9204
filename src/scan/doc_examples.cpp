#include "scan/doc_examples.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include <re2/re2.h>

namespace nhiscan {

// Whether `data` names a documentation string (below) at the start of a line at all: decided
// once per buffer, so that the walk back from a match runs only in the files that may need it.
bool has_documentation_strings(ByteView data) {
    for (std::string_view name : {"EXAMPLES", "DOCUMENTATION", "RETURN"})
        for (std::size_t at = data.find(name); at != std::string_view::npos; at = data.find(name, at + 1)) {
            const std::size_t next = at + name.size();
            if ((at == 0 || data[at - 1] == '\n') && next < data.size() && (data[next] == ' ' || data[next] == '='))
                return true;
        }
    return false;
}

// Whether `pos` lies inside a module's documentation string by the Ansible convention, which
// thousands of collections follow: `EXAMPLES = r'''`, `DOCUMENTATION = """`, `RETURN = ...`
// at the start of a line, the string not closed before `pos`. The credentials there are the
// documentation's sample values (an ACL token, a password for a playbook's task).
bool in_documentation_string(ByteView data, std::size_t pos) {
    static constexpr std::size_t kLookBack = 256 * 1024;  // the longest blocks run to a few thousand lines
    const std::size_t floor = pos > kLookBack ? pos - kLookBack : 0;
    // the start of the line holding `pos`, looked for no further back than `floor`
    auto start_of_line = [&](std::size_t at) -> std::size_t {
        while (at > floor && data[at - 1] != '\n') --at;
        return at;
    };
    std::size_t end = start_of_line(pos);
    while (end > floor) {
        const std::size_t begin = start_of_line(end - 1);
        if (begin == floor && floor > 0) return false;  // a line longer than the look-back
        std::string_view line = data.substr(begin, end - 1 - begin);
        for (std::string_view name : {"EXAMPLES", "DOCUMENTATION", "RETURN"}) {
            if (line.substr(0, name.size()) != name) continue;
            std::string_view rest = line.substr(name.size());
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
            if (rest.empty() || rest.front() != '=') continue;
            rest.remove_prefix(1);
            while (!rest.empty() && (rest.front() == ' ' || rest.front() == 'r')) rest.remove_prefix(1);
            return rest.substr(0, 3) == "\'\'\'" || rest.substr(0, 3) == "\"\"\"";
        }
        // a string closed (or another opened) between the block's start and `pos`
        if (line.find("\'\'\'") != std::string_view::npos || line.find("\"\"\"") != std::string_view::npos)
            return false;
        end = begin;
    }
    return false;
}

namespace {

// A line of prose that says "example" as a word (any case): not `examples/` in a path, nor
// `exampleKey` in code.
bool names_an_example(std::string_view line) {
    static const RE2 re(R"((?i)(?:^|[^\w/.-])examples?(?:[^\w/.-]|$))");
    return RE2::PartialMatch(line, re);
}

}  // namespace

bool has_doc_comment_examples(ByteView data) {
    return data.find("@example") != std::string_view::npos || data.find("## Example") != std::string_view::npos ||
           data.find("* ```") != std::string_view::npos || data.find("xample") != std::string_view::npos;
}

// Whether `pos` lies in the example section of a documentation comment (`/** … */`, every line
// starting with `*`): after a `@example` tag (TypeDoc, JSDoc: Stainless-generated SDKs such as
// Cloudflare's) or a `## Example` heading (Pulumi's and Terraform-generated SDKs), with no line
// between them outside the comment; or inside a fenced code block of the comment (`* ```ts` …
// `* ```` in TSDoc, as web3.js' and xrpl.js' examples print a wallet). The values there are the
// documentation's samples. Or below a line of the comment's prose that speaks of an example
// (WordPress' wp_salt(): "Below is an example of how the secret key constants are defined. Do
// not paste this example directly into wp-config.php", then the eight `define('AUTH_KEY', '…')`).
bool in_doc_comment_example(ByteView data, std::size_t pos) {
    static constexpr int kMaxLines = 400;
    static constexpr std::size_t kMaxLine = 4096;  // a documentation line, not a minified one
    std::size_t end = pos;
    while (end > 0 && data[end - 1] != '\n') {  // the start of the line holding `pos`
        if (pos - end > kMaxLine) return false;
        --end;
    }
    std::size_t line_end = pos;
    int fences = 0;  // fence lines above `pos` in the comment: odd when `pos` is inside a block
    for (int n = 0; n <= kMaxLines; ++n) {
        std::size_t begin = end;
        if (n > 0) {
            if (end == 0) return false;
            line_end = end - 1;
            begin = line_end;
            while (begin > 0 && data[begin - 1] != '\n') {
                if (line_end - begin > kMaxLine) return false;
                --begin;
            }
        } else {
            line_end = std::min(data.size(), pos + kMaxLine);
            const std::size_t nl = data.substr(pos, line_end - pos).find('\n');
            if (nl != std::string_view::npos) line_end = pos + nl;
        }
        std::string_view line = data.substr(begin, line_end - begin);
        std::size_t i = 0;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        line.remove_prefix(i);
        if (line.substr(0, 3) == "/**") return fences % 2 == 1;  // the comment starts before any example
        if (line.empty() || line.front() != '*' || line.substr(0, 2) == "*/") return false;
        if (n > 0 &&
            (line.find("@example") != std::string_view::npos || line.find("## Example") != std::string_view::npos))
            return true;
        if (n > 0 && fences == 0 && names_an_example(line)) return true;
        if (n > 0) {
            std::string_view text = line.substr(1);
            while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
            if (text.substr(0, 3) == "```") ++fences;
        }
        end = begin;
    }
    return false;
}

bool after_example_cue(ByteView data, std::size_t pos) {
    static constexpr std::size_t kReach = 160;  // the cue is near: a sentence or a list item before the value
    // ... or says what such a value looks like (Dovecot's wiki: "passwords looks like", the hash
    // on the next line)
    static const RE2 same_line(
        R"((?i)(?:^|[^\w./@-])(?:e\.g\.|for[ \t]example|example["']?[ \t]{0,2}[:=]|looks?[ \t]{1,2}like\b))");
    static const RE2 line_above(
        R"((?i)(?:^|[^\w./@-])(?:e\.g\.[:,]?|examples?["']?[ \t]{0,2}:[ \t]{0,2}(?:[|>][+-]?)?|for[ \t]example[:,]?|like[ \t]{0,2}:|looks?[ \t]{1,2}like[:,]?|like[ \t]{1,2}(?:this|so)[ \t]{0,2}:|(?:following|sample|example)[ \t]{1,2}(?:output|response)[:,]?)[ \t]*(?:<br[ \t]*/?>)?[ \t]*\r?\z)");
    // ... with a code fence opening between the cue and the value (a README's "Example:", then
    // ```, then the request with its sample tokens: Zabbix' ManageEngine webhook guide)
    static const RE2 fence(R"(^[ \t]{0,3}(?:```|~~~)[\w+.-]{0,20}[ \t]*\r?\z)");
    // ... or is a shell prompt running a hashing command: the hash below is its output for the
    // plaintext on that line (`$ htpasswd -nmb apache apache` above `apache:$apr1$…` in a README)
    static const RE2 command_above(
        R"(^[ \t]{0,8}[$#>%][ \t]{1,4}(?:sudo[ \t]{1,4})?(?:htpasswd|openssl[ \t]{1,4}passwd|mkpasswd|doveadm[ \t]{1,4}pw|slappasswd)[ \t][^\r\n]{0,200}\z)");
    // The cue on the value's line is near it; a line above counts for a value in a line of up to
    // four reaches (a documented curl command with its query string: Zabbix' ManageEngine guide),
    // not in a minified one.
    std::size_t begin = pos;
    while (begin > 0 && data[begin - 1] != '\n') {
        if (pos - begin > 4 * kReach) {
            begin = std::string_view::npos;
            break;
        }
        --begin;
    }
    const std::size_t near = pos - (begin != std::string_view::npos && pos - begin <= kReach ? begin : pos - kReach);
    if (RE2::PartialMatch(data.substr(pos - near, near), same_line)) return true;
    if (begin == std::string_view::npos) return false;
    // the nearest non-blank line above, one blank line allowed between (and one fence line)
    auto cue_above = [&](std::size_t end, bool fence_seen) {
        for (int blank = 0; blank < 2 && end > 0; ++blank) {
            const std::size_t line_end = end - 1;
            std::size_t b = line_end;
            while (b > 0 && data[b - 1] != '\n') {
                if (line_end - b > 4 * kReach) return false;
                --b;
            }
            std::string_view line = data.substr(b, line_end - b);
            if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
                if (!fence_seen && RE2::PartialMatch(line, fence)) {
                    fence_seen = true;
                    blank = -1;
                    end = b;
                    continue;
                }
                return RE2::PartialMatch(line, line_above) || RE2::PartialMatch(line, command_above);
            }
            end = b;
        }
        return false;
    };
    if (cue_above(begin, false)) return true;
    // ... or further down a fenced block the cue introduces: the block's opening fence a few lines
    // above the value, the cue above it (Sails' datastore guide: "so that it looks something like
    // this:", ```` ```javascript ````, a comment and two lines of code, then `url: 'mysql://…'`)
    static constexpr int kBlockLines = 12;
    std::size_t end = begin;
    for (int n = 0; n < kBlockLines && end > 0; ++n) {
        const std::size_t line_end = end - 1;
        std::size_t b = line_end;
        while (b > 0 && data[b - 1] != '\n') {
            if (line_end - b > 4 * kReach) return false;
            --b;
        }
        if (RE2::PartialMatch(data.substr(b, line_end - b), fence)) return n > 0 && cue_above(b, true);
        end = b;
    }
    return false;
}

bool before_change_cue(ByteView data, std::size_t end) {
    static constexpr std::size_t kReach = 160;
    // a comment after the value telling the reader to change it (Icinga Web 2's guide:
    // `password = "…" // Change this!`, `secret: … # change me`, an INI's `key = … ; change me`), the
    // cue the whole comment: one that says more is a developer's note on a real value (`# TODO: replace this with os.environ
    // before launch`, `# FIXME change this, it is the prod one`, `# must change it every 90 days`).
    // A `;` right after the value is prose, not a comment (`The default password is "…"; change it`).
    static const RE2 cue(
        R"((?i)^[^\r\n]{0,40}?(?:#|//|/\*|--|[ \t];|<!--)[ \t]{0,4}(?:please[ \t]{1,2})?(?:change|replace)[ \t]{1,2}(?:this|me|it)[ \t]{0,4}[.!]{0,3}[ \t]{0,4}(?:\*/|-->)?[ \t]*\r?$)");
    std::size_t e = end;
    while (e < data.size() && e - end < kReach && data[e] != '\n') ++e;
    if (e < data.size() && data[e] != '\n') return false;  // the line goes on past the reach
    return RE2::PartialMatch(data.substr(end, e - end), cue);
}

bool has_armor(ByteView data) { return data.find("-----BEGIN ") != std::string_view::npos; }

bool in_armor_body(ByteView data, std::size_t pos) {
    static constexpr int kMaxLines = 200;             // a certificate chain's block, not a whole file
    static constexpr std::size_t kReach = 64 * 1024;  // ... of armor lines (64 characters), not a bundle's
    // A line of the body: base64 alone, bare or quoted as a string literal of source (`"MIID…\n"`,
    // `b'MIID…' +`), or blank. A body is such lines only, and header lines (`Proc-Type: 4,ENCRYPTED`)
    // at its top: a `-----BEGIN ` in code above (a PEM parser's constant) heads no block.
    static const RE2 body(
        R"re([ \t]*(?:[A-Za-z@]?["'`])?[A-Za-z0-9+/]*={0,2}(?:\\r)?(?:\\n)?["'`]?[ \t]*[,;+\\]?[ \t]*\r?)re");
    static const RE2 header(
        R"re([ \t]*["'`]?(?i:proc-type|dek-info|version|comment|charset|messageid):[ \t][^\r\n]*)re");
    const std::size_t floor = pos > kReach ? pos - kReach : 0;
    std::size_t end = pos;
    while (end > floor && data[end - 1] != '\n') --end;  // the start of the line holding `pos`
    std::size_t own_end = pos;
    while (own_end < data.size() && data[own_end] != '\n') ++own_end;
    if (!RE2::FullMatch(data.substr(end, own_end - end), body)) return false;
    for (int n = 0; n < kMaxLines && end > floor; ++n) {
        const std::size_t line_end = end - 1;
        std::size_t b = line_end;
        while (b > floor && data[b - 1] != '\n') --b;
        if (b > 0 && data[b - 1] != '\n') return false;  // the reach ends inside a line
        std::string_view line = data.substr(b, line_end - b);
        if (line.find("-----END ") != std::string_view::npos) return false;
        // a signed message's text is not armor (`-----BEGIN PGP SIGNED MESSAGE-----`)
        if (line.find("-----BEGIN ") != std::string_view::npos)
            return line.find("SIGNED MESSAGE") == std::string_view::npos;
        if (!RE2::FullMatch(line, body) && !RE2::FullMatch(line, header)) return false;
        end = b;
    }
    return false;
}

bool has_man_page_sections(ByteView data) {
    return data.starts_with(".SH") || data.starts_with(".Sh") || data.find("\n.SH") != std::string_view::npos ||
           data.find("\n.Sh") != std::string_view::npos;
}

bool in_man_page_example(ByteView data, std::size_t pos) {
    static constexpr std::size_t kReach = 64 * 1024;  // a section of a manual page, not a whole book
    static const RE2 example(R"((?i)(?:^|[^\w])examples?(?:[^\w]|$))");
    const std::size_t floor = pos > kReach ? pos - kReach : 0;
    bool verbatim_closed = false;  // a verbatim block ended between `pos` and the lines above
    std::size_t end = pos;
    while (end > floor) {
        std::size_t b = end;
        while (b > floor && data[b - 1] != '\n') --b;
        if (b > 0 && data[b - 1] != '\n') return false;  // the reach ends inside a line
        std::string_view line = data.substr(b, end - b);
        // a verbatim block (pod2man's `.Vb`/`.Ve`, man(7)'s `.EX`/`.EE`): a sample configuration
        // or session in any section (collectd.conf(5)'s plugin blocks with `Password "…"`)
        if (line.size() >= 3 && line[0] == '.' &&
            (line.substr(1, 2) == "Ve" || line.substr(1, 2) == "EE" || line.substr(1, 2) == "Vb" ||
             line.substr(1, 2) == "EX") &&
            (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r')) {
            if (line[1] == 'V' ? line[2] == 'e' : line[2] == 'E') verbatim_closed = true;
            else if (!verbatim_closed) return true;
        }
        // ... and mdoc's literal and unfilled displays (`.Bd -literal` … `.Ed`: OpenSMTPD's table(5),
        // a credentials table's users and bcrypt hashes)
        if (line.size() >= 3 && line[0] == '.' && (line.substr(1, 2) == "Ed" || line.substr(1, 2) == "Bd") &&
            (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r')) {
            if (line[1] == 'E') verbatim_closed = true;
            else if (!verbatim_closed && (line.find(" -literal") != std::string_view::npos ||
                                          line.find(" -unfilled") != std::string_view::npos))
                return true;
        }
        if (line.size() >= 4 && line[0] == '.' && line[1] == 'S' && (line[2] == 'H' || line[2] == 'h') &&
            (line[3] == ' ' || line[3] == '\t'))
            return RE2::PartialMatch(line.substr(4), example);
        if (b == 0) return false;
        end = b - 1;
    }
    return false;
}

}  // namespace nhiscan
