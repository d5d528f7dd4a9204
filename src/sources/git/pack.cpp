#include "sources/git/pack.hpp"

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
#include "sources/git/pack_format.hpp"

namespace nhiscan {
namespace {

// Ids (sorted, as in the idx) and offsets from an .idx file.
void parse_idx(const std::string& idx_path, std::vector<git_oid>& ids, std::vector<std::uint64_t>& offsets) {
    PackIndex idx(idx_path);
    ids.resize(idx.count());
    offsets.resize(idx.count());
    for (std::uint32_t i = 0; i < idx.count(); ++i) {
        ids[i] = idx.id(i);
        auto o = idx.offset(i);
        if (!o) throw Error(fmt::format("malformed pack index '{}': large offset out of range", idx_path));
        offsets[i] = *o;
    }
}

// Sequential reads through a 1 MiB buffer (pread, not mmap, so pages stay in the page cache
// and out of the process's resident set).
class PackFile {
public:
    explicit PackFile(const std::string& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (!fd_) throw Error(fmt::format("cannot open pack '{}': {}", path, std::strerror(errno)));
        struct stat st{};
        if (::fstat(fd_.get(), &st) != 0) throw Error(fmt::format("cannot stat pack '{}'", path));
        size_ = static_cast<std::uint64_t>(st.st_size);
        buf_.resize(1u << 20);
    }

    std::uint64_t size() const { return size_; }

    // Up to `n` bytes at `off` (fewer at the end of the file); valid until the next call.
    std::string_view at(std::uint64_t off, std::size_t n) {
        n = std::min(n, buf_.size());
        if (off < buf_off_ || off + n > buf_off_ + buf_len_) {
            buf_off_ = off;
            long long r = pread_full(fd_.get(), buf_.data(), buf_.size(), off);
            if (r < 0) throw Error(fmt::format("cannot read pack '{}': {}", path_, std::strerror(errno)));
            buf_len_ = static_cast<std::size_t>(r);
        }
        std::size_t avail = static_cast<std::size_t>(buf_off_ + buf_len_ - off);
        return {buf_.data() + (off - buf_off_), std::min(n, avail)};
    }

private:
    std::string path_;
    UniqueFd fd_;
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
        return delta_varint(buf, got, pos, ignored) && delta_varint(buf, got, pos, out);
    }

private:
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
        PackObjectHeader h;
        switch (parse_object_header(p, v.size(), x.offset, h)) {
            case HeaderParse::Ok: break;
            case HeaderParse::Truncated: throw bad(v.empty() ? "truncated object header" : "bad object header");
            case HeaderParse::Malformed: throw bad("bad object header");
            case HeaderParse::UnknownType: throw bad(fmt::format("unknown object type {}", h.type));
        }
        x.raw_type = static_cast<std::int8_t>(h.type);
        const std::uint64_t size = h.size;
        const std::size_t pos = h.length;
        hdr_size[i] = size;
        if (x.raw_type == kPackOfsDelta) {
            x.base = index_at(x.offset - h.base_back);
            if (x.base < 0 || static_cast<std::size_t>(x.base) >= i) throw bad("delta base is not an object");
        } else if (x.raw_type == kPackRefDelta) {
            git_oid base;
            std::memcpy(base.id, h.ref_base, 20);
            auto it = std::lower_bound(ids.begin(), ids.end(), base, [](const git_oid& a, const git_oid& b) {
                return git_oid_cmp(&a, &b) < 0;
            });
            if (it != ids.end() && git_oid_equal(&*it, &base)) x.base = static_cast<std::int32_t>(by_id[it - ids.begin()]);
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
        } else if (x.raw_type == kPackOfsDelta && e[x.base].type) {
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

}  // namespace nhiscan

