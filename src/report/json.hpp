#pragma once
#include <optional>

#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace nhiscan {

// One finding as the contract's JSON object (shared by json, jsonl and tests).
nlohmann::ordered_json finding_json(const Finding& f, const ReportInput& in);
// The closing record of an incomplete scan: {"complete": false, "reasons": [...]}; none when
// the scan is complete.
std::optional<nlohmann::ordered_json> status_json(const ReportInput& in);

}  // namespace nhiscan
