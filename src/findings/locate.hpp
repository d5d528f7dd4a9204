#pragma once
// Turns a blob's confirmed matches into findings with 1-based line/column. Lines are counted
// once per blob, walking forward through the sorted match offsets: no index of every line.
#include <string_view>
#include <vector>

#include "compile/compiled_rules.hpp"
#include "findings/finding.hpp"
#include "scan/scanner.hpp"

namespace nhiscan {

struct BlobContext {
    std::string_view path;
    SourceKind kind = SourceKind::File;
    std::string_view member;      // archive member path, "" for none (Provenance::member)
    std::size_t line_base = 0;    // lines before this buffer (chunked scans)
    std::size_t column_base = 0;  // bytes of the buffer's first line that precede the buffer
    bool scoped = true;           // no path (a history blob): whether the path-scoped rules run
};

// UTF-16 code units that UTF-8 text takes: one per character, two for those above U+FFFF
// (4-byte sequences). A stray continuation byte counts nothing, a stray lead byte one.
std::size_t utf16_length(std::string_view utf8);

std::vector<Finding> locate(const CompiledRules& rules, std::string_view data, std::vector<Match> matches,
                            const BlobContext& ctx);

}  // namespace nhiscan
