#pragma once
// `[rules.validate]` -> LiveSpec (rules/live_spec.hpp). Called from the rule loader; errors name
// file:line and the rule id like every other loader error. Only rules/ includes this (toml++).
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "rules/live_spec.hpp"


namespace nhiscan {

LiveSpec parse_live_spec(const toml::node& n, const std::string& file, std::string_view rule_id);

// A config's [live_validation] table: true when it says `enabled = false`.
bool parse_live_switch(const toml::node& n, const std::string& file);

// The host of an https:// URL ("" when `url` is not https:// or names no plain host).
std::string https_host(std::string_view url);

}  // namespace nhiscan
