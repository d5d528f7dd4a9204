#include "pipeline/blob_scan.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include "core/utf16.hpp"
#include "sources/file_reader.hpp"

namespace nhiscan {

bool scan_blob(Scanner& scanner, const CompiledRules& rules, std::string_view data, const BlobContext& ctx,
               std::vector<Finding>& out) {
    std::string text;  // UTF-16 content, as text (core/utf16.hpp)
    if (looks_binary(data)) {
        if (!looks_utf16(data)) return false;
        data = text = utf16_to_text(data);  // holds no NUL
    }
    if (scanner.path_allowed(ctx.path)) return true;
    auto found = locate(rules, data, scanner.scan(data, ctx.path, ctx.scoped), ctx);
    std::move(found.begin(), found.end(), std::back_inserter(out));
    return true;
}

namespace {

// The chunked scan behind scan_file and scan_stream: `read(on_chunk)` delivers the chunks.
// Returns false when the input looks binary.
template <typename Read>
ChunkedScan scan_chunks_as(Scanner& scanner, const CompiledRules& rules, const BlobContext& ctx,
                           std::vector<Finding>& out, std::uint64_t& bytes_read, std::size_t overlap, std::size_t tail,
                           bool binary_rules, Read&& read,
                           const std::function<bool(std::string_view)>* divert = nullptr) {
    bool binary = false;
    bool diverted = false;
    bool limited = false;  // binary, scanned with the binary rules only
    BlobContext c = ctx;
    std::uint64_t next_offset = 0;  // file offset where the previous chunk ended
    // Findings of the latest chunk that end in its last `tail` bytes: reported only if no
    // chunk follows (the next chunk sees them with context on both sides).
    std::vector<Finding> pending;
    read([&](std::string_view data, std::uint64_t offset, bool more) {
        if (binary || diverted) return;
        if (offset == 0 && divert && (*divert)(data)) {
            diverted = true;
            return;
        }
        // A UTF-16 file in one chunk (up to kChunkSize) is scanned as its text (core/utf16.hpp);
        // a larger one stays binary: its chunks' offsets and lines are the file's bytes.
        const std::size_t raw_size = data.size();
        std::string text;
        bool binary_chunk = offset == 0 && looks_binary(data);
        if (binary_chunk && !more && looks_utf16(data)) {
            data = text = utf16_to_text(data);  // holds no NUL
            binary_chunk = false;
        }
        if (binary_chunk) {
            if (!binary_rules) {
                binary = true;
                return;
            }
            limited = true;
        }
        // Bytes of this chunk already scanned as the previous chunk's tail; matches ending
        // at or before `left_cut` were the previous chunk's to report.
        std::size_t seen = offset == 0 ? 0 : static_cast<std::size_t>(next_offset - offset);
        std::size_t left_cut = seen > tail ? seen - tail : seen;
        if (seen > tail) {
            pending.clear();  // this chunk sees those bytes again, with context on both sides
        } else {
            std::move(pending.begin(), pending.end(), std::back_inserter(out));  // (a file that grew)
            pending.clear();
        }
        std::size_t right_cut = data.size() > tail ? data.size() - tail : 0;
        auto matches = limited ? scanner.scan_binary(data, ctx.path, ctx.scoped) : scanner.scan(data, ctx.path, ctx.scoped);
        std::vector<Match> now, later;
        for (auto& m : matches) {
            if (m.end <= left_cut) continue;
            (m.end > right_cut ? later : now).push_back(std::move(m));
        }
        matches = std::move(now);
        auto found = locate(rules, data, std::move(matches), c);
        std::move(found.begin(), found.end(), std::back_inserter(out));
        pending = locate(rules, data, std::move(later), c);
        bytes_read += raw_size - seen;
        next_offset = offset + data.size();
        // Line/column bases for the next chunk, which starts `overlap` bytes before this end:
        // counted only when one may follow (most files are one chunk).
        if (!more) return;
        std::size_t next_start = data.size() > overlap ? data.size() - overlap : data.size();
        std::string_view before = data.substr(0, next_start);
        std::size_t newlines = count_byte(before, '\n');
        c.line_base += newlines;
        auto last_nl = before.rfind('\n');
        c.column_base = last_nl == std::string_view::npos ? c.column_base + before.size() : before.size() - last_nl - 1;
    });
    if (diverted) return ChunkedScan::Diverted;
    std::move(pending.begin(), pending.end(), std::back_inserter(out));
    return binary ? ChunkedScan::Binary : limited ? ChunkedScan::BinaryLimited : ChunkedScan::Text;
}

template <typename Read>
bool scan_chunks(Scanner& scanner, const CompiledRules& rules, const BlobContext& ctx, std::vector<Finding>& out,
                 std::uint64_t& bytes_read, std::size_t overlap, std::size_t tail, Read&& read) {
    return scan_chunks_as(scanner, rules, ctx, out, bytes_read, overlap, tail, false, std::forward<Read>(read)) ==
           ChunkedScan::Text;
}

}  // namespace

ChunkedScan scan_chunked(Scanner& scanner, const CompiledRules& rules, const BlobContext& ctx,
                         std::vector<Finding>& out, std::uint64_t& bytes_read, bool binary_rules,
                         const std::function<void(const ChunkFn&)>& read, std::size_t overlap, std::size_t tail) {
    if (scanner.path_allowed(ctx.path)) return ChunkedScan::Text;
    return scan_chunks_as(scanner, rules, ctx, out, bytes_read, overlap, tail, binary_rules, read);
}

bool scan_file(Scanner& scanner, const CompiledRules& rules, const std::string& fs_path, const BlobContext& ctx,
               std::vector<Finding>& out, std::uint64_t& bytes_read, std::size_t chunk, std::size_t overlap,
               std::size_t tail) {
    if (scanner.path_allowed(ctx.path)) return true;
    return scan_chunks(scanner, rules, ctx, out, bytes_read, overlap, tail,
                       [&](const ChunkFn& fn) { read_file_chunks(fs_path, chunk, overlap, fn, std::string(ctx.path)); });
}

ChunkedScan scan_file_or_divert(Scanner& scanner, const CompiledRules& rules, const std::string& fs_path,
                                const BlobContext& ctx, std::vector<Finding>& out, std::uint64_t& bytes_read,
                                const std::function<bool(std::string_view)>& divert) {
    if (scanner.path_allowed(ctx.path)) return ChunkedScan::Text;
    return scan_chunks_as(
        scanner, rules, ctx, out, bytes_read, kChunkOverlap, kChunkTail, false,
        [&](const ChunkFn& fn) { read_file_chunks(fs_path, kChunkSize, kChunkOverlap, fn, std::string(ctx.path)); },
        &divert);
}

StreamScan scan_stream(Scanner& scanner, const CompiledRules& rules, int fd, const BlobContext& ctx,
                       std::uint64_t max_size, std::vector<Finding>& out, std::uint64_t& bytes_read,
                       std::size_t chunk, std::size_t overlap, std::size_t tail) {
    std::vector<Finding> found;
    bool within = true;
    bool text = scan_chunks(scanner, rules, ctx, found, bytes_read, overlap, tail, [&](const ChunkFn& fn) {
        within = read_fd_chunks(fd, ctx.kind == SourceKind::Stdin ? "standard input" : std::string(ctx.path), chunk, overlap,
                                max_size, fn);
    });
    if (!within) return StreamScan::TooLarge;
    if (!text) return StreamScan::Binary;
    if (!scanner.path_allowed(ctx.path)) std::move(found.begin(), found.end(), std::back_inserter(out));
    return StreamScan::Scanned;
}

}  // namespace nhiscan
