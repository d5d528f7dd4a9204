#pragma once
// On-disk cache of serialized Hyperscan databases. File layout:
//   magic "NHSDB01\n" | u64 payload size | 32-byte SHA-256 of payload | payload
// A file that is short, has the wrong magic or a checksum mismatch is ignored and rebuilt.
// Writes go to a temp file in the same directory and are renamed into place (atomic).
#include <optional>
#include <string>

namespace nhiscan {

class DbCache {
public:
    explicit DbCache(std::string dir);  // empty: $XDG_CACHE_HOME/nhiscan or ~/.cache/nhiscan
    const std::string& dir() const { return dir_; }
    std::string path_for(const std::string& key) const;
    std::optional<std::string> load(const std::string& key) const;
    // Returns false (and says so once) when the directory is not writable.
    bool store(const std::string& key, const std::string& payload) const;

private:
    std::string dir_;
};

}  // namespace nhiscan
