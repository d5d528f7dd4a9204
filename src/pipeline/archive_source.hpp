#pragma once
// Archive members as items (libarchive): zip, jar/war, tar, tar.gz/tgz, tar.bz2, tar.xz, and
// a lone gzip/bzip2/xz stream. A member's path reads "bundle.zip!config/app.env"; a lone
// compressed stream is the file itself ("app.env.gz", lines of the decompressed text).
// Members are scanned as files by the same sink; a member that is an archive is opened in
// turn, to ArchiveLimits::max_depth. One top-level archive, nested ones included, costs at
// most max_bytes of decompression, max_members members, and max_ratio times its own size,
// so a zip bomb stops early with a notice. A corrupt archive gives a notice: what was read
// before the damage is scanned, and the scan goes on.
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/source.hpp"

namespace nhiscan {

struct ArchiveLimits {
    bool enabled = true;                         // --no-archives turns it off
    unsigned max_depth = 3;                      // archives opened inside a top-level one
    std::uint64_t max_bytes = 256ull << 20;      // decompressed bytes per top-level archive
    std::size_t max_members = 10000;             // members per top-level archive
    std::uint64_t max_ratio = 100;               // decompressed / compressed bytes (past 1 MiB)
    std::uint64_t max_member_size = 25u << 20;   // --max-file-size, for each member
};

// What one top-level archive has spent so far (nested archives share it).
struct ArchiveBudget {
    std::uint64_t compressed = 0;  // the top-level archive's own size
    std::uint64_t bytes = 0;
    std::size_t members = 0;
    bool exhausted = false;        // a limit was hit: nothing more is read
};

// True when `head`, the first bytes of an item, starts like an archive this reads.
bool looks_like_archive(std::string_view head);

// The members of one archive, in memory (`data`) or on disk (`fs_path`), yielded to a sink
// on one worker. Members are regular files only (no links, devices or directories).
class ArchiveSource : public Source {
public:
    ArchiveSource(const Item& outer, std::string_view data, const ArchiveLimits& limits, ArchiveBudget& budget,
                  unsigned worker);
    ArchiveSource(const Item& outer, const std::string& fs_path, const ArchiveLimits& limits, ArchiveBudget& budget,
                  unsigned worker);
    void scan(Sink& sink, unsigned threads) override;

    // After scan(): members handed to the sink, and whether the archive could not be read
    // (corrupt, or not an archive after all).
    std::size_t members() const { return members_; }
    bool unreadable() const { return unreadable_; }

private:
    const Item& outer_;
    std::string_view data_;
    const std::string* fs_path_ = nullptr;
    const ArchiveLimits& limits_;
    ArchiveBudget& budget_;
    unsigned worker_;
    std::size_t members_ = 0;
    bool unreadable_ = false;
};

}  // namespace nhiscan
