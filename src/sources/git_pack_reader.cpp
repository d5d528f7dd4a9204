#include "sources/git_pack_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <libdeflate.h>

#include <algorithm>
#include <cerrno>
#include <new>

namespace nhiscan {
namespace {

constexpr int kOfsDelta = 6;
constexpr std::size_t kWindow = 1u << 20;     // read-ahead in pack order
constexpr std::size_t kBaseWindow = 16u << 10;  // bases are scattered: read little beyond them
constexpr std::size_t kMaxChain = 10000;  // git writes chains of 50 at most (pack.depth)

bool varint(std::string_view d, std::size_t& pos, std::uint64_t& v) {
    v = 0;
    for (unsigned shift = 0; pos < d.size() && shift < 64; shift += 7) {
        auto c = static_cast<unsigned char>(d[pos++]);
        v |= std::uint64_t(c & 0x7f) << shift;
        if (!(c & 0x80)) return true;
    }
    return false;
}

}  // namespace

PackSet::~PackSet() {
    for (auto& p : packs_)
        if (p.fd >= 0) ::close(p.fd);
}

void PackSet::add(const std::string& pack_path, std::vector<std::uint64_t> offsets) {
    Pack p{pack_path, -1, std::move(offsets)};
    if (p.offsets.size() >= 2) p.fd = ::open(pack_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (p.fd < 0) p.offsets.clear();
    packs_.push_back(std::move(p));
}

PackReader::PackReader(const PackSet& packs, std::size_t cache_bytes)
    : packs_(packs), budget_(cache_bytes), inflater_(libdeflate_alloc_decompressor()) {
    if (!inflater_) throw std::bad_alloc();
    target_.ahead = kWindow;
    bases_.ahead = kBaseWindow;
}

PackReader::~PackReader() { libdeflate_free_decompressor(inflater_); }

std::string_view PackReader::at(Window& w, std::uint32_t pack, std::uint64_t off, std::size_t n) {
    if (w.pack != pack || off < w.off || off + n > w.off + w.len) {
        const auto& p = packs_.packs_[pack];
        const std::uint64_t end = p.offsets.back();
        if (off > end || n > end - off) return {};
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(std::max(n, w.ahead), end - off));
        if (w.buf.size() < want) w.buf.resize(want);
        w.pack = pack;
        w.off = off;
        w.len = 0;
        while (w.len < want) {
            ssize_t r = ::pread(p.fd, w.buf.data() + w.len, want - w.len, static_cast<off_t>(off + w.len));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            w.len += static_cast<std::size_t>(r);
        }
        if (w.len < n) return {};
    }
    return {w.buf.data() + (off - w.off), n};
}

bool PackReader::header(Window& w, std::uint32_t pack, std::uint64_t offset, Header& h) {
    const auto& offs = packs_.packs_[pack].offsets;
    auto it = std::lower_bound(offs.begin(), offs.end() - 1, offset);
    if (it == offs.end() - 1 || *it != offset) return false;  // not where an object starts
    h.end = *(it + 1);
    // The whole object at once when it is small: inflating it then needs no second read.
    std::uint64_t whole = h.end - offset;
    std::string_view d = at(w, pack, offset, static_cast<std::size_t>(whole <= kWindow ? whole : 32));
    d = d.substr(0, 32);
    if (d.empty()) return false;
    std::size_t pos = 0;
    auto c = static_cast<unsigned char>(d[pos++]);
    h.type = (c >> 4) & 7;
    h.size = c & 15;
    for (unsigned shift = 4; c & 0x80; shift += 7) {
        if (pos >= d.size() || shift > 57) return false;
        c = static_cast<unsigned char>(d[pos++]);
        h.size |= std::uint64_t(c & 0x7f) << shift;
    }
    if (h.type == kOfsDelta) {
        if (pos >= d.size()) return false;
        c = static_cast<unsigned char>(d[pos++]);
        std::uint64_t back = c & 127;
        while (c & 128) {
            if (pos >= d.size() || back > (std::uint64_t(1) << 56)) return false;
            c = static_cast<unsigned char>(d[pos++]);
            back = ((back + 1) << 7) | (c & 127);
        }
        if (back == 0 || back > offset) return false;
        h.base = offset - back;
    } else if (h.type < 1 || h.type > 4) {
        return false;  // REF_DELTA, or not an object
    }
    h.data = offset + pos;
    return h.data <= h.end;
}

bool PackReader::inflate(Window& w, std::uint32_t pack, const Header& h, Bytes& out) {
    if (h.size > (std::uint64_t(1) << 40)) return false;
    std::string_view in = at(w, pack, h.data, static_cast<std::size_t>(h.end - h.data));
    if (in.empty() && h.end > h.data) return false;
    out.resize(static_cast<std::size_t>(h.size));
    std::size_t in_used = 0, out_used = 0;
    auto rc = libdeflate_zlib_decompress_ex(inflater_, in.data(), in.size(), out.data.get(), out.size, &in_used, &out_used);
    return rc == LIBDEFLATE_SUCCESS && out_used == out.size;
}

const PackReader::Cached* PackReader::find(std::uint64_t key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);
    return &*it->second;
}

const PackReader::Cached& PackReader::remember(std::uint64_t key, int type, Bytes&& data) {
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

bool PackReader::read(std::uint32_t pack, std::uint64_t offset, std::string_view& data, int& type) {
    if (pack >= packs_.packs_.size() || packs_.packs_[pack].offsets.empty()) return false;
    auto key_of = [&](std::uint64_t off) { return (std::uint64_t(pack) << 48) ^ off; };
    if (const Cached* c = find(key_of(offset))) {
        data = c->data.view(), type = c->type;
        return true;
    }
    // Walk down the chain to a cached object or a whole one, then rebuild upwards.
    std::vector<Header> chain;
    Header h;
    if (!header(target_, pack, offset, h)) return false;
    const Cached* base = nullptr;
    Bytes whole;
    int base_type = 0;
    std::uint64_t at_off = offset;
    for (Window* w = &target_;; w = &bases_) {
        if (h.type != kOfsDelta) {
            if (!inflate(*w, pack, h, whole)) return false;
            base_type = h.type;
            break;
        }
        chain.push_back(h);
        if (chain.size() > kMaxChain) return false;
        at_off = h.base;
        if ((base = find(key_of(at_off)))) break;
        if (!header(bases_, pack, at_off, h)) return false;
    }
    const Cached* cur = base ? base : &remember(key_of(at_off), base_type, std::move(whole));
    base_type = cur->type;
    for (std::size_t i = chain.size(); i-- > 0;) {
        if (!inflate(i == 0 ? target_ : bases_, pack, chain[i], delta_)) return false;
        Bytes next;
        if (!apply_delta(cur->data.view(), delta_.view(), next)) return false;
        std::uint64_t off = i == 0 ? offset : chain[i - 1].base;
        cur = &remember(key_of(off), base_type, std::move(next));
    }
    data = cur->data.view(), type = cur->type;
    return true;
}

bool apply_delta(std::string_view base, std::string_view delta, Bytes& out) {
    std::size_t pos = 0;
    std::uint64_t src_size = 0, dst_size = 0;
    if (!varint(delta, pos, src_size) || !varint(delta, pos, dst_size)) return false;
    if (src_size != base.size() || dst_size > (std::uint64_t(1) << 40)) return false;
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
