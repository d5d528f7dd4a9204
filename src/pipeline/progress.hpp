#pragma once
// Progress on stderr for long scans: items and bytes done, rate, ETA when the total is known.
// A background thread redraws one line (`\r`) on a terminal every 200 ms; with --progress
// always on a non-terminal it prints a plain line every 5 s and at the end of each phase.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace nhiscan {

// --progress auto: only when stderr is a terminal and the run is not --quiet; always; never.
bool progress_wanted(std::string_view mode, bool quiet);

// One status line, e.g. "scanning blobs 1,024/4,096 (25%)  12.0 MiB/48.0 MiB  6.0 MiB/s  ETA 0:06".
// `total_*` 0 means unknown, and so does a total the count has passed (totals are bounds);
// rate and ETA need some elapsed time.
std::string format_progress(std::string_view label, std::uint64_t items, std::uint64_t total_items, std::uint64_t bytes,
                            std::uint64_t total_bytes, double seconds);

class Progress {
public:
    explicit Progress(bool enabled);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    bool enabled() const { return enabled_; }
    // Starts a phase (ending the previous one). Totals 0: unknown.
    void phase(std::string label, std::uint64_t total_items, std::uint64_t total_bytes = 0);
    void add(std::uint64_t items, std::uint64_t bytes = 0) {
        items_.fetch_add(items, std::memory_order_relaxed);
        bytes_.fetch_add(bytes, std::memory_order_relaxed);
    }
    // Ends the current phase and clears the line.
    void done();

private:
    void run();
    void draw(bool final);

    const bool enabled_;
    const bool tty_;
    std::atomic<std::uint64_t> items_{0}, bytes_{0};
    std::mutex mu_;
    std::condition_variable cv_;
    std::string label_;
    std::uint64_t total_items_ = 0, total_bytes_ = 0;
    double started_ = 0;
    bool active_ = false, stop_ = false;
    std::thread thread_;
};

}  // namespace nhiscan
