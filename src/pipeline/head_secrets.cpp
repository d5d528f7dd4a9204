#include "pipeline/head_secrets.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <new>

#include <fmt/core.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "core/diag.hpp"
#include "core/parallel.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/objects.hpp"
#include "sources/git/oid.hpp"
#include "sources/git/trees.hpp"

namespace nhiscan {
namespace {

using GitTreeEntry = GitPtr<git_tree_entry, git_tree_entry_free>;

// The secrets still looked for, shared by the reading threads. Each is marked found once; the
// reading stops when none is left.
class LiteralSearch {
public:
    explicit LiteralSearch(const std::set<std::string>& secrets)
        : secrets_(secrets.begin(), secrets.end()),
          found_(std::make_unique<std::atomic<bool>[]>(secrets_.size())),
          left_(secrets_.size()) {
        for (std::size_t i = 0; i < secrets_.size(); ++i) found_[i] = false;
    }

    bool done() const { return all_found_.load(std::memory_order_relaxed); }
    const std::atomic<bool>* stop_flag() const { return &all_found_; }

    // One blob's content, read as `id`. With `from_work_tree`, `data` is a work-tree file the
    // index says holds `id`: a hit counts only if it hashes to `id`, and false says it did not
    // (the caller then reads the blob itself); a mismatch there is not corruption.
    bool search(const git_oid& id, std::string_view data, bool from_work_tree = false) {
        bool verified = false;
        for (std::size_t i = 0; i < secrets_.size(); ++i) {
            if (found_[i].load(std::memory_order_relaxed)) continue;
            const std::string& s = secrets_[i];
            if (!::memmem(data.data(), data.size(), s.data(), s.size())) continue;
            // The verdict "not new" rests on this blob, and bulk reads skip libgit2's hash
            // check: make sure the content is the blob HEAD names.
            if (!verified) {
                git_oid actual;
                if (from_work_tree) {
                    if (git_odb_hash(&actual, data.data(), data.size(), GIT_OBJECT_BLOB) != 0 ||
                        !git_oid_equal(&actual, &id)) {
                        git_error_clear();
                        return false;
                    }
                } else if (!blob_content_matches(id, data, actual)) {  // a blob that can't be checked can't vouch
                    ++corrupt_;
                    return true;
                }
                verified = true;
            }
            if (!found_[i].exchange(true) && left_.fetch_sub(1) == 1) all_found_ = true;
        }
        return true;
    }

