#pragma once
// Documentation examples inside code: an Ansible module's EXAMPLES/DOCUMENTATION/RETURN strings
// and the `@example` or `## Example` sections of doc comments. Their values are samples, so a
// finding there is lowered one confidence level and noted (Scanner::keep, docs/rules.md).
#include <cstddef>

#include "core/bytes.hpp"

namespace nhiscan {

// Whether `data` has a documentation string at a line's start at all (once per buffer).
bool has_documentation_strings(ByteView data);
// Whether `pos` lies inside such a documentation string.
bool in_documentation_string(ByteView data, std::size_t pos);

// Whether `data` has an `@example` tag or `## Example` heading at all (once per buffer).
bool has_doc_comment_examples(ByteView data);
// Whether `pos` lies in the example section of a documentation comment.
bool in_doc_comment_example(ByteView data, std::size_t pos);

// Whether the text just before `pos` introduces it as an example: earlier on its line (`e.g.
// {MD5}$1$…` in Roundcube's password plugin's settings, `example : `$1$…`` in PostfixAdmin's
// HASHING.md, `- Example: `Authorization: Basic …`` and `"example": "…"` in OpenAPI documents),
// or ending the nearest non-blank line above (`e.g.` alone on its line, an OpenAPI YAML
// `example: >-` whose folded value is the match, "a hash like :"), or a shell prompt above runs a
// hashing command whose output the match is (`$ htpasswd -nmb apache apache`).
bool after_example_cue(ByteView data, std::size_t pos);

// Whether a comment after the value, on its line from `end`, tells the reader to change it
// (`password = "…" // Change this!`): the value is a sample to replace.
bool before_change_cue(ByteView data, std::size_t end);

// Whether `data` has a PEM-style armor line (`-----BEGIN `) at all (once per buffer).
bool has_armor(ByteView data);
// Whether the line holding `pos` lies in the body of an armored block: the nearest armor line
// above it is a `-----BEGIN ` one (a certificate's base64 lines, quoted in source as C strings).
bool in_armor_body(ByteView data, std::size_t pos);

// Whether `pos` lies in a manual page's examples section: the nearest roff section heading above
// it (`.SH`, mdoc's `.Sh`) names examples (wg(8)'s "CONFIGURATION FILE FORMAT EXAMPLE", wg-quick(8)'s
// "EXAMPLES": the keys of a sample configuration), or in a verbatim block (`.Vb`/`.Ve`, `.EX`/`.EE`).
bool in_man_page_example(ByteView data, std::size_t pos);
// Whether `data` has a roff section heading at a line's start at all (once per buffer).
bool has_man_page_sections(ByteView data);

}  // namespace nhiscan
