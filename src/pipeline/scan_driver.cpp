#include "pipeline/scan_driver.hpp"

#include <algorithm>

#include <fmt/core.h>
#include <sys/stat.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "core/utf16.hpp"
#include "pipeline/blob_scan.hpp"
#include "sources/git/handle.hpp"

namespace nhiscan {

struct ScanDriver::Worker {
    std::unique_ptr<Scanner> scanner;
    KeyedFindings found;
    ScanStats stats;
    ArchiveBudget* budget = nullptr;  // the top-level archive being read, if any
};

ScanDriver::ScanDriver(const CompiledRules& rules, const DriverOptions& opts) : rules_(rules), opts_(opts) {
    unsigned n = opts.threads ? opts.threads : default_thread_count();
    workers_.resize(n ? n : 1);
}

ScanDriver::~ScanDriver() = default;

ScanDriver::Worker& ScanDriver::worker(unsigned w) {
    auto& wk = workers_.at(w);
    if (!wk) wk = std::make_unique<Worker>();
    if (!wk->scanner) wk->scanner = std::make_unique<Scanner>(rules_);
    return *wk;
}

ScanStats& ScanDriver::stats(unsigned w) { return worker(w).stats; }

bool ScanDriver::keep(unsigned w, const Item& item, std::vector<Finding>&& found) {
    if (found.empty()) return false;
    if (item.blob) {
        std::string id = oid_hex(*item.blob);
        for (auto& f : found) f.blob_id = id;
    }
    KeyedFindings& kf = worker(w).found;
    if (!kf.empty() && kf.back().first == item.key)
        std::move(found.begin(), found.end(), std::back_inserter(kf.back().second));
    else
        kf.emplace_back(item.key, std::move(found));
    return true;
}

bool ScanDriver::may_expand(const Item& item, std::string_view head) const {
    if (!opts_.archives.enabled || !looks_like_archive(head)) return false;
    if (item.depth < opts_.archives.max_depth) return true;
    diag::notice(fmt::format("not opening archive {}: nested deeper than --max-archive-depth ({})",
                             diag::printable(item.label()), opts_.archives.max_depth));
    return false;
}

bool ScanDriver::expand(unsigned w, const Item& item, std::string_view data, const std::string* fs_path) {
    Worker& wk = worker(w);
    ArchiveBudget top;
    const bool outermost = !wk.budget;
    if (outermost) {
        struct stat st {};
        top.compressed = !fs_path ? data.size() : ::stat(fs_path->c_str(), &st) == 0 ? std::uint64_t(st.st_size) : 0;
        wk.budget = &top;
    }
    struct Restore {
        Worker& wk;
        bool outermost;
        ~Restore() {
            if (outermost) wk.budget = nullptr;
        }
    } restore{wk, outermost};
    std::optional<ArchiveSource> source;
    if (fs_path) source.emplace(item, *fs_path, opts_.archives, *wk.budget, w);
    else source.emplace(item, data, opts_.archives, *wk.budget, w);
    source->scan(*this, 1);
    // Not an archive after all (a damaged header, nothing read): scanned like any other item.
    return !(source->unreadable() && source->members() == 0);
}

bool ScanDriver::bytes(unsigned w, const Item& item, std::string_view data) {
    if (may_expand(item, data)) {
        // As file() does: an archive that cannot be opened (libarchive not loadable, archive_api())
        // is this item's scan error, not the end of the whole run's report (git blobs come here).
        try {
            if (expand(w, item, data, nullptr)) return false;
        } catch (const Error& e) {
            ++worker(w).stats.errors;
            diag::scan_error(e.what());
            return false;
        }
    }
    Worker& wk = worker(w);
    Scanner& scanner = *wk.scanner;
    BlobContext ctx{item.path, item.kind, item.member};
    ctx.scoped = item.scoped;
    std::vector<Finding> found;
    if (opts_.binary_rules && looks_binary(data) && !looks_utf16(data)) {  // UTF-16: scan_blob reads it as text
        ++wk.stats.binary_limited;
        if (!scanner.path_allowed(item.path))
            found = locate(rules_, data, scanner.scan_binary(data, item.path, item.scoped), ctx);
    } else if (!scan_blob(scanner, rules_, data, ctx, found)) {
        ++wk.stats.skipped_binary;
        return false;
    }
    ++wk.stats.items;
    wk.stats.bytes += data.size();
    return keep(w, item, std::move(found));
}

void ScanDriver::file(unsigned w, const Item& item, const std::string& fs_path) {
    Worker& wk = worker(w);
    std::uint64_t bytes = 0;
    std::vector<Finding> found;
    try {
        auto divert = [&](std::string_view head) { return may_expand(item, head); };
        auto how = scan_file_or_divert(*wk.scanner, rules_, fs_path, BlobContext{item.path, item.kind, item.member},
                                       found, bytes, divert);
        if (how == ChunkedScan::Diverted) {
            if (expand(w, item, {}, &fs_path)) return;
            how = scan_file(*wk.scanner, rules_, fs_path, BlobContext{item.path, item.kind, item.member}, found, bytes)
                      ? ChunkedScan::Text
                      : ChunkedScan::Binary;
        }
        if (how == ChunkedScan::Binary) ++wk.stats.skipped_binary;
        else ++wk.stats.items;
    } catch (const Error& e) {
        ++wk.stats.errors;
        diag::scan_error(e.what());
    }
    wk.stats.bytes += bytes;
    keep(w, item, std::move(found));
}

void ScanDriver::stream(unsigned w, const Item& item, int fd, std::uint64_t max_size) {
    Worker& wk = worker(w);
    std::uint64_t bytes = 0;
    std::vector<Finding> found;
    try {
        switch (scan_stream(*wk.scanner, rules_, fd, BlobContext{item.path, item.kind, item.member}, max_size, found,
                            bytes)) {
            case StreamScan::TooLarge:
                ++wk.stats.skipped_large;
                diag::notice(fmt::format("skipping {}: more than --max-file-size ({}) bytes",
                                         item.kind == SourceKind::Stdin ? "stdin" : diag::printable(item.label()), max_size));
                break;
            case StreamScan::Binary: ++wk.stats.skipped_binary; break;
            case StreamScan::Scanned: ++wk.stats.items; break;
        }
    } catch (const Error& e) {
        ++wk.stats.errors;
        diag::scan_error(e.what());
    }
    wk.stats.bytes += bytes;
    keep(w, item, std::move(found));
}

KeyedFindings ScanDriver::take_keyed() {
    KeyedFindings out;
    for (auto& wk : workers_)
        if (wk) std::move(wk->found.begin(), wk->found.end(), std::back_inserter(out)), wk->found.clear();
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // One entry per key: an item read by two workers never happens, but members of one
    // archive arrive in several calls on the same worker and are already merged by keep().
    return out;
}

std::vector<Finding> ScanDriver::take_findings() {
    std::vector<Finding> out;
    for (auto& [key, fs] : take_keyed()) std::move(fs.begin(), fs.end(), std::back_inserter(out));
    return out;
}

ScanStats ScanDriver::total_stats() const {
    ScanStats s;
    for (const auto& wk : workers_)
        if (wk) add_stats(s, wk->stats);
    return s;
}

void add_stats(ScanStats& to, const ScanStats& from) {
    to.items += from.items;
    to.bytes += from.bytes;
    to.skipped_binary += from.skipped_binary;
    to.binary_limited += from.binary_limited;
    to.skipped_large += from.skipped_large;
    to.skipped_other += from.skipped_other;
    to.ignored_files += from.ignored_files;
    to.ignored_dirs += from.ignored_dirs;
    to.errors += from.errors;
    to.suppressed += from.suppressed;
}

ScanOutput ScanClock::finish(ScanOutput out) const {
    sort_findings(out.findings);
    out.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return out;
}

}  // namespace nhiscan
