#pragma once
#include <nlohmann/json.hpp>

#include "report/report.hpp"

namespace nhiscan {

// One finding as the contract's JSON object (shared by json, jsonl and tests).
nlohmann::ordered_json finding_json(const Finding& f, const ReportInput& in);

}  // namespace nhiscan
