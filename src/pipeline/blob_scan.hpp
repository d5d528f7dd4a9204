#pragma once
// Scanning one blob or file with a worker's Scanner, including chunking for large files.
#include <string>
#include <string_view>
#include <vector>

#include "findings/finding.hpp"
#include "findings/locate.hpp"
#include "pipeline/stats.hpp"
#include "scan/scanner.hpp"

namespace nhiscan {

constexpr std::size_t kChunkSize = 64u << 20;    // bytes handed to Hyperscan at once
constexpr std::size_t kChunkOverlap = 64u << 10; // must exceed the longest bounded match window

// Scans an in-memory blob. Returns false (and scans nothing) when it looks binary.
bool scan_blob(Scanner& scanner, const CompiledRules& rules, std::string_view data, const BlobContext& ctx,
               std::vector<Finding>& out);

// Scans a file from disk in overlapping chunks (bounded memory whatever its size).
// Returns false when it looks binary. Throws Error when it cannot be read.
bool scan_file(Scanner& scanner, const CompiledRules& rules, const std::string& fs_path, const BlobContext& ctx,
               std::vector<Finding>& out, std::uint64_t& bytes_read);

}  // namespace nhiscan
