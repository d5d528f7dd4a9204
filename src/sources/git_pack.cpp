#include "sources/git_pack.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>

#include <fmt/core.h>

#include "core/error.hpp"

namespace nhiscan {
namespace {

constexpr int kOfsDelta = 6;
constexpr int kRefDelta = 7;

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}
std::uint64_t be64(const unsigned char* p) { return (std::uint64_t(be32(p)) << 32) | be32(p + 4); }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Ids (sorted, as in the idx) and offsets from an .idx file.
void parse_idx(const std::string& idx_path, std::vector<git_oid>& ids, std::vector<std::uint64_t>& offsets) {
    std::string file = slurp(idx_path);
    auto bad = [&](const char* why) { return Error(fmt::format("malformed pack index '{}': {}", idx_path, why)); };
    const auto* p = reinterpret_cast<const unsigned char*>(file.data());
    std::size_t size = file.size();
    bool v2 = size >= 8 && std::memcmp(p, "\377tOc", 4) == 0;
    if (v2 && be32(p + 4) != 2) throw bad("unsupported version");
    std::size_t fanout = v2 ? 8 : 0;
    if (size < fanout + 1024 + 40) throw bad("truncated");
    std::size_t n = be32(p + fanout + 255 * 4);
    if (v2) {
        std::size_t names = fanout + 1024, offs = names + 24 * n, large = offs + 4 * n;
        if (size < large + 40) throw bad("truncated");
        std::size_t n_large = (size - 40 - large) / 8;
        ids.resize(n);
        offsets.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            std::memcpy(ids[i].id, p + names + 20 * i, 20);
            std::uint32_t o = be32(p + offs + 4 * i);
            if (o & 0x80000000u) {
                std::size_t k = o & 0x7fffffffu;
                if (k >= n_large) throw bad("large offset out of range");
                offsets[i] = be64(p + large + 8 * k);
            } else {
                offsets[i] = o;
            }
        }
    } else {
        std::size_t entries = fanout + 1024;
        if (size < entries + 24 * n + 40) throw bad("truncated");
        ids.resize(n);
        offsets.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            offsets[i] = be32(p + entries + 24 * i);
            std::memcpy(ids[i].id, p + entries + 24 * i + 4, 20);
        }
    }
}

// Sequential reads through a 1 MiB buffer (pread, not mmap, so pages stay in the page cache
// and out of the process's resident set).
class PackFile {
public:
    explicit PackFile(const std::string& path) : path_(path) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw Error(fmt::format("cannot open pack '{}': {}", path, std::strerror(errno)));
        struct stat st{};
        if (::fstat(fd_, &st) != 0) throw Error(fmt::format("cannot stat pack '{}'", path));
        size_ = static_cast<std::uint64_t>(st.st_size);
        buf_.resize(1u << 20);
    }
    ~PackFile() { ::close(fd_); }
    PackFile(const PackFile&) = delete;
    PackFile& operator=(const PackFile&) = delete;

    std::uint64_t size() const { return size_; }

    // Up to `n` bytes at `off` (fewer at the end of the file); valid until the next call.
    std::string_view at(std::uint64_t off, std::size_t n) {
        n = std::min(n, buf_.size());
        if (off < buf_off_ || off + n > buf_off_ + buf_len_) {
            buf_off_ = off;
            buf_len_ = 0;
            while (buf_len_ < buf_.size()) {
                ssize_t r = ::pread(fd_, buf_.data() + buf_len_, buf_.size() - buf_len_,
                                    static_cast<off_t>(off + buf_len_));
                if (r < 0 && errno == EINTR) continue;
                if (r < 0) throw Error(fmt::format("cannot read pack '{}': {}", path_, std::strerror(errno)));
                if (r == 0) break;
                buf_len_ += static_cast<std::size_t>(r);
            }
        }
        std::size_t avail = static_cast<std::size_t>(buf_off_ + buf_len_ - off);
        return {buf_.data() + (off - buf_off_), std::min(n, avail)};
    }

private:
    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    std::vector<char> buf_;
    std::uint64_t buf_off_ = 0;
    std::size_t buf_len_ = 0;
};