    std::set<std::string> found() const {
        std::set<std::string> out;
        for (std::size_t i = 0; i < secrets_.size(); ++i)
            if (found_[i]) out.insert(secrets_[i]);
        return out;
    }
    std::size_t corrupt() const { return corrupt_; }

private:
    std::vector<std::string> secrets_;
    std::unique_ptr<std::atomic<bool>[]> found_;
    std::atomic<std::size_t> left_;
    std::atomic<bool> all_found_{false};
    std::atomic<std::size_t> corrupt_{0};
};

// With `packed`, the blobs are read in pack order by PackReaders (ids scattered over a big
// pack cost libgit2 several inflations each: delta bases far apart, its base cache small).
void search_blobs(LiteralSearch& search, const std::vector<git_oid>& ids, const ReadOptions& ro, ScanStats& stats,
                  const PackedObjects* packed = nullptr) {
    if (ids.empty() || search.done()) return;
    std::vector<ObjectRef> refs;
    refs.reserve(ids.size());
    for (const auto& id : ids) refs.push_back(packed ? packed->locate(id, kUnknownSize) : ObjectRef{id, kUnknownSize, 0, 0});
    if (packed) sort_for_reading(refs);
    ReadOptions opts = ro;
    if (packed) opts.packs = packed->packs();
    opts.stop = search.stop_flag();
    opts.progress = nullptr;
    opts.paths = nullptr;
    opts.on_too_large = nullptr;  // HEAD's blobs over the limit are not read (they cannot vouch)
    ScanStats read;
    read_objects(refs, opts, [&](unsigned, std::size_t i, std::string_view data) { search.search(refs[i].id, data); },
                 read);
    stats.errors += read.errors;
}

// Reads `f` from the work tree into `out` (f.size bytes) when its stat data still matches the
// index (so it holds the blob's bytes, as `git status` assumes).
bool read_unchanged(const std::string& workdir, const TreeChanges::WorkFile& f, std::uint64_t max_size, char* out) {
    int fd = ::open((workdir + f.path).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && std::uint32_t(st.st_mtim.tv_sec) == f.mtime_s &&
                std::uint32_t(st.st_mtim.tv_nsec) == f.mtime_ns && std::uint32_t(st.st_size) == f.size &&
                std::uint32_t(st.st_ino) == f.ino &&
                // the index keeps 32 bits of the size: a file past 4 GiB could match on a wrapped one
                std::uint64_t(st.st_size) <= 0xFFFFFFFFu &&
                std::uint64_t(st.st_size) <= max_size;  // over the limit: left to the blob reader, which skips it
    std::size_t got = 0;
    while (same && got < f.size) {
        ssize_t r = ::read(fd, out + got, f.size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += static_cast<std::size_t>(r);
    }
    ::close(fd);
    return same && got == f.size;
}

// The work-tree copies of HEAD's unchanged files, where their stat data still matches the
// index: a read from the page cache instead of an inflate per blob. The files `pre` has read
// are searched in memory and the rest read here. Returns the blobs it could not stand in for
// (changed or unreadable files, a hit that does not hash to the blob); those are read from the odb.
std::vector<git_oid> search_work_tree(LiteralSearch& search, const std::string& workdir,
                                      const std::vector<TreeChanges::WorkFile>& files, unsigned threads,
                                      std::uint64_t max_size, WorkTreePrefetch* pre) {
    std::vector<char> covered(files.size(), 0);
    std::size_t from = 0;
    if (pre) {
        pre->stop();
        const auto& got = pre->read();
        const std::string_view arena = pre->arena();
        parallel_for(threads, got.size(), [&](unsigned, std::size_t k) {
            if (search.done()) return;
            const auto& r = got[k];
            covered[r.file] = search.search(files[r.file].blob, arena.substr(r.offset, r.size), true);
        });
        from = pre->visited();
    }
    std::vector<std::string> buffers(threads ? threads : 1);
    parallel_for(threads, files.size() - from, [&](unsigned w, std::size_t k) {
        if (search.done()) return;
        const std::size_t i = from + k;
        buffers[w].resize(files[i].size);
        if (read_unchanged(workdir, files[i], max_size, buffers[w].data()))
            covered[i] = search.search(files[i].blob, buffers[w], true);
    });
    std::vector<git_oid> rest;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (!covered[i]) rest.push_back(files[i].blob);
    return search.done() ? std::vector<git_oid>{} : rest;
}

}  // namespace

WorkTreePrefetch::WorkTreePrefetch(std::string workdir, const std::vector<TreeChanges::WorkFile>& files,
                                   std::uint64_t max_size, std::size_t budget)
    : workdir_(std::move(workdir)), files_(files), max_size_(max_size), budget_(budget) {
    thread_ = std::thread([this] { run(); });
}

void WorkTreePrefetch::stop() {
    stop_ = true;
    wait();
}

void WorkTreePrefetch::wait() {
    if (thread_.joinable()) thread_.join();
}

void WorkTreePrefetch::Unmap::operator()(char* p) const { ::munmap(p, size); }

void WorkTreePrefetch::run() {
    std::size_t total = 0;
    for (const auto& f : files_) total += f.size;
    // One mapping in huge pages where the kernel allows them: thousands of page faults on a
    // fresh buffer would cost more than the reads they hold.
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t size = (std::min(total, budget_) + kHuge - 1) / kHuge * kHuge;
    if (size == 0) return;
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;  // nothing read: the files are read after the scan
    ::madvise(p, size, MADV_HUGEPAGE);
    arena_ = std::unique_ptr<char, Unmap>(static_cast<char*>(p), Unmap{size});
    try {
        for (std::size_t i = 0; i < files_.size() && !stop_.load(std::memory_order_relaxed); ++i) {
            if (used_ + files_[i].size > std::min(size, budget_)) break;
            if (read_unchanged(workdir_, files_[i], max_size_, arena_.get() + used_)) {
                read_.push_back({i, used_, files_[i].size});
                used_ += files_[i].size;
            }
            visited_ = i + 1;
        }
    } catch (const std::bad_alloc&) {
        // What was read stays usable (file i is not counted as visited); the rest is read after the scan.
    }
}

std::set<std::string> secrets_in_head(git_repository* repo, git_tree* head_tree, const std::vector<SecretAt>& wanted,
                                      const std::vector<git_oid>& replaced, const std::vector<git_oid>* unchanged,
                                      const ReadOptions& ro, ScanStats& stats,
                                      const std::vector<TreeChanges::WorkFile>* work_files,
                                      WorkTreePrefetch* prefetched) {
    std::set<std::string> secrets;
    for (const auto& w : wanted) secrets.insert(w.secret);
    if (secrets.empty()) return {};
    LiteralSearch search(secrets);

    // 1 and 2: usually a handful of blobs, read on this thread.
    OidSet searched;
    std::vector<git_oid> likely;
    auto add = [&](const git_oid& id) {
        if (searched.insert(id).second) likely.push_back(id);
    };
    std::set<std::string_view> paths;
    for (const auto& w : wanted) {
        if (!paths.insert(w.path).second) continue;  // several findings in one file
        git_tree_entry* raw = nullptr;
        if (git_tree_entry_bypath(&raw, head_tree, w.path.c_str()) != 0) {  // a new path
            git_error_clear();
            continue;
        }
        GitTreeEntry entry(raw);
        if (git_tree_entry_type(raw) == GIT_OBJECT_BLOB) add(*git_tree_entry_id(raw));
    }
    for (const auto& id : replaced) add(id);
    search_blobs(search, likely, ro, stats);

    // 3: the rest of HEAD. A bulk read: libgit2's per-object SHA-1 check is turned off
    // (process-wide, as for history scans); search() checks the blobs a verdict rests on.
    if (!search.done()) {
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        OidSet blobs;
        const char* workdir = git_repository_workdir(repo);
        if (unchanged && work_files && !work_files->empty() && workdir) {
            // Files whose copy stood in for the blob are done; the other unchanged blobs are read.
            OidSet via_work;
            for (const auto& f : *work_files) via_work.insert(f.blob);
            for (const auto& id :
                 search_work_tree(search, workdir, *work_files, ro.threads ? ro.threads : default_thread_count(),
                                  ro.max_size, prefetched))
                blobs.insert(id);
            for (const auto& id : *unchanged)
                if (!via_work.count(id)) blobs.insert(id);
        } else if (unchanged) {
            blobs.insert(unchanged->begin(), unchanged->end());
        } else {
            git_odb* raw = nullptr;
            git_check(git_repository_odb(&raw, repo), "cannot open the object database");
            GitOdb odb(raw);
            OidSet trees;
            std::size_t gitlinks = 0;
            collect_blobs(odb.get(), *git_tree_id(head_tree), trees, blobs, gitlinks);
        }
        std::vector<git_oid> rest;
        rest.reserve(blobs.size());
        for (const auto& id : blobs)
            if (!searched.count(id)) rest.push_back(id);
        PackedObjects packed(repo);
        search_blobs(search, rest, ro, stats, &packed);
    }
    stats.errors += search.corrupt();
    return search.found();
}

}  // namespace nhiscan
