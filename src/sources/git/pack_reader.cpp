#include "sources/git/pack_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>

#include "sources/git/pack_format.hpp"

#include <algorithm>
#include <cerrno>
#include <new>

namespace nhiscan {
namespace {

// Read-ahead: up to 1 MiB while the reads are dense (every object of a pack, in order), down
// to 16 KiB while they are sparse (HEAD's blobs among a long history's; delta bases).
constexpr std::size_t kWindow = 1u << 20;
constexpr std::size_t kMinAhead = 16u << 10;
constexpr std::size_t kMaxChain = 10000;  // git writes chains of 50 at most (pack.depth)

bool varint(std::string_view d, std::size_t& pos, std::uint64_t& v) {
    return delta_varint(reinterpret_cast<const unsigned char*>(d.data()), d.size(), pos, v);
}

}  // namespace

void PackSet::add(const std::string& pack_path, std::vector<std::uint64_t> offsets) {
    Pack p{pack_path, 0, std::move(offsets)};
    struct stat st{};
    if (::stat(pack_path.c_str(), &st) == 0 && st.st_size >= 32) {
        const auto size = static_cast<std::uint64_t>(st.st_size);
        p.data_end = p.offsets.empty() ? size - 20 : p.offsets.back();
        if (p.offsets.size() == 1 || p.data_end > size) p.data_end = 0;
    }
    packs_.push_back(std::move(p));
}

void PackSet::add_unreadable() { packs_.push_back(Pack{}); }

PackReader::PackReader(const PackSet& packs, std::size_t cache_bytes, std::uint64_t max_object)
    : packs_(packs), budget_(cache_bytes), max_object_(max_object), inflater_(libdeflate_alloc_decompressor()), fds_(packs.size()), unopenable_(packs.size(), 0) {
    if (!inflater_) throw std::bad_alloc();
    target_.ahead = kWindow;
    bases_.ahead = kMinAhead;
}

PackReader::~PackReader() { libdeflate_free_decompressor(inflater_); }

// Opened on first use, by each reader: a repository with thousands of packs (no gc) must not
// hold a descriptor for each while the scan runs, and most reads touch a few packs.
int PackReader::fd(std::uint32_t pack) {
    UniqueFd& f = fds_[pack];
    if (!f && !unopenable_[pack]) {
        f.reset(::open(packs_.packs_[pack].path.c_str(), O_RDONLY | O_CLOEXEC));
        unopenable_[pack] = !f;  // not again
    }
    return f.get();
}

std::string_view PackReader::at(Window& w, std::uint32_t pack, std::uint64_t off, std::size_t n) {
    if (w.pack != pack || off < w.off || off + n > w.off + w.len) {
        if (w.len) {  // how much of the last window was used says how much to read now
            std::uint64_t used = w.used_end > w.off ? w.used_end - w.off : 0;
            if (used < w.len / 4) w.ahead = std::max(w.ahead / 2, kMinAhead);
            else if (used > w.len / 2) w.ahead = std::min(w.ahead * 2, kWindow);
        }
        w.used_end = 0;
        const auto& p = packs_.packs_[pack];
        const std::uint64_t end = p.data_end;
        const int file = fd(pack);
        if (file < 0 || off > end || n > end - off) return {};
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(std::max(n, w.ahead), end - off));
        if (w.buf.size() > 4 * kWindow && want <= kWindow) w.buf = std::vector<char>();  // after one huge object
        if (w.buf.size() < want) w.buf.resize(want);
        w.pack = pack;
        w.off = off;
        long long got = pread_full(file, w.buf.data(), want, off);
        w.len = got > 0 ? static_cast<std::size_t>(got) : 0;
        if (w.len < n) return {};  // a read error or a short file: libgit2 reads it and says why
    }
    w.used_end = std::max(w.used_end, off + n);
    return {w.buf.data() + (off - w.off), n};
}

