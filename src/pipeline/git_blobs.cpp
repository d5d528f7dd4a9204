#include "pipeline/git_blobs.hpp"

#include <algorithm>
#include <memory>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pipeline/blob_scan.hpp"
#include "sources/git_handle.hpp"
#include "sources/git_pack_reader.hpp"

namespace nhiscan {
namespace {

struct Worker {
    GitRepo repo;
    GitOdb odb;
    std::unique_ptr<PackReader> packs;
    ScanStats stats;
    std::uint64_t largest = 0;
    git_oid largest_id{};
};

void open_worker(Worker& w, const std::string& path) {
    git_repository* r = nullptr;
    git_check(git_repository_open(&r, path.c_str()), "cannot open the repository");
    w.repo.reset(r);
    git_odb* o = nullptr;
    git_check(git_repository_odb(&o, r), "cannot open the object database");
    w.odb.reset(o);
}

std::string last_error() {
    const git_error* e = git_error_last();
    std::string s = e && e->message ? e->message : "libgit2 error";
    git_error_clear();
    return s;
}

}  // namespace

void read_objects(const std::vector<ObjectRef>& blobs, const ReadOptions& opts,
                  const std::function<void(unsigned, std::size_t, std::string_view)>& fn, ScanStats& stats) {
    unsigned threads = opts.threads ? opts.threads : default_thread_count();
    const bool inline_read = opts.reuse && blobs.size() <= kInlineObjects;
    if (inline_read) threads = 1;
    std::size_t batches = (blobs.size() + kReadBatch - 1) / kReadBatch;
    // A base cache per worker, within one budget however many cores there are.
    const std::size_t cache = std::clamp<std::size_t>((32u << 20) / threads, 2u << 20, 8u << 20);
    std::vector<Worker> workers(threads);
    parallel_for(threads, batches, [&](unsigned w, std::size_t b) {
        Worker& wk = workers[w];
        if (opts.packs && !wk.packs) wk.packs = std::make_unique<PackReader>(*opts.packs, cache);
        auto odb = [&] {  // libgit2 only for what the pack reader leaves: opened on first use
            if (!wk.odb && inline_read) {
                git_odb* o = nullptr;
                git_check(git_repository_odb(&o, opts.reuse), "cannot open the object database");
                wk.odb.reset(o);
            } else if (!wk.odb) {
                open_worker(wk, opts.repo_path);
            }
            return wk.odb.get();
        };
        for (std::size_t i = b * kReadBatch, end = std::min(blobs.size(), i + kReadBatch); i < end; ++i) {
            if (opts.stop && opts.stop->load(std::memory_order_relaxed)) return;
            const ObjectRef& ref = blobs[i];
            auto deliver = [&](std::string_view data) {
                fn(w, i, data);
                ++wk.stats.items;
                wk.stats.bytes += data.size();
                if (opts.progress) opts.progress->add(1, data.size());
            };
            std::uint64_t size = ref.size;
            std::string_view data;
            if (wk.packs && (size == kUnknownSize || size <= opts.max_size)) {
                int type = 0;
                auto got = wk.packs->read(ref.pack, ref.offset, data, type, opts.max_size, &size);
                if (got == PackRead::Ok && type == opts.type) {
                    deliver(data);
                    continue;
                }
                if (got != PackRead::TooLarge) size = ref.size;  // libgit2 reads it, or says what is wrong
            }
            if (size == kUnknownSize) {
                std::size_t len = 0;
                git_object_t type;
                if (git_odb_read_header(&len, &type, odb(), &ref.id) != 0) {
                    ++wk.stats.errors;
                    if (!opts.quiet) diag::scan_error(fmt::format("cannot read {} {}: {}", opts.noun, oid_hex(ref.id), last_error()));
                    continue;
                }
                size = len;
            }
            if (size > opts.max_size && opts.on_too_large) {
                opts.on_too_large(w, i, size);
                continue;
            }
            if (size > opts.max_size) {
                ++wk.stats.skipped_large;
                if (opts.paths)
                    diag::notice(fmt::format("skipping '{}': {} bytes is over --max-file-size ({})",
                                             diag::printable((*opts.paths)[i]), size, opts.max_size));
                if (size > wk.largest) wk.largest = size, wk.largest_id = ref.id;
                if (opts.progress) opts.progress->add(1, size);
                continue;
            }
            git_odb_object* raw = nullptr;
            if (git_odb_read(&raw, odb(), &ref.id) != 0) {
                ++wk.stats.errors;
                if (!opts.quiet) diag::scan_error(fmt::format("cannot read {} {}: {}", opts.noun, oid_hex(ref.id), last_error()));
                if (opts.progress) opts.progress->add(1, 0);
                continue;
            }
            GitOdbObject obj(raw);
            deliver(std::string_view(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw)));
        }
    });
    std::uint64_t largest = 0;
    git_oid largest_id{};
    std::size_t skipped = 0;
    for (auto& w : workers) {
        stats.items += w.stats.items;
        stats.bytes += w.stats.bytes;
        stats.errors += w.stats.errors;
        stats.skipped_large += w.stats.skipped_large;
        skipped += w.stats.skipped_large;
        if (w.largest > largest) largest = w.largest, largest_id = w.largest_id;
    }
    if (skipped && !opts.paths)
        diag::notice(fmt::format("skipped {} blob{} over --max-file-size ({} bytes); the largest is {} ({} bytes)", skipped,
                                 skipped == 1 ? "" : "s", opts.max_size, oid_hex(largest_id), largest));
}

