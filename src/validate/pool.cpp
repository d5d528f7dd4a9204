#include "validate/pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

#include "validate/curl_api.hpp"

namespace nhiscan::live {
namespace {

using Clock = std::chrono::steady_clock;

// Per provider host: how many requests are in flight, and when the next may start (429).
class ProviderGates {
public:
    explicit ProviderGates(unsigned limit) : limit_(std::max(1u, limit)) {}

    void acquire(const std::string& host) {
        std::unique_lock lock(m_);
        while (true) {
            Gate& g = gates_[host];
            auto now = Clock::now();
            if (g.active < limit_ && now >= g.not_before) {
                ++g.active;
                return;
            }
            if (g.active >= limit_) cv_.wait(lock);
            else cv_.wait_until(lock, g.not_before);
        }
    }

    void release(const std::string& host, std::chrono::milliseconds hold_back) {
        {
            std::lock_guard lock(m_);
            Gate& g = gates_[host];
            --g.active;
            if (hold_back.count() > 0) g.not_before = std::max(g.not_before, Clock::now() + hold_back);
        }
        cv_.notify_all();
    }

private:
    struct Gate {
        unsigned active = 0;
        Clock::time_point not_before{};
    };
    std::mutex m_;
    std::condition_variable cv_;
    std::map<std::string, Gate> gates_;
    unsigned limit_;
};

LiveCheck run_one(const LiveSpec& spec, const Credential& cred, const PoolOptions& opt, HttpClient& client,
                  ProviderGates& gates) {
    Attempt a;
    for (int i = 0; i < std::max(1, opt.max_attempts); ++i) {
        gates.acquire(spec.host);
        a = check_once(spec, cred, client);
        gates.release(spec.host, a.rate_limited ? a.retry_after : std::chrono::milliseconds(0));
        if (!a.rate_limited || a.retry_after > opt.max_retry_wait) break;
    }
    return a.result;
}

}  // namespace

LiveCheck validate_one(const LiveSpec& spec, const Credential& cred, const PoolOptions& opt) {
    HttpClient client(opt.limits);
    ProviderGates gates(opt.per_provider);
    return run_one(spec, cred, opt, client, gates);
}

LiveStats validate_findings(std::vector<Finding>& findings, const PoolOptions& opt) {
    // The run's cache: one job per distinct credential, every finding of it pointing there.
    using Key = std::tuple<const LiveSpec*, std::string, std::string, std::string>;
    std::map<Key, std::size_t> index;
    struct Job {
        const LiveSpec* spec;
        Credential cred;
        LiveCheck result;
    };
    std::vector<Job> jobs;
    std::vector<std::pair<Finding*, std::size_t>> users;
    for (auto& f : findings) {
        if (!f.rule || f.rule->live.empty()) continue;
        Key k{&f.rule->live, f.secret, f.companion, f.tenant};
        auto [it, fresh] = index.emplace(k, jobs.size());
        if (fresh) jobs.push_back({&f.rule->live, {f.secret, f.companion, f.tenant}, {}});
        users.emplace_back(&f, it->second);
    }
    LiveStats stats;
    if (jobs.empty()) return stats;
    (void)curl_api();  // loads libcurl here: its error ends the command, never a worker thread

    ProviderGates gates(opt.per_provider);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        HttpClient client(opt.limits);  // one libcurl handle per worker
        for (std::size_t i; (i = next.fetch_add(1)) < jobs.size();)
            jobs[i].result = run_one(*jobs[i].spec, jobs[i].cred, opt, client, gates);
    };
    unsigned n = std::min<std::size_t>(std::max(1u, opt.workers), jobs.size());
    std::vector<std::jthread> threads;
    for (unsigned t = 0; t < n; ++t) threads.emplace_back(work);
    threads.clear();  // joins

    for (auto& [f, i] : users) f->live = jobs[i].result;
    stats.credentials = jobs.size();
    for (const auto& j : jobs) {
        const std::string& s = j.result.status;
        ++(s == "valid" ? stats.valid : s == "invalid" ? stats.invalid : s == "unknown" ? stats.unknown : stats.error);
    }
    return stats;
}

}  // namespace nhiscan::live
