#pragma once
// Reading many blobs on worker threads, each with its own git_repository (one shared odb
// does not scale: libgit2 serialises on it), in the order given (pack offset order reads a
// pack front to back). One blob per worker is in memory at a time; blobs over the size limit
// are never read. Scanning them is one use; searching them for known strings is another.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "findings/finding.hpp"
#include "pipeline/archive_source.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/stats.hpp"
#include "sources/git/objects.hpp"

namespace nhiscan {

class CompiledRules;
class PackSet;

constexpr std::uint64_t kUnknownSize = UINT64_MAX;  // ObjectRef::size not known: ask the odb

// Consecutive objects per hand-out: each worker reads a long run of the pack, so most delta
// bases it needs are ones it has just rebuilt (in its own cache; short runs left the tree
// passes rebuilding many more bases).
constexpr std::size_t kReadBatch = 512;
constexpr std::size_t kInlineObjects = 32;  // with ReadOptions::reuse, up to this many are read on the calling thread

struct ReadOptions {
    std::string repo_path;  // git_repository_path() of the repository
    unsigned threads = 0;   // 0: one per core
    std::uint64_t max_size = 25u << 20;
    Progress* progress = nullptr;
    const std::atomic<bool>* stop = nullptr;  // set to end the reading early
    const std::vector<std::string>* paths = nullptr;  // one per blob, for notices (staged)
    // One per blob without a path: whether the path-scoped rules run on it (scoped_blobs.hpp);
    // null: on every blob.
    const std::vector<char>* scoped = nullptr;
    bool quiet = false;  // unreadable objects are counted, not reported (a later pass reports them)
    const char* noun = "blob";                         // for error messages
    git_object_t type = GIT_OBJECT_BLOB;               // what the objects are
    // The listing's packs: objects in them are read by a PackReader per worker, not libgit2.
    const PackSet* packs = nullptr;
    // For a handful of objects (kInlineObjects), read them on the calling thread through this handle rather
    // than start workers that each open the repository (the pre-commit path counts ms).
    git_repository* reuse = nullptr;
    // Set: an object over max_size is handed here (worker, index, size) instead of being
    // skipped, for the caller to read in chunks (staged). Called on worker threads.
    std::function<void(unsigned, std::size_t, std::uint64_t)> on_too_large;
};

// fn(worker, index into objects, content), in batches of kReadBatch consecutive indices per
// worker. Counts items, bytes, skipped_large and errors into `stats`; unreadable objects are
// reported through diag::scan_error.
void read_objects(const std::vector<ObjectRef>& objects, const ReadOptions& opts,
                  const std::function<void(unsigned, std::size_t, std::string_view)>& fn, ScanStats& stats);

// Whether `data` is the blob `id`. Bulk reads skip libgit2's hash check for speed, so what a
// verdict rests on is checked here: a damaged pack index can file content under the wrong id.
// A mismatch, or content that cannot be hashed, is reported (diag::scan_error) and false;
// `actual` is then the content's id (`id` itself when it could not be hashed).
bool blob_content_matches(const git_oid& id, std::string_view data, git_oid& actual);

// The git blobs as a source (source.hpp): read by read_objects, each handed to the sink with
// its index as the item key. The id of each blob with findings is checked
// (blob_content_matches); `renamed` gives the id the content really has.
class BlobSource : public Source {
public:
    BlobSource(const std::vector<ObjectRef>& blobs, const ReadOptions& opts, SourceKind kind)
        : blobs_(blobs), opts_(opts), kind_(kind) {}
    void scan(Sink& sink, unsigned threads) override;
    std::vector<std::pair<std::size_t, git_oid>> renamed;  // index, the content's real id (ascending)

private:
    const std::vector<ObjectRef>& blobs_;
    const ReadOptions& opts_;
    SourceKind kind_;
};

// Findings per blob index (only blobs with findings), path left empty unless opts.paths gives
// one per blob (the scanner then also applies path allowlists). blob_id is set.
struct BlobFindings {
    std::vector<std::pair<std::size_t, std::vector<Finding>>> found;  // ascending index
    std::vector<std::pair<std::size_t, git_oid>> renamed;             // index, the content's real id
    ScanStats stats;
};
BlobFindings scan_blobs(const CompiledRules& rules, const std::vector<ObjectRef>& blobs, const ReadOptions& opts,
                        SourceKind kind, const ArchiveLimits& archives = ArchiveLimits{false});

}  // namespace nhiscan
