#include "core/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace nhiscan {

void UniqueFd::reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

Mapping Mapping::map(int fd, std::size_t size, int extra_flags) {
    Mapping m;
    if (size == 0) {
        errno = EINVAL;
        return m;
    }
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | extra_flags, fd, 0);
    if (p == MAP_FAILED) return m;
    m.data_ = p;
    m.size_ = size;
    return m;
}

void Mapping::reset() {
    if (data_) ::munmap(data_, size_);
    data_ = nullptr;
    size_ = 0;
}

std::string read_error(int err) {
    if (err == kNotRegularFile) return "not a regular file (FIFOs, sockets and devices are never opened)";
    return std::strerror(err);
}

std::optional<std::string> read_whole_file(const std::string& path, int& err) {
    struct stat lst;
    if (::lstat(path.c_str(), &lst) == 0 &&
        (S_ISFIFO(lst.st_mode) || S_ISSOCK(lst.st_mode) || S_ISCHR(lst.st_mode) || S_ISBLK(lst.st_mode))) {
        // /dev/null is the conventional empty file (`-c /dev/null`: no configuration): it never
        // blocks and ends at once, unlike a FIFO or /dev/zero.
        if (S_ISCHR(lst.st_mode) && lst.st_rdev == makedev(1, 3)) return std::string();
        err = kNotRegularFile;
        return std::nullopt;
    }
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        err = errno;
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        err = errno;
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        err = EISDIR;
        return std::nullopt;
    }
    // ... and a device or socket reached through a symlink: a repository can commit
    // `.nhiscan.toml -> /dev/zero` (or /dev/urandom, /dev/tty), which read without end until
    // memory ran out. A pipe stays readable through a link (/dev/stdin, a shell's <(...)).
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)) {
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) return std::string();
        err = kNotRegularFile;
        return std::nullopt;
    }
    std::string out;
    if (S_ISREG(st.st_mode)) out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            err = errno;
            return std::nullopt;
        }
        if (n == 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

int write_named_output(const std::string& path, std::initializer_list<std::string_view> parts, mode_t mode) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        // A device or a pipe (/dev/stdout, /dev/full, a FIFO, a process substitution): written
        // to in place. A rename would replace the special file itself (root may create the temp
        // file in /dev). A directory fails to open (EISDIR).
        UniqueFd out(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY));
        if (!out) return errno;
        for (std::string_view part : parts) {
            while (!part.empty()) {
                ssize_t n = ::write(out.get(), part.data(), part.size());
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) return errno;
                part.remove_prefix(static_cast<std::size_t>(n));
            }
        }
        if (::close(out.release()) != 0) return errno;
        return 0;
    }
    // A symlink: replace the file it names, not the link.
    std::error_code ec;
    if (std::filesystem::is_symlink(path, ec)) {
        std::filesystem::path real = std::filesystem::weakly_canonical(path, ec);
        if (!ec && real.string() != path) return write_file_atomic(real.string(), parts, mode);
    }
    return write_file_atomic(path, parts, mode);
}

int write_file_atomic(const std::string& path, std::initializer_list<std::string_view> parts, mode_t mode) {
    std::filesystem::path target(path);
    std::filesystem::path dir = target.parent_path();
    std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    UniqueFd fd(::mkstemp(tmpl.data()));
    if (!fd) return errno;
    auto fail = [&](int e) {
        fd.reset();
        ::unlink(tmpl.c_str());
        return e;
    };
    for (std::string_view part : parts) {
        while (!part.empty()) {
            ssize_t n = ::write(fd.get(), part.data(), part.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fail(errno);
            part.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd.get(), mode & ~mask) != 0) return fail(errno);
    if (::close(fd.release()) != 0) {  // a full disk can surface only here
        int e = errno;
        ::unlink(tmpl.c_str());
        return e;
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmpl.c_str());
        return e;
    }
    return 0;
}

}  // namespace nhiscan