BlobFindings scan_blobs(const CompiledRules& rules, const std::vector<ObjectRef>& blobs, const ReadOptions& opts,
                        std::string_view source) {
    unsigned threads = opts.threads ? opts.threads : default_thread_count();
    struct PerWorker {
        std::unique_ptr<Scanner> scanner;
        std::vector<std::pair<std::size_t, std::vector<Finding>>> found;
        std::vector<std::pair<std::size_t, git_oid>> renamed;
        std::size_t corrupt = 0;
        std::size_t binary = 0;
        std::uint64_t binary_bytes = 0;
        std::size_t binary_limited = 0;
    };
    std::vector<PerWorker> per(threads);
    BlobFindings out;
    ReadOptions ro = opts;
    ro.threads = threads;
    read_objects(blobs, ro,
               [&](unsigned w, std::size_t i, std::string_view data) {
                   PerWorker& p = per[w];
                   if (!p.scanner) p.scanner = std::make_unique<Scanner>(rules);
                   std::vector<Finding> found;
                   std::string_view path = opts.paths ? std::string_view((*opts.paths)[i]) : std::string_view();
                   BlobContext ctx{path, source};
                   ctx.scoped = !opts.scoped || (*opts.scoped)[i];
                   if (opts.binary_rules && looks_binary(data)) {
                       ++p.binary_limited;
                       if (!p.scanner->path_allowed(path))
                           found = locate(rules, data, p.scanner->scan_binary(data, path, ctx.scoped), ctx);
                   } else if (!scan_blob(*p.scanner, rules, data, ctx, found)) {
                       ++p.binary;
                       p.binary_bytes += data.size();
                       return;
                   }
                   if (found.empty()) return;
                   git_oid actual;
                   if (git_odb_hash(&actual, data.data(), data.size(), GIT_OBJECT_BLOB) == 0 &&
                       !git_oid_equal(&actual, &blobs[i].id)) {
                       diag::scan_error(fmt::format("blob {} is corrupt: its content hashes to {}", oid_hex(blobs[i].id),
                                                    oid_hex(actual)));
                       ++p.corrupt;
                       p.renamed.emplace_back(i, actual);
                   }
                   std::string id = oid_hex(p.renamed.empty() || p.renamed.back().first != i ? blobs[i].id : actual);
                   for (auto& f : found) f.blob_id = id;
                   p.found.emplace_back(i, std::move(found));
               },
               out.stats);
    for (auto& p : per) {
        out.stats.skipped_binary += p.binary;
        out.stats.binary_limited += p.binary_limited;
        out.stats.items -= p.binary;  // read but not scanned
        out.stats.bytes -= p.binary_bytes;
        out.stats.errors += p.corrupt;
        std::move(p.found.begin(), p.found.end(), std::back_inserter(out.found));
        std::move(p.renamed.begin(), p.renamed.end(), std::back_inserter(out.renamed));
    }
    std::sort(out.found.begin(), out.found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

}  // namespace nhiscan
