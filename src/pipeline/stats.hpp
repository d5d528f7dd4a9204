#pragma once
#include <cstddef>
#include <cstdint>

namespace nhiscan {

struct ScanStats {
    std::size_t items = 0;          // files or blobs scanned
    std::uint64_t bytes = 0;
    double seconds = 0;
    std::size_t skipped_binary = 0;
    std::size_t skipped_large = 0;
    std::size_t skipped_other = 0;  // FIFOs, devices, submodules, ...
    std::size_t errors = 0;         // items that could not be read
    std::size_t suppressed = 0;     // findings dropped by --baseline
};

}  // namespace nhiscan
