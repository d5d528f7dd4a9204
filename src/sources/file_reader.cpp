#include "sources/file_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>
#include <memory>

#include <fmt/core.h>
#include <sys/stat.h>

#include "core/diag.hpp"
#include "core/error.hpp"

namespace nhiscan {
namespace {

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads up to n bytes at the current position into buf (retrying short reads and EINTR).
std::size_t read_full(int fd, char* buf, std::size_t n, const std::string& path) {
    std::size_t got = 0;
    while (got < n) {
        ssize_t r = ::read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) throw Error(fmt::format("cannot read {}: {}", diag::printable(path), std::strerror(errno)));
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    return got;
}

// A read buffer per thread, kept across files and grown, never zero-filled. A fresh std::string
// per file cost a memset of every byte read and, for files over malloc's mmap threshold, an
// mmap, a page fault per 4 KiB page and an munmap. A buffer grown for one huge file is freed
// after it. A nested read on the same thread (none today) gets a buffer of its own.
class ReadBuffer {
public:
    ReadBuffer() : slot_(in_use_ ? owned_ : shared_), nested_(in_use_) { in_use_ = true; }
    ~ReadBuffer() {
        if (!nested_) {
            in_use_ = false;
            if (shared_.size > kKeep) shared_ = {};
        }
    }
    ReadBuffer(const ReadBuffer&) = delete;
    ReadBuffer& operator=(const ReadBuffer&) = delete;

    char* data() { return slot_.bytes.get(); }
    std::size_t size() const { return size_; }
    // Resizes to n bytes, keeping the first `keep` bytes.
    void resize(std::size_t n, std::size_t keep = 0) {
        if (n > slot_.size) {
            std::unique_ptr<char[]> bigger(new char[n]);
            if (keep) std::memcpy(bigger.get(), slot_.bytes.get(), keep);
            slot_.bytes = std::move(bigger);
            slot_.size = n;
        }
        size_ = n;
    }

private:
    static constexpr std::size_t kKeep = 8u << 20;
    struct Slot {
        std::unique_ptr<char[]> bytes;
        std::size_t size = 0;
    };
    static thread_local Slot shared_;
    static thread_local bool in_use_;
    Slot owned_;
    Slot& slot_;
    bool nested_;
    std::size_t size_ = 0;
};
thread_local ReadBuffer::Slot ReadBuffer::shared_;
thread_local bool ReadBuffer::in_use_ = false;

}  // namespace

// The chunk loop shared by files, stdin and git blob streams. `size_hint` sizes the buffer
// for small inputs.
bool read_chunks(const ReadSome& read, const std::string& name, std::size_t chunk, std::size_t overlap,
                 std::uint64_t size_hint, std::uint64_t limit, const ChunkFn& on_chunk) {
    auto read_full = [&](char* buf, std::size_t n, const std::string&) {
        std::size_t got = 0;
        while (got < n) {
            std::size_t r = read(buf + got, n - got);
            if (r == 0) break;
            got += r;
        }
        return got;
    };
    ReadBuffer buf;
    buf.resize(size_hint < chunk ? static_cast<std::size_t>(size_hint) + 1 : chunk);  // +1 notices a file that grew
    std::size_t carried = 0;  // bytes of overlap kept at the front of buf
    std::uint64_t offset = 0;  // file offset of buf[0]
    for (;;) {
        std::size_t want = buf.size() - carried;
        std::uint64_t room = limit - std::min<std::uint64_t>(limit, offset + carried);  // bytes left under the limit
        bool capped = room < want;
        std::size_t got = read_full(buf.data() + carried, capped ? static_cast<std::size_t>(room) : want, name);
        std::size_t len = carried + got;
        if (capped && got == room) {
            // At the limit: one more byte says whether the input goes on past it.
            char extra;
            if (read_full(&extra, 1, name) == 1) return false;
        }
        if (got == 0) break;  // nothing new: the carried overlap was already scanned
        on_chunk(std::string_view(buf.data(), len), offset, len == buf.size());
        if (len < buf.size()) break;  // end of input
        if (buf.size() < chunk) buf.resize(chunk, len);  // a file that grew, or a stream: full chunks from here
        std::size_t keep = overlap < len ? overlap : 0;
        std::memmove(buf.data(), buf.data() + len - keep, keep);
        offset += len - keep;
        carried = keep;
    }
    return true;
}

namespace {

bool chunk_loop(int fd, const std::string& name, std::size_t chunk, std::size_t overlap, std::uint64_t size_hint,
                std::uint64_t limit, const ChunkFn& on_chunk) {
    return read_chunks([&](char* buf, std::size_t n) { return read_full(fd, buf, n, name); }, name, chunk, overlap,
                       size_hint, limit, on_chunk);
}

}  // namespace

void read_file_chunks(const std::string& path, std::size_t chunk, std::size_t overlap, const ChunkFn& on_chunk,
                      const std::string& name) {
    const std::string& shown = name.empty() ? path : name;
    Fd f{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0) throw Error(fmt::format("cannot read {}: {}", diag::printable(shown), std::strerror(errno)));
    struct stat st {};
    if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw Error(fmt::format("cannot read {}: not a regular file", diag::printable(shown)));
    // Regular files never block; clear O_NONBLOCK anyway so reads behave normally.
    ::fcntl(f.fd, F_SETFL, ::fcntl(f.fd, F_GETFL) & ~O_NONBLOCK);
    chunk_loop(f.fd, shown, chunk, overlap, static_cast<std::uint64_t>(st.st_size), UINT64_MAX, on_chunk);
}

bool read_fd_chunks(int fd, const std::string& name, std::size_t chunk, std::size_t overlap, std::uint64_t limit,
                    const ChunkFn& on_chunk) {
    struct stat st {};
    // A pipe's size is unknown: start with 1 MiB, the loop grows the buffer to `chunk` if needed.
    std::uint64_t hint = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : (1u << 20);
    return chunk_loop(fd, name, chunk, overlap, hint, limit, on_chunk);
}

std::string read_stdin() {
    std::ios::sync_with_stdio(false);
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) throw Error("cannot read standard input");
    return data;
}

}  // namespace nhiscan
