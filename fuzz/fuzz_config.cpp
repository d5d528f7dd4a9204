// libFuzzer target: the repository config reader. Arbitrary bytes as .nhiscan.toml go through
// parse_config -> apply_config (on the built-in pack) -> validate_structure -> validate_patterns,
// exactly as `nhiscan dir` loads a config. nhiscan::Error is an expected rejection.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compile/compiled_rules.hpp"
#include "core/error.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;

namespace {
const RulePack& builtin() {
    static RulePack p = builtin_pack();
    return p;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)builtin();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return -1;
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        RepoConfig cfg = parse_config(text, "fuzz/.nhiscan.toml");
        RulePack pack = apply_config(builtin(), cfg);
        validate_structure(pack);
        // Only the config's own rules need the engines (the built-in ones are checked by tests).
        RulePack own;
        own.rules = cfg.pack.rules;
        own.filters = cfg.pack.filters;
        own.allowlist = cfg.pack.allowlist;
        for (const auto& o : cfg.overrides) own.allowlist.append(o.allowlist);
        validate_patterns(own);
    } catch (const Error&) {
    }
    return 0;
}