bool PackReader::header(Window& w, std::uint32_t pack, std::uint64_t offset, Header& h) {
    const auto& p = packs_.packs_[pack];
    if (p.offsets.empty()) {
        if (offset < 12 || offset >= p.data_end) return false;
        h.end = 0;  // unknown: the deflated stream says where it ends
    } else {
        auto it = std::lower_bound(p.offsets.begin(), p.offsets.end() - 1, offset);
        if (it == p.offsets.end() - 1 || *it != offset) return false;  // not where an object starts
        h.end = *(it + 1);
    }
    const std::uint64_t end = h.end ? h.end : p.data_end;
    // The whole object at once when it is small: inflating it then needs no second read.
    std::uint64_t whole = h.end ? h.end - offset : std::min<std::uint64_t>(end - offset, 32);
    std::string_view d = at(w, pack, offset, static_cast<std::size_t>(whole <= kWindow ? whole : 32));
    d = d.substr(0, 32);
    if (d.empty()) return false;
    PackObjectHeader ph;
    if (parse_object_header(reinterpret_cast<const unsigned char*>(d.data()), d.size(), offset, ph) != HeaderParse::Ok)
        return false;
    if (ph.type == kPackRefDelta) return false;  // libgit2 resolves bases by id
    h.type = ph.type;
    h.size = ph.size;
    if (h.type == kPackOfsDelta) h.base = offset - ph.base_back;
    std::size_t pos = ph.length;
    h.data = offset + pos;
    return h.data < end;
}

bool PackReader::inflate(Window& w, std::uint32_t pack, const Header& h, Bytes& out) {
    // Deflate expands at most 1032:1: a larger claim is damage, not a reason to allocate.
    const std::uint64_t extent = (h.end ? h.end : packs_.packs_[pack].data_end) - h.data;
    if (h.size > extent * 1032 + 64 || h.size > max_object_) return false;
    out.resize(static_cast<std::size_t>(h.size));
    // Without the next object's offset: zlib's own bound on a deflated stream (deflateBound:
    // the content plus 0.04% plus a few bytes), then ever more for other encoders. A short
    // input makes libdeflate decode to the end before it fails, so the first try is ample.
    const std::uint64_t end = h.end ? h.end : packs_.packs_[pack].data_end;
    std::uint64_t n = h.end ? h.end - h.data : std::min<std::uint64_t>(end - h.data, h.size + h.size / 1024 + 64);
    for (;;) {
        std::string_view in = at(w, pack, h.data, static_cast<std::size_t>(n));
        if (in.empty()) return false;
        std::size_t in_used = 0, out_used = 0;
        auto rc = libdeflate_zlib_decompress_ex(inflater_, in.data(), in.size(), out.data.get(), out.size, &in_used, &out_used);
        if (rc == LIBDEFLATE_SUCCESS) return out_used == out.size;
        if (h.end || n == end - h.data) return false;
        n = std::min<std::uint64_t>(end - h.data, n * 4);
    }
}

const PackReader::Cached* PackReader::find(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);
    return &*it->second;
}

const PackReader::Cached& PackReader::remember(const Key& key, int type, Bytes&& data) {
    // Objects over a quarter of the budget would evict everything else: kept aside instead.
    if (data.size > budget_ / 4) {
        aside_ = Cached{key, type, std::move(data)};
        return aside_;
    }
    cached_bytes_ += data.size;
    while (cached_bytes_ > budget_ && !lru_.empty()) {
        cached_bytes_ -= lru_.back().data.size;
        index_.erase(lru_.back().key);
        lru_.pop_back();
    }
    lru_.push_front(Cached{key, type, std::move(data)});
    index_[key] = lru_.begin();
    return lru_.front();
}

PackRead PackReader::read(std::uint32_t pack, std::uint64_t offset, std::string_view& data, int& type,
                          std::uint64_t max_size, std::uint64_t* size) {
    if (pack >= packs_.packs_.size() || packs_.packs_[pack].data_end == 0) return PackRead::NotHere;
    try {
        return read_object(pack, offset, data, type, max_size, size);
    } catch (const std::bad_alloc&) {
        return PackRead::NotHere;  // libgit2 tries, and reports what it cannot read
    }
}