// Inflates just enough of a delta to read its header: base size, then result size.
class DeltaHeader {
public:
    DeltaHeader() {
        std::memset(&z_, 0, sizeof z_);
        if (inflateInit(&z_) != Z_OK) throw Error("zlib: cannot initialise");
    }
    ~DeltaHeader() { inflateEnd(&z_); }
    DeltaHeader(const DeltaHeader&) = delete;
    DeltaHeader& operator=(const DeltaHeader&) = delete;

    bool result_size(std::string_view deflated, std::uint64_t& out) {
        unsigned char buf[32];
        inflateReset(&z_);
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
        z_.avail_in = static_cast<uInt>(deflated.size());
        z_.next_out = buf;
        z_.avail_out = sizeof buf;
        int rc = Z_OK;
        while (z_.avail_out > 0 && rc == Z_OK && z_.avail_in > 0) rc = inflate(&z_, Z_SYNC_FLUSH);
        std::size_t got = sizeof buf - z_.avail_out;
        std::size_t pos = 0;
        std::uint64_t ignored;
        return varint(buf, got, pos, ignored) && varint(buf, got, pos, out);
    }

private:
    static bool varint(const unsigned char* p, std::size_t n, std::size_t& pos, std::uint64_t& v) {
        v = 0;
        for (unsigned shift = 0; pos < n && shift < 64; shift += 7) {
            unsigned char c = p[pos++];
            v |= std::uint64_t(c & 0x7f) << shift;
            if (!(c & 0x80)) return true;
        }
        return false;
    }
    z_stream z_;
};

struct Entry {
    std::uint64_t offset = 0;
    std::uint64_t end = 0;       // offset of the next object
    std::uint32_t id = 0;        // index into the sorted id table
    std::int32_t base = -1;      // index (in offset order) of a delta's base
    std::uint16_t data = 0;      // header length: the deflated data starts at offset + data
    std::int8_t raw_type = 0;
    std::int8_t type = 0;        // resolved: 1 commit, 2 tree, 3 blob, 4 tag; 0 unknown
};

}  // namespace

