#pragma once
// `nhiscan dir`: walk the named paths, scan files on N worker threads (one Scanner each).
#include <string>
#include <vector>

#include "findings/finding.hpp"
#include "pipeline/stats.hpp"

namespace nhiscan {

class CompiledRules;

struct DirScanOptions {
    std::vector<std::string> paths;  // "-" means stdin
    unsigned threads = 0;            // 0: one per core
    std::uint64_t max_file_size = 25u << 20;
    bool no_ignore = false;  // scan files .gitignore excludes too
    bool archives = true;    // scan archive members (archive_source.hpp)
    unsigned max_archive_depth = 3;
};

struct ScanOutput {
    std::vector<Finding> findings;
    ScanStats stats;
};

ScanOutput scan_dir(const CompiledRules& rules, const DirScanOptions& opts);

}  // namespace nhiscan
