#pragma once
// The one scan driver: the sink every source yields to (source.hpp). It owns a Scanner per
// worker, the findings (kept per item key, for sources that place them later), the stats,
// archive expansion (archive_source.hpp), and the timing and ordering of the output.
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "pipeline/archive_source.hpp"
#include "pipeline/dir_scan.hpp"
#include "pipeline/source.hpp"
#include "scan/scanner.hpp"

namespace nhiscan {

class CompiledRules;

struct DriverOptions {
    unsigned threads = 0;        // 0: one per core
    bool binary_rules = false;   // binary items get the rules trusted on binary content (staged)
    ArchiveLimits archives;
};

// Findings of one item, by the key its source gave it.
using KeyedFindings = std::vector<std::pair<std::size_t, std::vector<Finding>>>;

class ScanDriver final : public Sink {
public:
    ScanDriver(const CompiledRules& rules, const DriverOptions& opts);
    ~ScanDriver() override;

    unsigned threads() const { return static_cast<unsigned>(workers_.size()); }
    void run(Source& source) { source.scan(*this, threads()); }

    bool bytes(unsigned worker, const Item& item, std::string_view data) override;
    void file(unsigned worker, const Item& item, const std::string& fs_path) override;
    void stream(unsigned worker, const Item& item, int fd, std::uint64_t max_size) override;
    ScanStats& stats(unsigned worker) override;

    // After run(): findings per item key, ascending (an item with findings appears once).
    KeyedFindings take_keyed();
    // After run(): every finding, in key order.
    std::vector<Finding> take_findings();
    // The workers' stats added up.
    ScanStats total_stats() const;

private:
    struct Worker;
    Worker& worker(unsigned w);
    // Opens `item` as an archive when it is one and the depth allows; true when it did.
    bool may_expand(const Item& item, std::string_view head) const;
    bool expand(unsigned w, const Item& item, std::string_view data, const std::string* fs_path);
    bool keep(unsigned w, const Item& item, std::vector<Finding>&& found);

    const CompiledRules& rules_;
    DriverOptions opts_;
    std::vector<std::unique_ptr<Worker>> workers_;
};

void add_stats(ScanStats& to, const ScanStats& from);

// A command's clock: its output's seconds and deterministic order, set in one place.
class ScanClock {
public:
    ScanOutput finish(ScanOutput out) const;

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace nhiscan
