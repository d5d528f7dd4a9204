#pragma once
// Reads a regular file for scanning: opened with O_NOFOLLOW | O_NONBLOCK and re-checked with
// fstat, so a path swapped for a FIFO or symlink after the walk is refused instead of hanging.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace nhiscan {

using ChunkFn = std::function<void(std::string_view data, std::uint64_t offset, bool more)>;

// Calls `on_chunk(data, offset, more)` with consecutive chunks of at most `chunk` bytes; each
// chunk after the first starts `overlap` bytes before the previous one ended, so a match that
// straddles a boundary is seen whole. `more` is false for a chunk known to be the last (so line
// bases for a next chunk need not be counted). Small files arrive as one chunk. Throws Error on
// I/O errors.
// `name` (default: `path`) is how error messages call the file, e.g. its repository-relative path.
void read_file_chunks(const std::string& path, std::size_t chunk, std::size_t overlap, const ChunkFn& on_chunk,
                      const std::string& name = {});

// Like read_file_chunks, for an already open descriptor that need not be a regular file
// (standard input: a pipe or a terminal). Returns false as soon as the input turns out to be
// longer than `limit` bytes (the chunks delivered so far are then the caller's to discard).
// Memory is one chunk whatever the input size. `name` is for error messages.
bool read_fd_chunks(int fd, const std::string& name, std::size_t chunk, std::size_t overlap, std::uint64_t limit,
                    const ChunkFn& on_chunk);

// The same chunking over any source: `read(buf, n)` returns up to n bytes, 0 at the end, and
// throws Error on failure (a git blob stream, for `staged`). `size_hint` sizes the first buffer.
using ReadSome = std::function<std::size_t(char* buf, std::size_t n)>;
bool read_chunks(const ReadSome& read, const std::string& name, std::size_t chunk, std::size_t overlap,
                 std::uint64_t size_hint, std::uint64_t limit, const ChunkFn& on_chunk);

// Reads all of stdin (tests and small inputs; scans use read_fd_chunks on fd 0).
std::string read_stdin();

}  // namespace nhiscan
