// libFuzzer target: the archive source (pipeline/archive_source.hpp), which opens whatever
// zip, tar, gzip, bzip2 or xz bytes a directory or a history holds, through libarchive. The
// input is one item's content; members that are archives are opened in turn, as the driver
// does. Checked: no crash, no sanitizer report; members and decompressed bytes stay within
// the limits however much the headers claim; no member is over the member size limit; nesting
// stops at the depth limit; member paths extend their archive's path with '!'.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/diag.hpp"
#include "fuzz_check.hpp"
#include "pipeline/archive_source.hpp"

using namespace nhiscan;
using nhiscan::fuzz::check;

namespace {

constexpr std::uint64_t kMemberMax = 256u << 10;

ArchiveLimits limits() {
    ArchiveLimits l;
    l.max_depth = 3;
    l.max_bytes = 4u << 20;
    l.max_members = 200;
    l.max_member_size = kMemberMax;
    return l;
}

class CheckingSink : public Sink {
public:
    CheckingSink(const ArchiveLimits& l, ArchiveBudget& b) : limits_(l), budget_(b) {}
    bool bytes(unsigned worker, const Item& item, std::string_view data) override {
        check(worker == 0, "one worker");
        check(item.depth >= 1 && item.depth <= limits_.max_depth, "member depth within the limit");
        check(data.size() <= kMemberMax, "member within --max-file-size");
        check(budget_.members <= limits_.max_members, "member count within the limit");
        check(budget_.bytes <= limits_.max_bytes, "decompressed bytes within the limit");
        check(item.path.substr(0, 7) == "in.zip!" || item.path == "in.zip", "member path extends the archive's");
        ++members;
        if (item.depth < limits_.max_depth && looks_like_archive(data)) {
            ArchiveSource nested(item, data, limits_, budget_, 0);
            nested.scan(*this, 1);
        }
        return false;
    }
    void file(unsigned, const Item&, const std::string&) override { check(false, "no files from memory"); }
    void stream(unsigned, const Item&, int, std::uint64_t) override { check(false, "no streams from memory"); }
    ScanStats& stats(unsigned) override { return stats_; }
    std::size_t members = 0;

private:
    const ArchiveLimits& limits_;
    ArchiveBudget& budget_;
    ScanStats stats_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    diag::set_quiet(true);  // notices for every damaged input would flood the fuzzer's output
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const ArchiveLimits l = limits();
    ArchiveBudget budget;
    budget.compressed = size;
    Item outer;
    outer.path = "in.zip";
    CheckingSink sink(l, budget);
    ArchiveSource source(outer, bytes, l, budget, 0);
    source.scan(sink, 1);
    check(source.members() <= l.max_members, "members counted within the limit");
    check(sink.members >= source.members(), "every member reached the sink");
    return 0;
}
