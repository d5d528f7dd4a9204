#pragma once
// The built-in rule pack, read on a second thread while the main thread starts libgit2 and
// opens the repository. Both are fixed costs of every scan: reading the embedded pack and
// git_libgit2_init(), which parses the system CA bundle (libgit2 1.5 does it unconditionally,
// before any option could turn it off; figures in docs/architecture.md). Run side by side they cost the
// longer of the two in wall time, not the sum. The CPU work is unchanged.
#include <future>
#include <string>

#include "rules/rule.hpp"

namespace nhiscan::cli {

struct BuiltinPack {
    RulePack pack;     // structure validated (validate_structure)
    std::string hash;  // pack.content_hash(), the rule cache's key
};

// Scoped: starts the parse, and its destructor waits for the thread when the pack was never
// taken (a command that failed first), so the parse never outlives the command and never runs
// while static objects it uses are destroyed. One at a time.
class PackPrefetch {
public:
    PackPrefetch();
    ~PackPrefetch();
    PackPrefetch(const PackPrefetch&) = delete;
    PackPrefetch& operator=(const PackPrefetch&) = delete;

private:
    friend BuiltinPack take_builtin_pack();
    std::future<BuiltinPack> parsed_;
};

// The built-in pack: the prefetched one (waiting for it, rethrowing its error), else parsed now.
BuiltinPack take_builtin_pack();

}  // namespace nhiscan::cli
