#pragma once
// Scanning one blob or file with a worker's Scanner, including chunking for large files.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "findings/locate.hpp"
#include "pipeline/stats.hpp"
#include "scan/scanner.hpp"
#include "sources/file_reader.hpp"

namespace nhiscan {

constexpr std::size_t kChunkSize = 64u << 20;    // bytes handed to Hyperscan at once
constexpr std::size_t kChunkOverlap = 64u << 10; // must exceed the longest bounded match window
// Where two chunks overlap, a match belongs to the earlier chunk only if it ends at least this
// many bytes before that chunk's end (so its right-hand context, e.g. a trailing `\b` or
// `(?:[^A-Za-z0-9]|$)`, was really seen); otherwise to the later chunk, which has
// kChunkOverlap - kChunkTail bytes of left-hand context for it. Without this a token cut by
// the chunk end was reported twice: once truncated, once whole.
constexpr std::size_t kChunkTail = 4u << 10;

// Scans an in-memory blob. Returns false (and scans nothing) when it looks binary.
bool scan_blob(Scanner& scanner, const CompiledRules& rules, std::string_view data, const BlobContext& ctx,
               std::vector<Finding>& out);

// Scans a file from disk in overlapping chunks (bounded memory whatever its size).
// Returns false when it looks binary. Throws Error when it cannot be read.
// `chunk`, `overlap` and `tail` are parameters for tests; tail < overlap < chunk.

bool scan_file(Scanner& scanner, const CompiledRules& rules, const std::string& fs_path, const BlobContext& ctx,
               std::vector<Finding>& out, std::uint64_t& bytes_read, std::size_t chunk = kChunkSize,
               std::size_t overlap = kChunkOverlap, std::size_t tail = kChunkTail);

enum class ChunkedScan { Text, Binary, BinaryLimited, Diverted };

// scan_file, unless `divert(first chunk)` says the file is for another source (an archive):
// then nothing is scanned and the result is Diverted.
ChunkedScan scan_file_or_divert(Scanner& scanner, const CompiledRules& rules, const std::string& fs_path,
                                const BlobContext& ctx, std::vector<Finding>& out, std::uint64_t& bytes_read,
                                const std::function<bool(std::string_view)>& divert);

// The chunked scan behind scan_file, over any source: `read(on_chunk)` delivers overlapping
// chunks (sources/file_reader.hpp read_chunks). Binary input is Binary (nothing scanned) or,
// with `binary_rules`, BinaryLimited: scanned with the rules trusted on binary content
// (Scanner::scan_binary). `staged` uses it for blobs over --max-file-size.
ChunkedScan scan_chunked(Scanner& scanner, const CompiledRules& rules, const BlobContext& ctx,
                         std::vector<Finding>& out, std::uint64_t& bytes_read, bool binary_rules,
                         const std::function<void(const ChunkFn&)>& read, std::size_t overlap = kChunkOverlap,
                         std::size_t tail = kChunkTail);

enum class StreamScan { Scanned, Binary, TooLarge };

// Scans an open descriptor (standard input) in chunks like scan_file, with bounded memory.
// Input longer than `max_size` bytes is TooLarge: nothing is added to `out`.
StreamScan scan_stream(Scanner& scanner, const CompiledRules& rules, int fd, const BlobContext& ctx,
                       std::uint64_t max_size, std::vector<Finding>& out, std::uint64_t& bytes_read,
                       std::size_t chunk = kChunkSize, std::size_t overlap = kChunkOverlap,
                       std::size_t tail = kChunkTail);

}  // namespace nhiscan
