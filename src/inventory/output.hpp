#pragma once
// Inventory outputs: text (an owner-grouped table), json, jsonl, csv and html. None carries
// a secret: records hold only keys and public identifiers.
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "inventory/record.hpp"
#include "inventory/triage.hpp"

namespace nhiscan::inventory {

struct Report {
    std::vector<Record> records;  // priority order
    std::vector<std::string> repos;
    std::vector<TriageEntry> stale_triage;
    std::vector<std::string> disappeared;  // keys a store had that this run no longer found
    std::string generated_at;              // ISO 8601 UTC
    bool color = false;
};

// Counts by provider, severity, owner, environment, state and exposure bucket.
nlohmann::json summary_of(const std::vector<Record>& records);
nlohmann::json report_json(const Report& r);

void write_text(const Report& r, std::ostream& out);
void write_json(const Report& r, std::ostream& out);
void write_jsonl(const Report& r, std::ostream& out);
void write_csv(const Report& r, std::ostream& out);
void write_html(const Report& r, std::ostream& out);

// Dispatch on "text", "json", "jsonl", "csv", "html"; false for an unknown format.
bool write_report(const std::string& format, const Report& r, std::ostream& out);

// The exposure bucket a number of days falls in ("< 7 days", ..., "> 1 year").
std::string exposure_bucket(std::int64_t days);

}  // namespace nhiscan::inventory
