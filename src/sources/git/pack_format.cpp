#include "sources/git/pack_format.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/core.h>

#include "core/error.hpp"

namespace nhiscan {

HeaderParse parse_object_header(const unsigned char* p, std::size_t n, std::uint64_t offset, PackObjectHeader& h) {
    std::size_t pos = 0;
    if (n == 0) return HeaderParse::Truncated;
    unsigned char c = p[pos++];
    h.type = (c >> 4) & 7;
    h.size = c & 15;
    for (unsigned shift = 4; c & 0x80; shift += 7) {
        if (pos >= n) return HeaderParse::Truncated;
        if (shift > 57) return HeaderParse::Malformed;
        c = p[pos++];
        h.size |= std::uint64_t(c & 0x7f) << shift;
    }
    h.base_back = 0;
    h.ref_base = nullptr;
    if (h.type == kPackOfsDelta) {
        if (pos >= n) return HeaderParse::Truncated;
        c = p[pos++];
        std::uint64_t back = c & 127;
        while (c & 128) {
            if (pos >= n) return HeaderParse::Truncated;
            if (back > (std::uint64_t(1) << 56)) return HeaderParse::Malformed;
            c = p[pos++];
            back = ((back + 1) << 7) | (c & 127);
        }
        if (back == 0 || back > offset) return HeaderParse::Malformed;
        h.base_back = back;
    } else if (h.type == kPackRefDelta) {
        if (pos + 20 > n) return HeaderParse::Truncated;
        h.ref_base = p + pos;
        pos += 20;
    } else if (h.type < 1 || h.type > 4) {
        return HeaderParse::UnknownType;
    }
    h.length = pos;
    return HeaderParse::Ok;
}

bool delta_varint(const unsigned char* p, std::size_t n, std::size_t& pos, std::uint64_t& v) {
    v = 0;
    for (unsigned shift = 0; pos < n && shift < 64; shift += 7) {
        unsigned char c = p[pos++];
        v |= std::uint64_t(c & 0x7f) << shift;
        if (!(c & 0x80)) return true;
    }
    return false;
}

long long pread_full(int fd, void* buf, std::size_t n, std::uint64_t off) {
    std::size_t got = 0;
    while (got < n) {
        ssize_t r = ::pread(fd, static_cast<char*>(buf) + got, n - got, static_cast<off_t>(off + got));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return -1;
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    return static_cast<long long>(got);
}

PackIndex::PackIndex(const std::string& idx_path) {
    auto bad = [&](const char* why) { return Error(fmt::format("malformed pack index '{}': {}", idx_path, why)); };
    UniqueFd fd(::open(idx_path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw Error(fmt::format("cannot open '{}': {}", idx_path, std::strerror(errno)));
    struct stat st{};
    if (::fstat(fd.get(), &st) != 0 || st.st_size < 1024 + 40) throw bad("truncated");
    map_ = Mapping::map(fd.get(), static_cast<std::size_t>(st.st_size));
    if (!map_) throw Error(fmt::format("cannot map '{}': {}", idx_path, std::strerror(errno)));
    const unsigned char* m = map_.data();
    const std::size_t size = map_.size();
    v2_ = std::memcmp(m, "\377tOc", 4) == 0;
    const std::size_t fanout = v2_ ? 8 : 0;
    if (v2_ && be32(m + 4) != 2) throw bad("unsupported version");
    if (size < fanout + 1024 + 40) throw bad("truncated");
    count_ = be32(m + fanout + 255 * 4);
    const std::size_t need = v2_ ? fanout + 1024 + std::size_t(28) * count_ : 1024 + std::size_t(24) * count_;
    if (size < need + 40) throw bad("truncated");
}

const unsigned char* PackIndex::name(std::uint32_t i) const {
    return v2_ ? map_.data() + 8 + 1024 + std::size_t(20) * i : map_.data() + 1024 + std::size_t(24) * i + 4;
}

git_oid PackIndex::id(std::uint32_t i) const {
    git_oid out;
    std::memcpy(out.id, name(i), 20);
    return out;
}

std::optional<std::uint64_t> PackIndex::offset(std::uint32_t i) const {
    const unsigned char* m = map_.data();
    if (!v2_) return be32(m + 1024 + std::size_t(24) * i);
    const std::size_t offs = 8 + 1024 + std::size_t(24) * count_;
    std::uint32_t o = be32(m + offs + std::size_t(4) * i);
    if (!(o & 0x80000000u)) return o;
    const std::size_t large = offs + std::size_t(4) * count_ + 8 * std::size_t(o & 0x7fffffffu);
    if (large + 8 > map_.size() - 40) return std::nullopt;
    return be64(m + large);
}

std::optional<std::uint64_t> PackIndex::find(const git_oid& id) const {
    const std::size_t fanout = v2_ ? 8 : 0;
    const unsigned first = id.id[0];
    std::uint32_t lo = first ? be32(map_.data() + fanout + (first - 1) * 4) : 0;
    std::uint32_t hi = be32(map_.data() + fanout + first * 4);
    if (hi > count_ || lo > hi) return std::nullopt;  // a damaged fan-out table
    while (lo < hi) {
        std::uint32_t mid = lo + (hi - lo) / 2;
        int c = std::memcmp(name(mid), id.id, 20);
        if (c == 0) return offset(mid);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return std::nullopt;
}

}  // namespace nhiscan
