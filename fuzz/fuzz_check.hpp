#pragma once
// The fuzz targets' invariant check: a failed one aborts, which libFuzzer (and the replay
// driver, under ASan) reports as a crash with the input that caused it.
#include <cstdio>
#include <cstdlib>

namespace nhiscan::fuzz {

inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant failed: %s\n", what);
        std::abort();
    }
}

}  // namespace nhiscan::fuzz
