#include "pipeline/dir_scan.hpp"

#include <unistd.h>

#include <exception>
#include <thread>
#include <utility>

#include <fmt/core.h>

#include "core/diag.hpp"
#include "core/parallel.hpp"
#include "core/work_queue.hpp"
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

        WalkOptions wo{opts_.max_file_size, opts_.no_ignore, {}};
        WalkResult walk;
        if (threads > 1) {
            // The walk feeds the workers as it goes: listing a large tree was a serial phase
            // before any scan started. Keys follow the walk's order, as before.
            WorkQueue<std::pair<std::size_t, FileItem>> queue;
            std::size_t next_key = 1;  // 0 is standard input
            wo.on_file = [&](FileItem&& f) { queue.push({next_key++, std::move(f)}); };
            std::exception_ptr walk_error;
            std::thread walker([&] {
                try {
                    walk = walk_paths(roots, wo);
                } catch (...) {
                    walk_error = std::current_exception();
                }
                queue.close();
            });
            struct Join {
                std::thread& t;
                ~Join() {
                    if (t.joinable()) t.join();
                }
            } join{walker};
            parallel_for(threads, threads, [&](unsigned w, std::size_t) {
                while (auto next = queue.pop()) {
                    Item item{next->second.display_path, SourceKind::File};
                    item.key = next->first;
                    sink.file(w, item, next->second.fs_path);
                }
            });
            walker.join();
            if (walk_error) std::rethrow_exception(walk_error);
        } else {
            walk = walk_paths(roots, wo);
        }
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
