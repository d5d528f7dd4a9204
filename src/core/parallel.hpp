#pragma once
// Runs fn(worker, index) for index in [0, count) on `threads` threads. Work is handed out
// one index at a time from an atomic counter, so slow items don't stall a fixed partition.
// The first exception thrown by any fn is rethrown after all workers stop.
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nhiscan {

unsigned default_thread_count();

template <typename Fn>
void parallel_for(unsigned threads, std::size_t count, Fn&& fn) {
    if (threads == 0) threads = 1;
    if (threads > count) threads = static_cast<unsigned>(count ? count : 1);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex mu;
    auto work = [&](unsigned worker) {
        try {
            for (std::size_t i; !failed && (i = next.fetch_add(1)) < count;) fn(worker, i);
        } catch (...) {
            std::lock_guard lock(mu);
            if (!error) error = std::current_exception();
            failed = true;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(work, w);
    work(0);
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace nhiscan
