#pragma once
// On-disk cache of serialized Hyperscan databases. File layout (little-endian):
//   magic "NHSDB02\n" | u64 payload size | u32 CRC-32 of payload | u32 0 | payload
// A file that is short, has the wrong magic or a checksum mismatch is ignored and rebuilt.
// Writes go to a unique temp file in the same directory and are renamed into place
// (write_file_atomic), so a
// reader never sees a partial file; the checksum is for damage (disk, a stray write), not for
// an attacker, who could as well write a valid checksum. CRC-32 (zlib) rather than SHA-256:
// it runs on every warm start (figures in docs/architecture.md).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nhiscan {

// A cache file mapped read-only (MAP_POPULATE: page-cache pages, no copy and no page fault per
// 4 KiB); payload() views into the mapping. nhiscan replaces cache files by rename, never
// rewrites one in place, so a mapped file does not shrink under a reader.
class CacheEntry {
public:
    CacheEntry(const void* map, std::size_t size, std::size_t header) : map_(map), size_(size), header_(header) {}
    CacheEntry(CacheEntry&& o) noexcept : map_(std::exchange(o.map_, nullptr)), size_(o.size_), header_(o.header_) {}
    CacheEntry(const CacheEntry&) = delete;
    CacheEntry& operator=(const CacheEntry&) = delete;
    CacheEntry& operator=(CacheEntry&&) = delete;
    ~CacheEntry();
    std::string_view payload() const { return {static_cast<const char*>(map_) + header_, size_ - header_}; }

private:
    const void* map_;
    std::size_t size_, header_;
};

class DbCache {
public:
    explicit DbCache(std::string dir);  // empty: $XDG_CACHE_HOME/nhiscan or ~/.cache/nhiscan
    const std::string& dir() const { return dir_; }
    std::string path_for(const std::string& key) const;
    std::optional<CacheEntry> load(const std::string& key) const;
    // Returns false (and says so once) when the directory is not writable.
    bool store(const std::string& key, const std::string& payload) const;

private:
    std::string dir_;
};

}  // namespace nhiscan