void read_pack(const std::string& idx_path, std::uint32_t pack_no, std::vector<PackObject>& result,
               std::vector<std::uint64_t>* offsets_out) {
    std::vector<git_oid> ids;
    std::vector<std::uint64_t> offsets;
    parse_idx(idx_path, ids, offsets);
    std::string pack_path = idx_path.substr(0, idx_path.size() - 4) + ".pack";
    auto bad = [&](const std::string& why) { return Error(fmt::format("malformed pack '{}': {}", pack_path, why)); };
    PackFile pack(pack_path);
    {
        auto h = pack.at(0, 12);
        const auto* p = reinterpret_cast<const unsigned char*>(h.data());
        if (h.size() < 12 || std::memcmp(p, "PACK", 4) != 0) throw bad("no PACK signature");
        if (be32(p + 4) != 2 && be32(p + 4) != 3) throw bad("unsupported version");
        if (be32(p + 8) != ids.size()) throw bad("object count differs from its index");
    }
    if (pack.size() < 32) throw bad("truncated");
    if (ids.size() > INT32_MAX) throw bad("too many objects");
    const std::uint64_t data_end = pack.size() - 20;  // trailing checksum

    std::vector<Entry> e(ids.size());
    for (std::uint32_t i = 0; i < e.size(); ++i) e[i].id = i, e[i].offset = offsets[i];
    std::sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) { return a.offset < b.offset; });
    for (std::size_t i = 0; i < e.size(); ++i) {
        e[i].end = i + 1 < e.size() ? e[i + 1].offset : data_end;
        if (e[i].offset < 12 || e[i].end > data_end || e[i].end <= e[i].offset) throw bad("object offsets out of range");
    }
    auto index_at = [&](std::uint64_t off) -> std::int32_t {
        auto it = std::lower_bound(e.begin(), e.end(), off, [](const Entry& a, std::uint64_t o) { return a.offset < o; });
        return it != e.end() && it->offset == off ? static_cast<std::int32_t>(it - e.begin()) : -1;
    };
    std::vector<std::uint32_t> by_id(ids.size());  // idx position -> offset-order position
    for (std::uint32_t i = 0; i < e.size(); ++i) by_id[e[i].id] = i;

    DeltaHeader delta;
    auto blob_delta_size = [&](Entry& x, PackObject& out) {
        std::uint64_t data = x.offset + x.data;
        out.size_known = delta.result_size(pack.at(data, static_cast<std::size_t>(std::min<std::uint64_t>(x.end - data, 64u << 10))),
                                           out.size);
    };
    // Written in place at the end of `result` (no second copy of a million entries), and
    // removed again if the pack turns out to be malformed.
    const std::size_t first = result.size();
    result.resize(first + e.size());
    struct Rollback {
        std::vector<PackObject>& v;
        std::size_t size;
        bool armed = true;
        ~Rollback() {
            if (armed) v.resize(size);
        }
    } rollback{result, first};
    PackObject* out = result.data() + first;
    std::vector<std::uint64_t> hdr_size(e.size());  // sizes from the object headers
    // Pass 1: headers. An OFS_DELTA's base lies earlier in the pack, so its type is usually known.
    for (std::size_t i = 0; i < e.size(); ++i) {
        Entry& x = e[i];
        auto v = pack.at(x.offset, static_cast<std::size_t>(std::min<std::uint64_t>(x.end - x.offset, 64)));
        const auto* p = reinterpret_cast<const unsigned char*>(v.data());
        std::size_t n = v.size(), pos = 0;
        if (n == 0) throw bad("truncated object header");
        unsigned char c = p[pos++];
        x.raw_type = (c >> 4) & 7;
        std::uint64_t size = c & 15;
        for (unsigned shift = 4; c & 0x80; shift += 7) {
            if (pos >= n || shift > 57) throw bad("bad object header");
            c = p[pos++];
            size |= std::uint64_t(c & 0x7f) << shift;
        }
        hdr_size[i] = size;
        if (x.raw_type == kOfsDelta) {
            if (pos >= n) throw bad("bad delta header");
            c = p[pos++];
            std::uint64_t back = c & 127;
            while (c & 128) {
                if (pos >= n || back > (std::uint64_t(1) << 56)) throw bad("bad delta offset");
                c = p[pos++];
                back = ((back + 1) << 7) | (c & 127);
            }
            if (back == 0 || back > x.offset) throw bad("delta base out of range");
            x.base = index_at(x.offset - back);
            if (x.base < 0 || static_cast<std::size_t>(x.base) >= i) throw bad("delta base is not an object");
        } else if (x.raw_type == kRefDelta) {
            if (pos + 20 > n) throw bad("bad delta header");
            git_oid base;
            std::memcpy(base.id, p + pos, 20);
            pos += 20;
            auto it = std::lower_bound(ids.begin(), ids.end(), base, [](const git_oid& a, const git_oid& b) {
                return git_oid_cmp(&a, &b) < 0;
            });
            if (it != ids.end() && git_oid_equal(&*it, &base)) x.base = static_cast<std::int32_t>(by_id[it - ids.begin()]);
        } else if (x.raw_type < 1 || x.raw_type > 4) {
            throw bad(fmt::format("unknown object type {}", x.raw_type));
        }
        x.data = static_cast<std::uint16_t>(pos);
        PackObject& o = out[i];
        o.id = ids[x.id];
        o.pack = pack_no;
        o.offset = x.offset;
        if (x.raw_type <= 4) {
            x.type = x.raw_type;
            o.size = size;
            o.size_known = true;
        } else if (x.raw_type == kOfsDelta && e[x.base].type) {
            x.type = e[x.base].type;
            if (x.type == GIT_OBJECT_BLOB) blob_delta_size(x, o);
        }
    }
    // Pass 2: deltas whose chains go through a REF_DELTA (thin packs fixed up by index-pack).
    for (std::size_t i = 0; i < e.size(); ++i) {
        if (e[i].type || e[i].base < 0) continue;
        std::size_t j = i, hops = 0;
        while (!e[j].type && e[j].base >= 0 && ++hops < e.size()) j = static_cast<std::size_t>(e[j].base);
        if (!e[j].type) continue;  // base outside the pack: libgit2 will say what it is
        std::int8_t t = e[j].type;
        for (std::size_t k = i; !e[k].type; k = static_cast<std::size_t>(e[k].base)) e[k].type = t;
        if (t == GIT_OBJECT_BLOB) blob_delta_size(e[i], out[i]);
    }
    // Pass 2 may have typed a chain's members before reaching them: give those blobs their sizes.
    for (std::size_t i = 0; i < e.size(); ++i) {
        out[i].type = e[i].type ? e[i].type : static_cast<std::int8_t>(GIT_OBJECT_INVALID);
        if (e[i].type == GIT_OBJECT_BLOB && !out[i].size_known) blob_delta_size(e[i], out[i]);
        if (!out[i].size_known) out[i].size = hdr_size[i];
    }
    if (offsets_out) {
        offsets_out->resize(e.size() + 1);
        for (std::size_t i = 0; i < e.size(); ++i) (*offsets_out)[i] = e[i].offset;
        offsets_out->back() = data_end;
    }
    rollback.armed = false;
}

