#include "sources/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>

#include <fmt/core.h>

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

}  // namespace

void read_file_chunks(const std::string& path, std::size_t chunk, std::size_t overlap,
                      const std::function<void(std::string_view, std::uint64_t)>& on_chunk) {
    Fd f{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0) throw Error(fmt::format("cannot read {}: {}", diag::printable(path), std::strerror(errno)));
    struct stat st {};
    if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw Error(fmt::format("cannot read {}: not a regular file", diag::printable(path)));
    // Regular files never block; clear O_NONBLOCK anyway so reads behave normally.
    ::fcntl(f.fd, F_SETFL, ::fcntl(f.fd, F_GETFL) & ~O_NONBLOCK);
    std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
    std::string buf;
    buf.resize(size < chunk ? size + 1 : chunk);  // +1 notices a file that grew
    std::size_t carried = 0;  // bytes of overlap kept at the front of buf
    std::uint64_t offset = 0;  // file offset of buf[0]
    for (;;) {
        std::size_t got = read_full(f.fd, buf.data() + carried, buf.size() - carried, path);
        std::size_t len = carried + got;
        if (got == 0) break;  // nothing new: the carried overlap was already scanned
        on_chunk(std::string_view(buf.data(), len), offset);
        if (len < buf.size()) break;  // end of file
        std::size_t keep = overlap < len ? overlap : 0;
        std::memmove(buf.data(), buf.data() + len - keep, keep);
        offset += len - keep;
        carried = keep;
    }
}

std::string read_stdin() {
    std::ios::sync_with_stdio(false);
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) throw Error("cannot read standard input");
    return data;
}

}  // namespace nhiscan
