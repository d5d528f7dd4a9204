#include "inventory/key.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "core/diag.hpp"
#include "core/error.hpp"

namespace nhiscan::inventory {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMinKeyBytes = 16;

std::string default_key_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    fs::path base = xdg && *xdg ? fs::path(xdg) : home && *home ? fs::path(home) / ".config" : fs::path();
    if (base.empty()) throw Error("no inventory key: set NHISCAN_INVENTORY_KEY, pass --key-file, or set HOME");
    return (base / "nhiscan" / "inventory.key").string();
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

// 32 random bytes as hex, written owner-only; O_EXCL so two first runs cannot each write a key.
void create_key_file(const std::string& path) {
    unsigned char raw[32];
    if (RAND_bytes(raw, sizeof raw) != 1) throw Error("cannot generate an inventory key (OpenSSL RAND_bytes failed)");
    std::string hex;
    for (unsigned char c : raw) hex += fmt::format("{:02x}", c);
    hex += '\n';
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path(), ec);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return;  // another run created it first: use theirs
        throw Error(fmt::format("cannot create the inventory key file '{}': {}", diag::printable(path), std::strerror(errno)));
    }
    bool ok = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok) throw Error(fmt::format("cannot write the inventory key file '{}'", diag::printable(path)));
    diag::notice(fmt::format("created a new inventory key in '{}': keep it (and back it up) to get the same record "
                             "keys on later runs; share it with whoever reads the triage file",
                             diag::printable(path)));
}

std::string read_key_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot read the inventory key file '{}'", diag::printable(path)));
    std::ostringstream ss;
    ss << in.rdbuf();
    return trimmed(ss.str());
}

}  // namespace

InventoryKey load_key(const std::string& key_file) {
    InventoryKey k;
    if (key_file.empty()) {
        if (const char* env = std::getenv("NHISCAN_INVENTORY_KEY"); env && *env) {
            k.bytes = env;
            k.origin = "environment variable NHISCAN_INVENTORY_KEY";
        }
    }
    if (k.bytes.empty()) {
        std::string path = key_file.empty() ? default_key_path() : key_file;
        std::error_code ec;
        if (!fs::exists(path, ec)) create_key_file(path);
        k.bytes = read_key_file(path);
        k.origin = path;
    }
    if (k.bytes.size() < kMinKeyBytes)
        throw Error(fmt::format("the inventory key from {} is too short ({} bytes; at least {})", diag::printable(k.origin),
                                k.bytes.size(), kMinKeyBytes));
    return k;
}

std::string keyed_hash(const InventoryKey& key, std::string_view secret) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!HMAC(EVP_sha256(), key.bytes.data(), static_cast<int>(key.bytes.size()),
              reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), out, &n))
        throw Error("HMAC-SHA256 failed");
    std::string hex;
    hex.reserve(n * 2);
    for (unsigned i = 0; i < n; ++i) hex += fmt::format("{:02x}", out[i]);
    return hex;
}

}  // namespace nhiscan::inventory
