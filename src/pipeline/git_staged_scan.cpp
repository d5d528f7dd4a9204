// `nhiscan staged`: the blobs the index would commit, minus secrets HEAD already has
// (head_secrets.hpp).
#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pipeline/blob_scan.hpp"
#include "pipeline/git_blobs.hpp"
#include "pipeline/git_common.hpp"
#include "pipeline/git_scan.hpp"
#include "pipeline/head_secrets.hpp"
#include "sources/file_reader.hpp"
#include "sources/git/changes.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/staged.hpp"

namespace nhiscan {
namespace {

// What the work-tree prefetch may hold: git/git's work tree is about 60 MB.
constexpr std::size_t kPrefetchBudget = std::size_t{128} << 20;

// A staged blob over --max-file-size, scanned in the chunks `dir` uses for large files: read
// as a stream where the object database can stream it (loose objects, which is what `git add`
// writes), else read whole (a packed object) and scanned in the same chunks.
ChunkedScan scan_large_blob(Scanner& scanner, const CompiledRules& rules, git_repository* repo, const git_oid& id,
                            const std::string& path, std::vector<Finding>& out, std::uint64_t& bytes) {
    git_odb* raw_odb = nullptr;
    git_check(git_repository_odb(&raw_odb, repo), "cannot open the object database");
    GitOdb odb(raw_odb);
    BlobContext ctx{path, SourceKind::Staged};
    const std::string name = fmt::format("'{}' (blob {})", path, oid_hex(id));
    auto fail = [&](const char* what) {
        const git_error* e = git_error_last();
        std::string msg = fmt::format("cannot {} {}: {}", what, diag::printable(name), e && e->message ? e->message : "libgit2 error");
        git_error_clear();
        throw Error(msg);
    };
    git_odb_stream* raw_stream = nullptr;
    std::size_t len = 0;
    git_object_t type{};
    if (git_odb_open_rstream(&raw_stream, &len, &type, odb.get(), &id) == 0) {
        std::unique_ptr<git_odb_stream, void (*)(git_odb_stream*)> stream(raw_stream, git_odb_stream_free);
        std::uint64_t left = len;
        ReadSome read = [&](char* buf, std::size_t n) -> std::size_t {
            if (left == 0) return 0;
            std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>({n, left, 1u << 30}));
            int got = git_odb_stream_read(stream.get(), buf, want);
            if (got < 0) fail("read");
            left -= static_cast<std::uint64_t>(got);
            return static_cast<std::size_t>(got);
        };
        return scan_chunked(scanner, rules, ctx, out, bytes, true, [&](const auto& on_chunk) {
            read_chunks(read, name, kChunkSize, kChunkOverlap, len, UINT64_MAX, on_chunk);
        });
    }
    git_error_clear();
    git_odb_object* raw_obj = nullptr;
    if (git_odb_read(&raw_obj, odb.get(), &id) != 0) fail("read");
    GitOdbObject obj(raw_obj);
    std::string_view data(static_cast<const char*>(git_odb_object_data(raw_obj)), git_odb_object_size(raw_obj));
    std::size_t pos = 0;
    ReadSome read = [&](char* buf, std::size_t n) -> std::size_t {
        std::size_t k = std::min(n, data.size() - pos);
        std::memcpy(buf, data.data() + pos, k);
        pos += k;
        return k;
    };
    return scan_chunked(scanner, rules, ctx, out, bytes, true, [&](const auto& on_chunk) {
        read_chunks(read, name, kChunkSize, kChunkOverlap, data.size(), UINT64_MAX, on_chunk);
    });
}

}  // namespace

ScanOutput scan_staged(const CompiledRules& rules, git_repository* repo, const GitScanOptions& opts) {
    ScanClock clock;
    ScanOutput out;
    auto head = head_commit(repo);
    TreeChanges ch = staged_changes(repo, head);
    for (const auto& s : ch.submodules) notice_submodule(s);

    std::vector<ObjectRef> blobs;
    std::vector<std::string> paths;
    for (const auto& a : ch.added) {
        blobs.push_back({a.blob, kUnknownSize, 0, 0});
        paths.push_back(a.path);
    }
    ReadOptions ro = read_options(repo, opts, nullptr);
    ro.paths = &paths;
    ro.reuse = repo;
    // In a commit, size is not a reason to skip: blobs over --max-file-size are scanned below
    // in bounded chunks. Binary blobs get the rules trusted on binary content (SourceKind::Staged).
    std::mutex large_mutex;
    std::vector<std::size_t> large;
    ro.on_too_large = [&](unsigned, std::size_t i, std::uint64_t) {
        std::lock_guard<std::mutex> lock(large_mutex);
        large.push_back(i);
    };
    // Proving a secret new (below) reads HEAD's unchanged files. When the scan leaves a core
    // idle (fewer staged blobs than threads: the usual commit), they are read on it meanwhile;
    // a clean change stops the reading after the file in hand.
    std::optional<WorkTreePrefetch> prefetch;
    const char* workdir = git_repository_workdir(repo);
    if (head && ch.unchanged_known && !ch.work_files.empty() && workdir &&
        blobs.size() < (ro.threads ? ro.threads : default_thread_count()))
        try {
            prefetch.emplace(workdir, ch.work_files, ro.max_size, kPrefetchBudget);
        } catch (const std::system_error&) {
            // no thread to spare: step 3 reads the files after the scan, as without the prefetch
        }
    // Archive members are not expanded here: "already in HEAD" is a literal search of HEAD's
    // blobs, which cannot see inside a compressed member.
    BlobFindings found = scan_blobs(rules, blobs, ro, SourceKind::Staged);
    out.stats = found.stats;
    ro.on_too_large = nullptr;  // the reads of HEAD below are searches, not scans

    std::vector<Finding> candidates;
    for (auto& [i, fs] : found.found) std::move(fs.begin(), fs.end(), std::back_inserter(candidates));
    std::sort(large.begin(), large.end());
    if (!large.empty()) {
        Scanner scanner(rules);
        for (std::size_t i : large) {
            std::vector<Finding> fs;
            std::uint64_t bytes = 0;
            try {
                ChunkedScan how = scan_large_blob(scanner, rules, repo, blobs[i].id, paths[i], fs, bytes);
                ++out.stats.items;
                if (how == ChunkedScan::BinaryLimited) ++out.stats.binary_limited;
            } catch (const Error& e) {
                ++out.stats.errors;
                diag::scan_error(e.what());
            }
            out.stats.bytes += bytes;
            std::string id = oid_hex(blobs[i].id);
            for (auto& f : fs) f.blob_id = id;
            std::move(fs.begin(), fs.end(), std::back_inserter(candidates));
        }
    }
    if (!candidates.empty() && head) {
        // New relative to HEAD, by content: a secret some blob of HEAD already holds (an edit
        // elsewhere in its file, a rename, a copy into another file) is not reported.
        GitTree head_tree = commit_tree(repo, *head);
        std::vector<SecretAt> wanted;
        for (const auto& f : candidates) wanted.push_back({f.path, f.secret});
        auto in_head =
            secrets_in_head(repo, head_tree.get(), wanted, ch.old_blobs, ch.unchanged_known ? &ch.unchanged : nullptr,
                            ro, out.stats, &ch.work_files, prefetch ? &*prefetch : nullptr);
        std::erase_if(candidates, [&](const Finding& f) { return in_head.count(f.secret) > 0; });
    }
    out.findings = std::move(candidates);
    return clock.finish(std::move(out));
}

}  // namespace nhiscan
