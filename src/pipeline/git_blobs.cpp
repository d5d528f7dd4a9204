#include "pipeline/git_blobs.hpp"

#include <algorithm>
#include <memory>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pipeline/blob_scan.hpp"
#include "pipeline/scan_driver.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/pack_reader.hpp"

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

bool blob_content_matches(const git_oid& id, std::string_view data, git_oid& actual) {
    if (git_odb_hash(&actual, data.data(), data.size(), GIT_OBJECT_BLOB) != 0) {
        actual = id;
        diag::scan_error(fmt::format("cannot check blob {}: {}", oid_hex(id), last_error()));
        return false;
    }
    if (git_oid_equal(&actual, &id)) return true;
    diag::scan_error(fmt::format("blob {} is corrupt: its content hashes to {}", oid_hex(id), oid_hex(actual)));
    return false;
}

void BlobSource::scan(Sink& sink, unsigned threads) {
    ReadOptions ro = opts_;
    ro.threads = threads;
    std::vector<std::vector<std::pair<std::size_t, git_oid>>> renamed(threads);
    ScanStats read;
    read_objects(
        blobs_, ro,
        [&](unsigned w, std::size_t i, std::string_view data) {
            Item item;
            item.path = opts_.paths ? std::string_view((*opts_.paths)[i]) : std::string_view();
            item.kind = kind_;
            item.key = i;
            item.blob = &blobs_[i].id;
            item.scoped = !opts_.scoped || (*opts_.scoped)[i];
            if (!sink.bytes(w, item, data)) return;
            git_oid actual;
            if (blob_content_matches(blobs_[i].id, data, actual)) return;
            ++sink.stats(w).errors;
            if (!git_oid_equal(&actual, &blobs_[i].id)) renamed[w].emplace_back(i, actual);
        },
        read);
    // Items and bytes are the sink's (it knows what was scanned rather than skipped as binary).
    ScanStats& s = sink.stats(0);
    s.errors += read.errors;
    s.skipped_large += read.skipped_large;
    for (auto& r : renamed) std::move(r.begin(), r.end(), std::back_inserter(this->renamed));
    std::sort(this->renamed.begin(), this->renamed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

BlobFindings scan_blobs(const CompiledRules& rules, const std::vector<ObjectRef>& blobs, const ReadOptions& opts,
                        SourceKind kind, const ArchiveLimits& archives) {
    DriverOptions d;
    d.threads = opts.threads;
    d.binary_rules = kind == SourceKind::Staged;  // in a commit, binary files get the binary rules
    d.archives = archives;
    d.archives.max_member_size = opts.max_size;
    ScanDriver driver(rules, d);
    BlobSource source(blobs, opts, kind);
    driver.run(source);
    BlobFindings out;
    out.found = driver.take_keyed();
    out.stats = driver.total_stats();
    out.renamed = std::move(source.renamed);
    for (const auto& [i, id] : out.renamed) {
        auto it = std::lower_bound(out.found.begin(), out.found.end(), i, [](const auto& e, std::size_t k) { return e.first < k; });
        if (it == out.found.end() || it->first != i) continue;
        std::string hex = oid_hex(id);
        for (auto& f : it->second) f.blob_id = hex;
    }
    return out;
}

}  // namespace nhiscan
