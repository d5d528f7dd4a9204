#pragma once
// The triage file: a versioned `.nhiscan/triage.toml` in the repository, one [[credential]]
// table per record key with status (open, accepted-risk, false-positive, rotated, revoked),
// owner, note, reviewer and date. Keyed by the record key, so it survives reruns and moved
// lines; entries whose key no record has are reported as stale.
#include <string>
#include <vector>

#include "inventory/record.hpp"

namespace nhiscan::inventory {

struct TriageEntry {
    std::string key;
    Triage triage;
    std::string where;  // file:line, for stale notices
};

// Parses a triage file. Throws Error("FILE:LINE: ...") on an unknown status or a missing key.
std::vector<TriageEntry> load_triage(const std::string& path);

// Attaches entries to records; returns the stale ones.
std::vector<TriageEntry> apply_triage(std::vector<Record>& records, const std::vector<TriageEntry>& entries);

}  // namespace nhiscan::inventory
