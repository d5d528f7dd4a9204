#pragma once
// "Is this secret already in HEAD?" for `nhiscan staged`: a secret the index adds counts as new
// only when no blob of HEAD's tree holds its bytes. Answered by literal search (memmem), never
// by the scanner, reading the likeliest blobs first so the usual cases read one blob:
//   1. HEAD's blob at the finding's own path (an edit elsewhere in a file that holds it);
//   2. the blobs the index replaces or deletes (a rename, a move between files);
//   3. only then every blob of HEAD's tree (a copy of a committed secret into a new file),
//      stopping as soon as every secret has been found. Where the index's stat data says a
//      work-tree file still holds HEAD's blob, the file is read instead of inflating the blob.
#include <atomic>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <git2.h>

#include "pipeline/git_blobs.hpp"
#include "pipeline/stats.hpp"
#include "sources/git/changes.hpp"

namespace nhiscan {

struct SecretAt {
    std::string path;    // where the index adds it (repository-relative)
    std::string secret;  // raw bytes
};

// HEAD's unchanged work-tree files (`work_files`), read on a thread of their own while the
// staged blobs are scanned: a commit that adds a secret then pays a search of memory for step
// 3 instead of thousands of reads after the scan (git/git's work tree is about 4,000 files).
// Reads at most `budget` bytes, in the order of `files`; stop() (or the destructor) ends the
// reading after the file in hand. A file whose stat data no longer matches the index is not kept.
class WorkTreePrefetch {
public:
    WorkTreePrefetch(std::string workdir, const std::vector<TreeChanges::WorkFile>& files, std::uint64_t max_size,
                     std::size_t budget);
    ~WorkTreePrefetch() { stop(); }
    WorkTreePrefetch(const WorkTreePrefetch&) = delete;
    WorkTreePrefetch& operator=(const WorkTreePrefetch&) = delete;

    void stop();
    void wait();  // until the reading ends by itself (tests)
    // After stop(): the files read so far, as (index into `files`, offset, size) in `arena()`,
    // and how many of `files` the reader got through (read or not kept).
    struct Read {
        std::size_t file, offset, size;
    };
    const std::vector<Read>& read() const { return read_; }
    std::string_view arena() const { return {arena_.get(), used_}; }
    std::size_t visited() const { return visited_; }
    const std::vector<TreeChanges::WorkFile>& files() const { return files_; }

private:
    void run();

    std::string workdir_;
    const std::vector<TreeChanges::WorkFile>& files_;
    std::uint64_t max_size_;
    std::size_t budget_;
    std::vector<Read> read_;
    struct Unmap {
        std::size_t size;
        void operator()(char* p) const;
    };
    std::unique_ptr<char, Unmap> arena_{nullptr, Unmap{0}};
    std::size_t used_ = 0;
    std::size_t visited_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// The secrets of `wanted` that some blob of `head_tree` contains. `replaced` lists the blobs
// the index replaces or deletes (all in HEAD); `unchanged`, when known, the rest of HEAD's
// blobs (else HEAD's trees are read for them); `work_files`, of those, the ones whose
// work-tree copy can be searched instead of the blob (verified by hashing on a hit; the
// blobs of files that changed since are read); `prefetched`, when given, holds some of
// `work_files` already read (it is stopped here). Unreadable blobs are reported
// (diag::scan_error) and counted in stats.errors; a blob whose content does not hash to its
// id never counts as holding a secret.
std::set<std::string> secrets_in_head(git_repository* repo, git_tree* head_tree, const std::vector<SecretAt>& wanted,
                                      const std::vector<git_oid>& replaced, const std::vector<git_oid>* unchanged,
                                      const ReadOptions& ro, ScanStats& stats,
                                      const std::vector<TreeChanges::WorkFile>* work_files = nullptr,
                                      WorkTreePrefetch* prefetched = nullptr);

}  // namespace nhiscan