PackRead PackReader::read_object(std::uint32_t pack, std::uint64_t offset, std::string_view& data, int& type,
                                 std::uint64_t max_size, std::uint64_t* size) {
    auto too_large = [&](std::uint64_t n) {
        if (size) *size = n;
        return PackRead::TooLarge;
    };
    auto key_of = [&](std::uint64_t off) { return Key{pack, off}; };
    if (const Cached* c = find(key_of(offset))) {
        if (c->data.size > max_size) return too_large(c->data.size);
        data = c->data.view(), type = c->type;
        return PackRead::Ok;
    }
    Header h;
    if (!header(target_, pack, offset, h)) return PackRead::NotHere;
    // The result's size, before any base is read: the object's header, or its delta's.
    if (h.type != kPackOfsDelta && h.size > max_size) return too_large(h.size);
    if (h.type == kPackOfsDelta) {
        if (!inflate(target_, pack, h, top_delta_)) return PackRead::NotHere;
        std::size_t pos = 0;
        std::uint64_t src = 0, dst = 0;
        std::string_view d = top_delta_.view();
        if (!varint(d, pos, src) || !varint(d, pos, dst)) return PackRead::NotHere;
        if (dst > max_size) return too_large(dst);
    }
    // Walk down the chain to a cached object or a whole one, then rebuild upwards.
    std::vector<Header> chain;
    const Cached* base = nullptr;
    Bytes whole;
    int base_type = 0;
    std::uint64_t at_off = offset;
    for (Window* w = &target_;; w = &bases_) {
        if (h.type != kPackOfsDelta) {
            if (!inflate(*w, pack, h, whole)) return PackRead::NotHere;
            base_type = h.type;
            break;
        }
        chain.push_back(h);
        if (chain.size() > kMaxChain) return PackRead::NotHere;
        at_off = h.base;
        if ((base = find(key_of(at_off)))) break;
        if (!header(bases_, pack, at_off, h)) return PackRead::NotHere;
    }
    const Cached* cur = base ? base : &remember(key_of(at_off), base_type, std::move(whole));
    base_type = cur->type;
    for (std::size_t i = chain.size(); i-- > 0;) {
        if (i > 0 && !inflate(bases_, pack, chain[i], delta_)) return PackRead::NotHere;
        Bytes next;
        if (!apply_delta(cur->data.view(), (i == 0 ? top_delta_ : delta_).view(), next, max_object_))
            return PackRead::NotHere;
        std::uint64_t off = i == 0 ? offset : chain[i - 1].base;
        cur = &remember(key_of(off), base_type, std::move(next));
    }
    data = cur->data.view(), type = cur->type;
    return PackRead::Ok;
}

bool apply_delta(std::string_view base, std::string_view delta, Bytes& out, std::uint64_t max_size) {
    std::size_t pos = 0;
    std::uint64_t src_size = 0, dst_size = 0;
    if (!varint(delta, pos, src_size) || !varint(delta, pos, dst_size)) return false;
    if (src_size != base.size() || dst_size > max_size) return false;
    out.resize(static_cast<std::size_t>(dst_size));
    std::size_t w = 0;
    while (pos < delta.size()) {
        auto c = static_cast<unsigned char>(delta[pos++]);
        if (c & 0x80) {
            std::uint64_t off = 0, size = 0;
            for (int b = 0; b < 4; ++b)
                if (c & (1u << b)) {
                    if (pos >= delta.size()) return false;
                    off |= std::uint64_t(static_cast<unsigned char>(delta[pos++])) << (8 * b);
                }
            for (int b = 0; b < 3; ++b)
                if (c & (0x10u << b)) {
                    if (pos >= delta.size()) return false;
                    size |= std::uint64_t(static_cast<unsigned char>(delta[pos++])) << (8 * b);
                }
            if (size == 0) size = 0x10000;
            if (off > base.size() || size > base.size() - off || size > out.size - w) return false;
            std::copy_n(base.data() + off, size, out.data.get() + w);
            w += size;
        } else if (c) {
            if (c > delta.size() - pos || c > out.size - w) return false;
            std::copy_n(delta.data() + pos, c, out.data.get() + w);
            pos += c;
            w += c;
        } else {
            return false;  // reserved opcode
        }
    }
    return w == out.size;
}

}  // namespace nhiscan
