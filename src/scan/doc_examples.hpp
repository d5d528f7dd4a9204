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

}  // namespace nhiscan