PackIndex::PackIndex(const std::string& idx_path) {
    auto bad = [&](const char* why) { return Error(fmt::format("malformed pack index '{}': {}", idx_path, why)); };
    int fd = ::open(idx_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(fmt::format("cannot open '{}': {}", idx_path, std::strerror(errno)));
    struct stat st{};
    if (::fstat(fd, &st) != 0 || st.st_size < 1024 + 40) {
        ::close(fd);
        throw bad("truncated");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (m == MAP_FAILED) throw Error(fmt::format("cannot map '{}': {}", idx_path, std::strerror(errno)));
    map_ = static_cast<const unsigned char*>(m);
    v2_ = std::memcmp(map_, "\377tOc", 4) == 0;
    const std::size_t fanout = v2_ ? 8 : 0;
    const char* why = nullptr;
    if (v2_ && be32(map_ + 4) != 2) why = "unsupported version";
    else if (size_ < fanout + 1024 + 40) why = "truncated";
    if (!why) {
        count_ = be32(map_ + fanout + 255 * 4);
        const std::size_t need = v2_ ? fanout + 1024 + std::size_t(28) * count_ : 1024 + std::size_t(24) * count_;
        if (size_ < need + 40) why = "truncated";
    }
    if (why) {  // the destructor does not run for a constructor that throws
        ::munmap(const_cast<unsigned char*>(map_), size_);
        throw bad(why);
    }
}

PackIndex::~PackIndex() {
    if (map_) ::munmap(const_cast<unsigned char*>(map_), size_);
}

std::optional<std::uint64_t> PackIndex::find(const git_oid& id) const {
    const std::size_t fanout = v2_ ? 8 : 0;
    const unsigned first = id.id[0];
    std::uint32_t lo = first ? be32(map_ + fanout + (first - 1) * 4) : 0;
    std::uint32_t hi = be32(map_ + fanout + first * 4);
    if (hi > count_ || lo > hi) return std::nullopt;  // a damaged fan-out table
    const std::size_t stride = v2_ ? 20 : 24, names = v2_ ? fanout + 1024 : 1024 + 4;
    while (lo < hi) {
        std::uint32_t mid = lo + (hi - lo) / 2;
        int c = std::memcmp(map_ + names + stride * mid, id.id, 20);
        if (c == 0) {
            if (!v2_) return be32(map_ + 1024 + 24 * mid);
            const std::size_t offs = fanout + 1024 + std::size_t(24) * count_;
            std::uint32_t o = be32(map_ + offs + 4 * mid);
            if (!(o & 0x80000000u)) return o;
            const std::size_t large = offs + std::size_t(4) * count_ + 8 * std::size_t(o & 0x7fffffffu);
            if (large + 8 > size_ - 40) return std::nullopt;
            return be64(map_ + large);
        }
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return std::nullopt;
}

}  // namespace nhiscan

