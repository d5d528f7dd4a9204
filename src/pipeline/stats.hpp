#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace nhiscan {

struct ScanStats {
    std::size_t items = 0;          // files or blobs scanned
    std::uint64_t bytes = 0;
    double seconds = 0;
    std::size_t skipped_binary = 0;
    std::size_t binary_limited = 0; // staged: binary, scanned with the binary rules only (counted in items too)
    std::size_t skipped_large = 0;
    std::size_t skipped_other = 0;  // FIFOs, devices, submodules, ...
    std::size_t ignored_files = 0;  // dir: left out by .gitignore (--no-ignore scans them)
    std::size_t ignored_dirs = 0;   // dir: directories left out by .gitignore, not entered
    std::size_t errors = 0;         // items that could not be read
    std::size_t suppressed = 0;     // findings dropped by --baseline
    std::size_t unreachable_blobs = 0;  // git: blobs in no commit whose findings are left out (--include-unreachable)
};

// "2 files", "1 directory", "2 files and 1 directory": what .gitignore left out.
inline std::string ignored_summary(std::size_t files, std::size_t dirs) {
    auto n = [](std::size_t k, const char* one, const char* many) { return std::to_string(k) + " " + (k == 1 ? one : many); };
    if (!dirs) return n(files, "file", "files");
    if (!files) return n(dirs, "directory", "directories");
    return n(files, "file", "files") + " and " + n(dirs, "directory", "directories");
}

}  // namespace nhiscan
