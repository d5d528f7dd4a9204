#include "pipeline/blob_scan.hpp"

#include <algorithm>

#include "sources/file_reader.hpp"

namespace nhiscan {

bool scan_blob(Scanner& scanner, const CompiledRules& rules, std::string_view data, const BlobContext& ctx,
               std::vector<Finding>& out) {
    if (looks_binary(data)) return false;
    if (scanner.path_allowed(ctx.path)) return true;
    auto found = locate(rules, data, scanner.scan(data, ctx.path), ctx);
    std::move(found.begin(), found.end(), std::back_inserter(out));
    return true;
}

bool scan_file(Scanner& scanner, const CompiledRules& rules, const std::string& fs_path, const BlobContext& ctx,
               std::vector<Finding>& out, std::uint64_t& bytes_read) {
    if (scanner.path_allowed(ctx.path)) return true;
    bool binary = false;
    BlobContext c = ctx;
    std::uint64_t next_offset = 0;  // file offset where the previous chunk ended
    read_file_chunks(fs_path, kChunkSize, kChunkOverlap, [&](std::string_view data, std::uint64_t offset) {
        if (binary) return;
        if (offset == 0 && looks_binary(data)) {
            binary = true;
            return;
        }
        // Bytes of this chunk already scanned as the previous chunk's tail.
        std::size_t seen = offset == 0 ? 0 : static_cast<std::size_t>(next_offset - offset);
        auto matches = scanner.scan(data, ctx.path);
        std::erase_if(matches, [&](const Match& m) { return m.end <= seen; });
        auto found = locate(rules, data, std::move(matches), c);
        std::move(found.begin(), found.end(), std::back_inserter(out));
        bytes_read += data.size() - seen;
        next_offset = offset + data.size();
        // Line/column bases for the next chunk, which starts kChunkOverlap bytes before this end.
        std::size_t next_start = data.size() > kChunkOverlap ? data.size() - kChunkOverlap : 0;
        std::string_view before = data.substr(0, next_start);
        std::size_t newlines = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        c.line_base += newlines;
        auto last_nl = before.rfind('\n');
        c.column_base = last_nl == std::string_view::npos ? c.column_base + before.size() : before.size() - last_nl - 1;
    });
    return !binary;
}

}  // namespace nhiscan
