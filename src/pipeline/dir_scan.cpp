#include "pipeline/dir_scan.hpp"

#include <unistd.h>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/parallel.hpp"
#include "pipeline/scan_driver.hpp"
#include "sources/fs_walker.hpp"

namespace nhiscan {
namespace {

// What is special to `dir`: the walk (with .gitignore) and standard input.
class FileSource : public Source {
public:
    explicit FileSource(const DirScanOptions& opts) : opts_(opts) {}

    void scan(Sink& sink, unsigned threads) override {
        std::vector<std::string> roots;
        bool want_stdin = false;
        for (const auto& p : opts_.paths) {
            if (p == "-") want_stdin = true;
            else roots.push_back(p);
        }
        // Chunked like a file: memory stays one chunk however much is piped in.
        if (want_stdin) sink.stream(0, Item{kStdinPath, SourceKind::Stdin}, STDIN_FILENO, opts_.max_file_size);

        WalkResult walk = walk_paths(roots, WalkOptions{opts_.max_file_size, opts_.no_ignore});
        ScanStats& s = sink.stats(0);
        s.ignored_files += walk.ignored_files;
        s.ignored_dirs += walk.ignored_dirs;
        if (walk.ignored_files || walk.ignored_dirs)
            diag::notice(fmt::format("not scanned: {} ignored by .gitignore; --no-ignore scans them",
                                     ignored_summary(walk.ignored_files, walk.ignored_dirs)));
        s.skipped_large += walk.skipped_large;
        s.skipped_other += walk.skipped_special;
        s.errors += walk.errors;

        parallel_for(threads, walk.files.size(), [&](unsigned w, std::size_t i) {
            const FileItem& f = walk.files[i];
            Item item{f.display_path, SourceKind::File};
            item.key = i + 1;  // 0 is standard input
            sink.file(w, item, f.fs_path);
        });
    }

private:
    const DirScanOptions& opts_;
};

}  // namespace

ScanOutput scan_dir(const CompiledRules& rules, const DirScanOptions& opts) {
    ScanClock clock;
    DriverOptions d;
    d.threads = opts.threads;
    d.archives.enabled = opts.archives;
    d.archives.max_depth = opts.max_archive_depth;
    d.archives.max_member_size = opts.max_file_size;
    ScanDriver driver(rules, d);
    FileSource source(opts);
    driver.run(source);
    ScanOutput out;
    out.findings = driver.take_findings();
    out.stats = driver.total_stats();
    return clock.finish(std::move(out));
}

}  // namespace nhiscan
