#pragma once
// Baselines: the secrets a team has acknowledged (and is rotating), so that scans report only
// new ones. A baseline lists content fingerprints (rule id + secret), so an entry still
// matches after the line moves or the file is reformatted. It never holds the secret.
//
// File format (docs/reports.md): JSON Lines, one entry per line, sorted by fingerprint then
// path, so that two branches adding entries merge without conflicts:
//   {"fingerprint":"<sha256>","rule_id":"github-pat-classic","path":"src/a.py","commit":"<sha>"}
// Blank lines and lines starting with '#' are ignored when reading. A `-f json` report (an
// array of findings) and a `-f jsonl` report are read as baselines too.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "findings/finding.hpp"

namespace nhiscan {

struct BaselineEntry {
    std::string fingerprint;  // Finding::fingerprint
    std::string rule_id;
    std::string path;
    std::string commit;       // the commit that introduced it (git sources), else ""
};

class Baseline {
public:
    // Throws Error "file:line: ..." on a malformed entry (the message never echoes the line).
    static Baseline parse(std::string_view text, const std::string& filename);
    static Baseline load(const std::string& path);

    bool contains(std::string_view fingerprint) const { return fingerprints_.count(std::string(fingerprint)) != 0; }
    const std::vector<BaselineEntry>& entries() const { return entries_; }
    void add(BaselineEntry e);

private:
    std::vector<BaselineEntry> entries_;
    std::unordered_set<std::string> fingerprints_;
};

// The entries describing `findings`: one per (fingerprint, path), sorted; the commit is the
// earliest-dated commit seen for that pair.
std::vector<BaselineEntry> baseline_entries(const std::vector<Finding>& findings);

// The file's text for `entries` (which must already be sorted, as baseline_entries returns).
std::string format_baseline(const std::vector<BaselineEntry>& entries);

// Writes the file atomically (temp file + rename), so an interrupted run never leaves half.
void write_baseline_file(const std::string& path, const std::vector<BaselineEntry>& entries);

// `entries` sorted, one per (fingerprint, path): what `nhiscan baseline add` writes after
// appending to the entries already there (none is dropped).
std::vector<BaselineEntry> merge_baseline_entries(std::vector<BaselineEntry> entries);

// Drops the findings whose fingerprint the baseline lists; returns how many were dropped.
std::size_t apply_baseline(const Baseline& baseline, std::vector<Finding>& findings);

}  // namespace nhiscan
