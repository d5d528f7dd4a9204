#include "compile/db_cache.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/core.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.hpp"
#include "core/file_io.hpp"
#include "core/hash.hpp"

namespace nhiscan {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "NHSDB02\n";
constexpr std::size_t kHeader = 8 + 8 + 4 + 4;
constexpr off_t kMaxCacheFile = off_t{256} << 20;  // real entries are a few MiB

std::string default_dir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/nhiscan";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/nhiscan";
    return {};
}

std::uint32_t checksum(std::string_view payload) { return static_cast<std::uint32_t>(crc32_of(payload)); }

}  // namespace

CacheEntry::~CacheEntry() {
    if (map_) ::munmap(const_cast<void*>(map_), size_);
}

DbCache::DbCache(std::string dir) : dir_(dir.empty() ? default_dir() : std::move(dir)) {}

std::string DbCache::path_for(const std::string& key) const { return dir_ + "/" + key + ".hsdb"; }

std::optional<CacheEntry> DbCache::load(const std::string& key) const {
    if (dir_.empty()) return std::nullopt;
    auto reject = [&](std::string_view why) -> std::optional<CacheEntry> {
        diag::notice(fmt::format("rule cache {} is {}; rebuilding it", diag::printable(path_for(key)), why));
        return std::nullopt;
    };
    // O_NONBLOCK + fstat: a FIFO or device planted under the cache name is refused, never
    // opened for a read that blocks; a huge file is refused before it is read into memory.
    UniqueFd fd(::open(path_for(key).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) return std::nullopt;
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxCacheFile)
        return reject("not a cache file");
    const std::size_t size = static_cast<std::size_t>(st.st_size);
    if (size < kHeader) return reject("not a cache file");
    Mapping mapped = Mapping::map(fd.get(), size, MAP_POPULATE);
    if (!mapped) return reject("not a cache file");
    auto [map, mapped_size] = mapped.release();
    CacheEntry entry(map, mapped_size, kHeader);
    std::string_view bytes(static_cast<const char*>(map), size);
    if (bytes.substr(0, kMagic.size()) != kMagic) return reject("not a cache file");
    std::uint64_t length = 0;
    std::uint32_t sum = 0;
    std::memcpy(&length, bytes.data() + 8, 8);
    std::memcpy(&sum, bytes.data() + 16, 4);
    if (length != bytes.size() - kHeader) return reject("truncated");
    if (checksum(bytes.substr(kHeader)) != sum) return reject("corrupt");
    return entry;
}

bool DbCache::store(const std::string& key, const std::string& payload) const {
    auto unwritable = [&](std::string_view why) {
        diag::notice_once("cache-unwritable",
                          fmt::format("cannot write the rule cache in {} ({}); compiling in memory",
                                      diag::printable(dir_), why));
        return false;
    };
    if (dir_.empty()) return unwritable("no cache directory: set XDG_CACHE_HOME or HOME");
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return unwritable(ec.message());
    const std::uint64_t size = payload.size();
    const std::uint32_t header[2] = {checksum(payload), 0};
    int err = write_file_atomic(path_for(key), {kMagic, std::string_view(reinterpret_cast<const char*>(&size), 8),
                                                std::string_view(reinterpret_cast<const char*>(header), sizeof header),
                                                payload});
    if (err) return unwritable(std::strerror(err));
    return true;
}

}  // namespace nhiscan
