#pragma once
// Owned descriptors and mappings, and the one way to read a whole file and to replace one
// atomically.
#include <sys/types.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nhiscan {

// A file descriptor closed on destruction.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    UniqueFd& operator=(UniqueFd&& o) noexcept {
        if (this != &o) reset(std::exchange(o.fd_, -1));
        return *this;
    }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;

    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    void reset(int fd = -1);
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_ = -1;
};

// A read-only private mapping, unmapped on destruction.
class Mapping {
public:
    Mapping() = default;
    ~Mapping() { reset(); }
    Mapping(Mapping&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
    Mapping& operator=(Mapping&& o) noexcept {
        if (this != &o) {
            reset();
            data_ = std::exchange(o.data_, nullptr);
            size_ = std::exchange(o.size_, 0);
        }
        return *this;
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;

    // Maps `size` bytes of `fd` (mmap flags MAP_PRIVATE | `extra_flags`); empty on failure (errno set).
    static Mapping map(int fd, std::size_t size, int extra_flags = 0);
    // Gives up ownership (the caller unmaps).
    std::pair<void*, std::size_t> release() { return {std::exchange(data_, nullptr), std::exchange(size_, 0)}; }

    const unsigned char* data() const { return static_cast<const unsigned char*>(data_); }
    std::size_t size() const { return size_; }
    explicit operator bool() const { return data_ != nullptr; }
    void reset();

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

// The whole content of a file, or nullopt with `err` set to an errno value. A directory is
// EISDIR (streams "open" one and read nothing, which would pass for an empty file).
// A FIFO, socket or device named directly (not through a symlink such as /dev/stdin or a
// shell's /dev/fd/N) is not opened: `err` is kNotRegularFile. A device or socket reached
// through a symlink is refused too (a repository's `.nhiscan.toml -> /dev/zero`); only a pipe
// is read through one. Opening a FIFO with no writer
// blocks for ever, and /dev/zero never ends.
std::optional<std::string> read_whole_file(const std::string& path, int& err);
inline constexpr int kNotRegularFile = -1;
// strerror(err), or what kNotRegularFile means.
std::string read_error(int err);

// Replaces `path` with `parts` (written in order), atomically: a uniquely named temp file
// (mkstemp) in the same directory, then rename(2), so concurrent writers and readers never
// see a partial file. `mode` is applied less the umask. Returns 0, or an errno value.
int write_file_atomic(const std::string& path, std::initializer_list<std::string_view> parts, mode_t mode = 0666);
// A file the user named (--write-baseline, import -o): a device or pipe there (/dev/stdout,
// /dev/full, a FIFO) is written to in place, and a symlink's target is replaced, not the link;
// otherwise write_file_atomic. (The rule cache keeps write_file_atomic: it replaces whatever
// is at its own path and never writes through a link.)
int write_named_output(const std::string& path, std::initializer_list<std::string_view> parts, mode_t mode = 0666);

}  // namespace nhiscan
