#include "pipeline/dir_scan.hpp"

#include <unistd.h>

#include <chrono>
#include <memory>
#include <mutex>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pipeline/blob_scan.hpp"
#include "sources/file_reader.hpp"
#include "sources/fs_walker.hpp"

namespace nhiscan {

ScanOutput scan_dir(const CompiledRules& rules, const DirScanOptions& opts) {
    auto t0 = std::chrono::steady_clock::now();
    ScanOutput out;
    std::vector<std::string> roots;
    bool want_stdin = false;
    for (const auto& p : opts.paths) {
        if (p == "-") want_stdin = true;
        else roots.push_back(p);
    }

    if (want_stdin) {
        // Chunked like a file: memory stays one chunk however much is piped in.
        Scanner scanner(rules);
        std::uint64_t bytes = 0;
        try {
            switch (scan_stream(scanner, rules, STDIN_FILENO, BlobContext{kStdinPath, "stdin"}, opts.max_file_size,
                                out.findings, bytes)) {
                case StreamScan::TooLarge:
                    ++out.stats.skipped_large;
                    diag::notice(fmt::format("skipping stdin: more than --max-file-size ({}) bytes", opts.max_file_size));
                    break;
                case StreamScan::Binary: ++out.stats.skipped_binary; break;
                case StreamScan::Scanned: ++out.stats.items; break;
            }
        } catch (const Error& e) {
            ++out.stats.errors;
            diag::scan_error(e.what());
        }
        out.stats.bytes += bytes;
    }

    WalkResult walk = walk_paths(roots, WalkOptions{opts.max_file_size, opts.no_ignore});
    out.stats.ignored_files += walk.ignored_files;
    out.stats.ignored_dirs += walk.ignored_dirs;
    if (walk.ignored_files || walk.ignored_dirs)
        diag::notice(fmt::format("not scanned: {} ignored by .gitignore; --no-ignore scans them",
                                 ignored_summary(walk.ignored_files, walk.ignored_dirs)));
    out.stats.skipped_large += walk.skipped_large;
    out.stats.skipped_other += walk.skipped_special;
    out.stats.errors += walk.errors;

    unsigned threads = opts.threads ? opts.threads : default_thread_count();
    std::vector<std::unique_ptr<Scanner>> scanners(threads);
    std::vector<std::vector<Finding>> per_worker(threads);
    std::vector<ScanStats> stats(threads);
    parallel_for(threads, walk.files.size(), [&](unsigned w, std::size_t i) {
        if (!scanners[w]) scanners[w] = std::make_unique<Scanner>(rules);
        const FileItem& f = walk.files[i];
        std::uint64_t bytes = 0;
        try {
            if (scan_file(*scanners[w], rules, f.fs_path, BlobContext{f.display_path, "file"}, per_worker[w], bytes))
                ++stats[w].items;
            else
                ++stats[w].skipped_binary;
        } catch (const Error& e) {
            ++stats[w].errors;
            diag::scan_error(e.what());
        }
        stats[w].bytes += bytes;
    });
    for (unsigned w = 0; w < threads; ++w) {
        std::move(per_worker[w].begin(), per_worker[w].end(), std::back_inserter(out.findings));
        out.stats.items += stats[w].items;
        out.stats.bytes += stats[w].bytes;
        out.stats.skipped_binary += stats[w].skipped_binary;
        out.stats.errors += stats[w].errors;
    }
    sort_findings(out.findings);
    out.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace nhiscan
