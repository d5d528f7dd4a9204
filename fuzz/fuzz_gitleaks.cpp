// libFuzzer target: `nhiscan import gitleaks`. Arbitrary bytes as .gitleaks.toml are converted;
// nhiscan::Error is an expected rejection. What the converter writes must always load as an
// nhiscan config (the same checks as a scan's config load): a conversion that writes a config
// nhiscan then refuses would leave the user with a broken repository.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/import_gitleaks.hpp"
#include "core/error.hpp"
#include "core/glob.hpp"
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
    for (const auto& g : cli::path_regex_to_globs(text)) (void)glob_match(g, "a/b.c");
    cli::GitleaksConversion conv;
    try {
        conv = cli::convert_gitleaks_config(text, "fuzz/.gitleaks.toml", builtin());
    } catch (const Error&) {
        return 0;
    }
    try {
        validate_structure(apply_config(builtin(), parse_config(conv.toml, "fuzz/.nhiscan.toml")));
    } catch (const Error&) {
        std::abort();  // the converter wrote a config nhiscan rejects
    }
    return 0;
}
