#pragma once
// The source seam: a source yields items (bytes + provenance) to a sink; the sink (the scan
// driver, scan_driver.hpp) scans them. A source knows where bytes come from and nothing about
// rules or findings; the driver knows scanning and nothing about where bytes come from.
//
//   FileSource (dir, stdin)    |
//   BlobSource (git, staged)   |-- Item --> Sink = ScanDriver --> findings, stats
//   ArchiveSource (members)    |
#include <cstdint>
#include <string>
#include <string_view>

#include <git2.h>

#include "findings/finding.hpp"
#include "pipeline/stats.hpp"

namespace nhiscan {

struct Item {
    std::string_view path;         // shown path; "" for a history blob (placed later by provenance)
    SourceKind kind = SourceKind::File;
    std::string_view member;       // inside an archive: the member's path ("" otherwise)
    std::size_t key = 0;           // the source's index for the item: findings are kept per key
    unsigned depth = 0;            // archive nesting: 0 for the item itself
    const git_oid* blob = nullptr; // a git blob's id (names it in notices, set on findings)
    bool scoped = true;            // no path (a history blob): whether the path-scoped rules run

    // How notices name it: the path, or "blob <id>".
    std::string label() const;
};

class Sink {
public:
    virtual ~Sink() = default;
    // Content in memory. `worker` < the thread count the source was given. True when the
    // item had findings (a git source then checks the content's hash).
    virtual bool bytes(unsigned worker, const Item& item, std::string_view data) = 0;
    // A regular file on disk, read in bounded chunks.
    virtual void file(unsigned worker, const Item& item, const std::string& fs_path) = 0;
    // An open descriptor (standard input) up to `max_size` bytes, read in bounded chunks.
    virtual void stream(unsigned worker, const Item& item, int fd, std::uint64_t max_size) = 0;
    // Counts that only the source knows (skipped large, ignored, unreadable, ...).
    virtual ScanStats& stats(unsigned worker) = 0;
};

class Source {
public:
    virtual ~Source() = default;
    // Hands every item to `sink`, on at most `threads` workers.
    virtual void scan(Sink& sink, unsigned threads) = 0;
};

}  // namespace nhiscan
