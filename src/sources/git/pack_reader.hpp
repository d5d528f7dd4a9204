#pragma once
// Reading objects straight out of pack files, for the passes that read every blob or tree.
// libgit2 serialises all readers of a pack on one mutex and shares one small delta-base
// cache between them, so its reads stop scaling at one core (the tree passes ran no faster
// on two). Here each worker has its own file buffers and base cache, and libdeflate
// inflates (the sizes are in the object headers, so whole-buffer decompression applies).
//
// Only what the listing saw is read here: OFS_DELTA chains within one pack. A REF_DELTA, a
// loose object or anything malformed makes read() return false, and the caller asks libgit2,
// which reads the object or says what is wrong with it.
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/file_io.hpp"

struct libdeflate_decompressor;

namespace nhiscan {

// The packs of one listing, numbered as ObjectRef::pack. Shared read-only by the workers.
class PackSet {
public:
    PackSet() = default;
    PackSet(const PackSet&) = delete;
    PackSet& operator=(const PackSet&) = delete;

    // `offsets`: every object's offset, ascending, then the end of the object data (the
    // trailing checksum's offset). With them, reads check that an offset starts an object
    // and read exactly its bytes; without (empty), a read takes the offset on trust and
    // reads on until the object's deflated stream ends.
    void add(const std::string& pack_path, std::vector<std::uint64_t> offsets = {});
    // Keeps the numbering for a pack that is never read here.
    void add_unreadable();
    std::size_t size() const { return packs_.size(); }

private:
    friend class PackReader;
    struct Pack {
        std::string path;
        std::uint64_t data_end = 0;  // 0: not read here
        std::vector<std::uint64_t> offsets;
    };
    std::vector<Pack> packs_;
};

// Object content, allocated without the zero fill that std::string::resize does first.
struct Bytes {
    std::unique_ptr<char[]> data;
    std::size_t size = 0, capacity = 0;
    void resize(std::size_t n) {  // contents are left undefined
        if (n > capacity || !data) data.reset(new char[n ? n : 1]), capacity = n;
        size = n;
    }
    std::string_view view() const { return {data.get(), size}; }
};

// The largest object the pack reader builds (a delta chain can claim far more than its
// input); larger ones, never seen in practice, are left to libgit2.
constexpr std::uint64_t kMaxPackObject = std::uint64_t(1) << 30;

enum class PackRead {
    Ok,
    TooLarge,  // over the size limit: not read
    NotHere,   // a REF_DELTA, a loose object, damage: ask libgit2
};

class PackReader {
public:
    explicit PackReader(const PackSet& packs, std::size_t cache_bytes = 8u << 20,
                        std::uint64_t max_object = kMaxPackObject);
    ~PackReader();
    PackReader(const PackReader&) = delete;
    PackReader& operator=(const PackReader&) = delete;

    // The object at `offset` in pack `pack`, deltas applied: its content (valid until the
    // next call) and git_object_t type. An object over `max_size` bytes is not read (its
    // size goes to `size`): the size is in the object's header, or its delta's.
    PackRead read(std::uint32_t pack, std::uint64_t offset, std::string_view& data, int& type,
                  std::uint64_t max_size = UINT64_MAX, std::uint64_t* size = nullptr);

private:
    struct Header {
        int type = 0;              // 1-4, or 6 for OFS_DELTA
        std::uint64_t size = 0;    // inflated size (of the delta itself for a delta)
        std::uint64_t data = 0;    // offset of the deflated data
        std::uint64_t end = 0;     // offset of the next object
        std::uint64_t base = 0;    // OFS_DELTA: the base's offset
    };
    // A window on a pack file: `at` returns `n` contiguous bytes at `off`, or an empty view.
    struct Window {
        std::vector<char> buf;
        std::uint32_t pack = UINT32_MAX;
        std::uint64_t off = 0;
        std::size_t len = 0;
        std::size_t ahead = 0;      // bytes read at a time
        std::uint64_t used_end = 0;  // the end of the bytes used from this window
    };
    struct Key {
        std::uint32_t pack;
        std::uint64_t offset;
        bool operator==(const Key& o) const { return pack == o.pack && offset == o.offset; }
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept { return k.offset * 0x9E3779B97F4A7C15ull ^ k.pack; }
    };
    struct Cached {
        Key key;
        int type;
        Bytes data;
    };

    PackRead read_object(std::uint32_t pack, std::uint64_t offset, std::string_view& data, int& type,
                         std::uint64_t max_size, std::uint64_t* size);
    int fd(std::uint32_t pack);
    std::string_view at(Window& w, std::uint32_t pack, std::uint64_t off, std::size_t n);
    bool header(Window& w, std::uint32_t pack, std::uint64_t offset, Header& h);
    bool inflate(Window& w, std::uint32_t pack, const Header& h, Bytes& out);
    const Cached* find(const Key& key);
    const Cached& remember(const Key& key, int type, Bytes&& data);

    const PackSet& packs_;
    const std::size_t budget_;
    const std::uint64_t max_object_;
    libdeflate_decompressor* inflater_ = nullptr;
    std::vector<UniqueFd> fds_;        // per pack, opened on first use
    std::vector<char> unopenable_;     // per pack: opening failed, don't try again
    Window target_, bases_;  // the object asked for is read in pack order; bases jump back
    std::list<Cached> lru_;  // most recent first
    std::unordered_map<Key, std::list<Cached>::iterator, KeyHash> index_;
    std::size_t cached_bytes_ = 0;
    Cached aside_{};     // the last result too big to cache
    Bytes top_delta_;    // the delta of the object asked for
    Bytes delta_;        // a base's delta being applied
};

// Applies a git delta (gitformat-pack "Deltified representation") to `base`. False when the
// delta is malformed, does not fit the base, or builds more than `max_size` bytes.
bool apply_delta(std::string_view base, std::string_view delta, Bytes& out, std::uint64_t max_size = kMaxPackObject);

}  // namespace nhiscan
