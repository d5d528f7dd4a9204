#include "compile/db_cache.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/core.h>
#include <openssl/sha.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.hpp"

namespace nhiscan {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "NHSDB01\n";
constexpr std::size_t kHeader = 8 + 8 + 32;
constexpr off_t kMaxCacheFile = off_t{256} << 20;  // real entries are a few MiB

std::string default_dir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/nhiscan";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/nhiscan";
    return {};
}

std::string digest(const std::string& payload) {
    std::string d(32, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
           reinterpret_cast<unsigned char*>(d.data()));
    return d;
}

}  // namespace

DbCache::DbCache(std::string dir) : dir_(dir.empty() ? default_dir() : std::move(dir)) {}

std::string DbCache::path_for(const std::string& key) const { return dir_ + "/" + key + ".hsdb"; }

std::optional<std::string> DbCache::load(const std::string& key) const {
    if (dir_.empty()) return std::nullopt;
    auto reject = [&](std::string_view why) -> std::optional<std::string> {
        diag::notice(fmt::format("rule cache {} is {}; rebuilding it", diag::printable(path_for(key)), why));
        return std::nullopt;
    };
    // O_NONBLOCK + fstat: a FIFO or device planted under the cache name is refused, never
    // opened for a read that blocks; a huge file is refused before it is read into memory.
    int fd = ::open(path_for(key).c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxCacheFile) {
        ::close(fd);
        return reject("not a cache file");
    }
    std::string file(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < file.size()) {
        ssize_t r = ::read(fd, file.data() + got, file.size() - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += static_cast<std::size_t>(r);
    }
    ::close(fd);
    file.resize(got);
    if (file.size() < kHeader || file.compare(0, kMagic.size(), kMagic) != 0) return reject("not a cache file");
    std::uint64_t size = 0;
    std::memcpy(&size, file.data() + 8, 8);
    if (size != file.size() - kHeader) return reject("truncated");
    std::string payload = file.substr(kHeader);
    if (digest(payload) != std::string_view(file).substr(16, 32)) return reject("corrupt");
    return payload;
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
    std::string tmp = fmt::format("{}.tmp.{}.{}", path_for(key), ::getpid(), std::random_device{}());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return unwritable(std::strerror(errno));
        std::uint64_t size = payload.size();
        out.write(kMagic.data(), kMagic.size());
        out.write(reinterpret_cast<const char*>(&size), 8);
        out << digest(payload) << payload;
        out.close();
        if (!out) {
            fs::remove(tmp, ec);
            return unwritable("write failed");
        }
    }
    fs::rename(tmp, path_for(key), ec);
    if (ec) {
        fs::remove(tmp, ec);
        return unwritable(ec.message());
    }
    return true;
}

}  // namespace nhiscan
