#pragma once
// Where inventory runs accumulate. A run records every credential it found: new ones get
// "first detected", all get "last seen", and credentials the store knew in the scanned
// repositories that the run no longer finds are marked disappeared. One run is one
// transaction: it lands whole or not at all. SQLite is the embedded store (sqlite_store.cpp);
// a shared server store fits behind the same interface.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "inventory/record.hpp"

namespace nhiscan::inventory {

struct RunInfo {
    std::string at;                  // ISO 8601 UTC
    std::vector<std::string> repos;  // the repositories this run scanned (Record::places' repo names)
};

struct Detection {
    std::string first_detected, last_detected;
};

struct RunResult {
    std::int64_t run = 0;
    std::map<std::string, Detection> detections;  // per record key
    std::vector<std::string> disappeared;         // keys newly found missing by this run
};

class Store {
public:
    virtual ~Store() = default;
    virtual RunResult record_run(const std::vector<Record>& records, const RunInfo& info) = 0;
};

// Opens (creating or migrating) an inventory database. Throws Error with a one-line message
// for a file that is not an nhiscan inventory, is corrupt, is newer than this build, or is
// locked by another run for longer than `busy_timeout_ms`.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, int busy_timeout_ms);

// The schema version this build writes.
constexpr int kSchemaVersion = 2;
// PRAGMA application_id of an inventory database: "NHIS".
constexpr int kApplicationId = 0x4E484953;

}  // namespace nhiscan::inventory
