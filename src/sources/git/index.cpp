#include "sources/git/index.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string_view>

namespace nhiscan {
namespace {

// The whole file in one read (a stream iterator costs ~1 ms on a 6k-entry index). Empty
// optional when it cannot be read; `missing` says it does not exist.
std::optional<std::string> read_whole(const std::string& path, bool& missing, struct timespec& mtime) {
    missing = false;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        missing = errno == ENOENT;
        return std::nullopt;
    }
    struct stat st {};
    std::optional<std::string> out;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        mtime = st.st_mtim;
        std::string data(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < data.size()) {
            ssize_t r = ::read(fd, data.data() + got, data.size() - got);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            got += static_cast<std::size_t>(r);
        }
        data.resize(got);
        out = std::move(data);
    }
    ::close(fd);
    return out;
}

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

// Deeper than any real work tree; a crafted index nesting further would exhaust the stack.
// Past it the cache-tree is dropped, and the diff walks HEAD's trees instead.
constexpr int kMaxTreeDepth = 1024;

// TREE extension: pre-order nodes of "<name>\0<entry_count> <subtrees>\n[20-byte id]".
bool parse_tree_node(std::string_view& d, CacheTree& node, int depth = 0) {
    if (depth > kMaxTreeDepth) return false;
    auto nul = d.find('\0');
    if (nul == std::string_view::npos) return false;
    node.name.assign(d.substr(0, nul));
    d.remove_prefix(nul + 1);
    auto nl = d.find('\n');
    if (nl == std::string_view::npos) return false;
    std::string_view counts = d.substr(0, nl);
    d.remove_prefix(nl + 1);
    long entries = 0, subtrees = 0;
    auto [mid, ec1] = std::from_chars(counts.data(), counts.data() + counts.size(), entries);
    if (ec1 != std::errc() || mid == counts.data() + counts.size() || *mid != ' ') return false;
    auto [last, ec2] = std::from_chars(mid + 1, counts.data() + counts.size(), subtrees);
    if (ec2 != std::errc() || last != counts.data() + counts.size() || subtrees < 0) return false;
    if (entries >= 0) {
        if (d.size() < GIT_OID_RAWSZ) return false;
        std::memcpy(node.id.id, d.data(), GIT_OID_RAWSZ);
        node.valid = true;
        d.remove_prefix(GIT_OID_RAWSZ);
    }
    // Each child takes at least 5 bytes ("\0" "0 0\n"): a larger count is malformed, not an
    // allocation to attempt.
    if (static_cast<unsigned long>(subtrees) > d.size() / 5) return false;
    node.children.resize(static_cast<std::size_t>(subtrees));
    for (auto& c : node.children)
        if (!parse_tree_node(d, c, depth + 1)) return false;
    return true;
}

}  // namespace

const CacheTree* CacheTree::child(std::string_view n) const {
    for (const auto& c : children)
        if (c.name == n) return &c;
    return nullptr;
}

std::optional<IndexFile> read_index_file(const std::string& path) {
    bool missing = false;
    struct timespec mtime {};
    auto whole = read_whole(path, missing, mtime);
    if (!whole) return missing ? std::optional<IndexFile>(IndexFile{}) : std::nullopt;
    const std::string& file = *whole;
    const auto* p = reinterpret_cast<const unsigned char*>(file.data());
    const std::size_t size = file.size();
    if (size < 12 + GIT_OID_RAWSZ || std::memcmp(p, "DIRC", 4) != 0) return std::nullopt;
    const std::uint32_t version = be32(p + 4), count = be32(p + 8);
    if (version < 2 || version > 4) return std::nullopt;
    const std::size_t end = size - GIT_OID_RAWSZ;  // trailing checksum (not verified: git wrote it)

    IndexFile out;
    out.mtime_s = mtime.tv_sec;
    out.mtime_ns = mtime.tv_nsec;
    out.entries.reserve(count);
    std::size_t pos = 12;
    std::string prev;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::size_t start = pos;
        if (pos + 62 > end) return std::nullopt;
        IndexEntry e;
        e.mtime_s = be32(p + pos + 8);
        e.mtime_ns = be32(p + pos + 12);
        e.ino = be32(p + pos + 20);
        e.mode = be32(p + pos + 24);
        e.size = be32(p + pos + 36);
        std::memcpy(e.id.id, p + pos + 40, GIT_OID_RAWSZ);
        const std::uint16_t flags = static_cast<std::uint16_t>((p[pos + 60] << 8) | p[pos + 61]);
        e.stage = static_cast<std::uint8_t>((flags >> 12) & 3);
        e.assume_valid = (flags & 0x8000) != 0;
        pos += 62;
        if (flags & 0x4000) {  // extended flags (v3+)
            if (version < 3 || pos + 2 > end) return std::nullopt;
            const std::uint16_t ext = static_cast<std::uint16_t>((p[pos] << 8) | p[pos + 1]);
            if (ext & 0x4000) return std::nullopt;  // skip-worktree of a sparse index: let libgit2 decide
            e.intent_to_add = (ext & 0x2000) != 0;
            pos += 2;
        }
        if (version == 4) {
            // Prefix compression: drop N bytes of the previous path, then a NUL-terminated suffix.
            std::uint64_t drop = 0;
            unsigned char c;
            do {
                if (pos >= end) return std::nullopt;
                c = p[pos++];
                drop = (drop << 7) | (c & 0x7f);
                if (c & 0x80) ++drop;
            } while (c & 0x80);
            if (drop > prev.size()) return std::nullopt;
            const void* nul = std::memchr(p + pos, 0, end - pos);
            if (!nul) return std::nullopt;
            std::size_t len = static_cast<const unsigned char*>(nul) - (p + pos);
            e.path = prev.substr(0, prev.size() - drop);
            e.path.append(reinterpret_cast<const char*>(p + pos), len);
            pos += len + 1;
            prev = e.path;
        } else {
            const void* nul = std::memchr(p + pos, 0, end - pos);
            if (!nul) return std::nullopt;
            std::size_t len = static_cast<const unsigned char*>(nul) - (p + pos);
            e.path.assign(reinterpret_cast<const char*>(p + pos), len);
            pos = start + ((pos - start + len + 8) & ~std::size_t(7));  // 1-8 NULs pad to 8 bytes
        }
        if (pos > end) return std::nullopt;
        out.entries.push_back(std::move(e));
    }
    while (pos + 8 <= end) {
        std::string_view sig(reinterpret_cast<const char*>(p + pos), 4);
        const std::uint32_t len = be32(p + pos + 4);
        pos += 8;
        if (len > end - pos) return std::nullopt;
        std::string_view data(reinterpret_cast<const char*>(p + pos), len);
        if (sig == "TREE") {
            CacheTree root;
            if (!data.empty() && parse_tree_node(data, root)) out.tree = std::move(root);
        } else if (sig == "link" || sig == "sdir") {
            return std::nullopt;  // split or sparse index: entries live elsewhere
        } else if (sig[0] < 'A' || sig[0] > 'Z') {
            return std::nullopt;  // an extension git requires readers to understand
        }
        pos += len;
    }
    return out;
}

}  // namespace nhiscan
