#include "compile/lazy_regex.hpp"

#include "compile/compiled_rules.hpp"

namespace nhiscan {

LazyRegex::LazyRegex(std::string pattern, std::string context) : state_(std::make_unique<State>()) {
    state_->pattern = std::move(pattern);
    state_->context = std::move(context);
}

LazyRegex::LazyRegex(std::unique_ptr<RE2> compiled) : state_(std::make_unique<State>()) {
    state_->re = std::move(compiled);
    std::call_once(state_->once, [] {});
}

const RE2& LazyRegex::get() const {
    State& s = *state_;
    std::call_once(s.once, [&s] { s.re = compile_re2(s.pattern, s.context); });
    return *s.re;
}

bool LazyRegex::compiled() const { return state_->re != nullptr; }

}  // namespace nhiscan
