// libFuzzer target: the rule-pack loader. Arbitrary bytes as a rule file go through
// parse_rule_file -> validate_structure -> validate_patterns; a small pack that passes is
// compiled (no cache) and its examples are run through the scanner, as `rules check` does.
// Any nhiscan::Error is an expected rejection; anything else (crash, sanitizer report,
// another exception type escaping) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compile/compiled_rules.hpp"
#include "core/error.hpp"
#include "pipeline/rule_check.hpp"
#include "rules/loader.hpp"
#include "rules/pack.hpp"

using namespace nhiscan;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return -1;  // rule files are small; huge inputs only slow the fuzzer
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        RulePack pack = parse_rule_file(text, "fuzz.toml");
        validate_structure(pack);
        validate_patterns(pack);
        // Compiling is milliseconds per small pattern and seconds for big ones: keep it to small packs.
        std::size_t pattern_bytes = 0;
        for (const auto& r : pack.rules) pattern_bytes += r.pattern.size();
        if (pack.rules.empty() || pack.rules.size() > 4 || pattern_bytes > 512) return 0;
        auto rules = CompiledRules::build(std::move(pack), CacheOptions{false, {}});
        (void)check_rules(*rules, RuleCheckOptions{});
    } catch (const Error&) {
    }
    return 0;
}
