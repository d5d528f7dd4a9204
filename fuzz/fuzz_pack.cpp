// libFuzzer target: nhiscan's own pack reader (sources/git/pack_reader.hpp), which reads
// whatever a repository's pack files hold. The first byte picks the mode:
//   - even: the rest is a pack's object data (after the 12-byte header, before the trailing
//     checksum). It is read through a PackSet without an offset table (as `staged` does) and
//     with one built by walking the headers, at the first object and at offsets taken from
//     the input;
//   - odd: the rest is a delta and its base (a 2-byte base length first) for apply_delta.
// Checked: no crash, no sanitizer report, no object built over the reader's limit however
// much a header or a delta chain claims; a read that succeeds gives a git object type; an
// object over the caller's size limit is refused, with its size.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sources/git/pack_reader.hpp"
#include "fuzz_check.hpp"

using namespace nhiscan;
using nhiscan::fuzz::check;

namespace {

// The pack as a file only this process sees: PackSet opens packs by path.
class MemPack {
public:
    explicit MemPack(std::string_view body) {
        fd_ = ::memfd_create("pack", MFD_CLOEXEC);
        check(fd_ >= 0, "memfd_create");
        std::string file("PACK\0\0\0\2\0\0\0\1", 12);
        file.append(body);
        file.append(20, '\0');
        check(::write(fd_, file.data(), file.size()) == static_cast<ssize_t>(file.size()), "write");
        path_ = "/proc/self/fd/" + std::to_string(fd_);
        size_ = file.size();
    }
    ~MemPack() { ::close(fd_); }
    const std::string& path() const { return path_; }
    std::uint64_t data_end() const { return size_ - 20; }

private:
    int fd_ = -1;
    std::string path_;
    std::uint64_t size_ = 0;
};

constexpr std::uint64_t kMaxObject = 16u << 20;

void read_all(const PackSet& packs, const std::vector<std::uint64_t>& at) {
    // A small cache (eviction, chains rebuilt), and a 16 MiB limit: a delta chain can claim
    // up to the limit from a few bytes of input, and the fuzzer must not run out of memory.
    PackReader reader(packs, 4096, kMaxObject);
    for (int round = 0; round < 2; ++round)
        for (std::uint64_t off : at) {
            std::string_view data;
            int type = 0;
            std::uint64_t size = 0;
            auto r = reader.read(0, off, data, type, round ? 64 : UINT64_MAX, &size);
            if (r == PackRead::Ok) {
                check(type >= 1 && type <= 4, "object type");
                check(data.size() <= kMaxObject, "an object over the reader's limit");
            }
            if (r == PackRead::TooLarge) check(round == 1 && size > 64, "too large only over the limit");
        }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t n) {
    if (n < 1) return 0;
    std::string_view in(reinterpret_cast<const char*>(bytes) + 1, n - 1);
    if (bytes[0] & 1) {
        if (in.size() < 2) return 0;
        std::size_t base_len = (static_cast<unsigned char>(in[0]) | static_cast<unsigned char>(in[1]) << 8) % (in.size() - 1);
        std::string_view base = in.substr(2, base_len), delta = in.substr(2 + base_len);
        Bytes out;
        if (apply_delta(base, delta, out, kMaxObject)) check(out.size <= kMaxObject, "delta output over the limit");
        return 0;
    }
    MemPack file(in);
    std::vector<std::uint64_t> at{12};
    for (std::size_t i = 0; i + 1 < in.size() && at.size() < 8; i += 61)  // offsets the input picks
        at.push_back(12 + (static_cast<unsigned char>(in[i]) | static_cast<unsigned char>(in[i + 1]) << 8) % (in.size() + 1));
    {
        PackSet unindexed;
        unindexed.add(file.path());
        read_all(unindexed, at);
    }
    // With an offset table: every offset the input named, as if each started an object.
    std::vector<std::uint64_t> offsets(at);
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
    while (!offsets.empty() && offsets.back() >= file.data_end()) offsets.pop_back();
    if (offsets.empty()) return 0;
    offsets.push_back(file.data_end());
    PackSet indexed;
    indexed.add(file.path(), offsets);
    read_all(indexed, at);
    return 0;
}
