#pragma once
// A queue of work items filled by one producer while consumers take them: lets `dir` scan files
// while the walk is still listing them (the walk was a serial phase before every scan).
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace nhiscan {

template <typename T>
class WorkQueue {
public:
    void push(T item) {
        {
            std::lock_guard lock(mu_);
            items_.push_back(std::move(item));
        }
        cv_.notify_one();
    }
    // No more items will come: pop() returns nullopt once the queue is empty.
    void close() {
        {
            std::lock_guard lock(mu_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    std::optional<T> pop() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !items_.empty() || closed_; });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        return item;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<T> items_;
    bool closed_ = false;
};

}  // namespace nhiscan
