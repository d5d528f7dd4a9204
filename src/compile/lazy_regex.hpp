#pragma once
// An RE2 compiled on first use. Filters and allowlists hold ~90 regexes in the built-in pack;
// compiling them all costs a warm pre-commit run several ms although most are used only when
// a rule confirms a match. Safe to use from several threads (std::call_once).
//
// Used like the std::unique_ptr<RE2> it replaces: `*re` and `re->` give the compiled RE2.
// Patterns are checked before a scan starts (validate_patterns() for user rules, the test
// suite for the built-in pack), so a compile failure here is unexpected; it throws Error
// naming `context`, like compile_re2().
#include <memory>
#include <mutex>
#include <string>

#include <re2/re2.h>

namespace nhiscan {

class LazyRegex {
public:
    LazyRegex(std::string pattern, std::string context);
    LazyRegex(std::unique_ptr<RE2> compiled);  // NOLINT: implicit, an already compiled regex

    const RE2& get() const;
    const RE2& operator*() const { return get(); }
    const RE2* operator->() const { return &get(); }
    bool compiled() const;  // for tests: has get() run (or was it given compiled)?

private:
    struct State {
        std::string pattern, context;
        std::once_flag once;
        std::unique_ptr<RE2> re;
    };
    std::unique_ptr<State> state_;  // behind a pointer: once_flag cannot move, vectors must
};

}  // namespace nhiscan
