// The built-in pack read on a second thread during start-up (cli/pack_prefetch.hpp).
#include <catch2/catch.hpp>

#include "cli/pack_prefetch.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;
using namespace nhiscan::cli;

TEST_CASE("pack prefetch: the prefetched pack is the built-in pack, with its hash") {
    RulePack direct = builtin_pack();
    {
        PackPrefetch prefetch;
        BuiltinPack b = take_builtin_pack();
        // The linked-in pack (rules/pack_blob.hpp) is the TOML's, every field: not a stale build.
        CHECK(b.pack.rules.size() == direct.rules.size());
        CHECK(b.pack == direct);
        CHECK(b.hash == direct.content_hash());
        // Taken once: a second take parses again rather than failing.
        CHECK(take_builtin_pack().hash == b.hash);
    }
    CHECK(take_builtin_pack().hash == direct.content_hash());  // no prefetch running: parsed now
}

TEST_CASE("pack prefetch: never taken, it is waited for at the end of its scope") {
    for (int i = 0; i < 3; ++i) PackPrefetch unused;  // would crash or leak a thread otherwise
    SUCCEED();
}
