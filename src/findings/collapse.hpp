#pragma once
// Report-level deduplication that every command shares, after the findings are placed.
#include <vector>

#include "findings/finding.hpp"

namespace nhiscan {

// One finding per secret per path (fingerprint, path): the first occurrence in (line, column)
// order stands for the others, a plain one before any decoded one (base64 of it above), and `occurrences` counts them.
// The default of `dir` and `staged`, matching what `git` does per commit history; --all-occurrences skips it.
void one_per_secret_per_path(std::vector<Finding>& findings);

// One secret matched by two rules of one provider at overlapping places (a TestPyPI token in a
// .pypirc, also matched by the .pypirc password rule with its quotes) is one finding: the
// rule of higher severity, then confidence, then the narrower match, is kept. Same place
// means same path, commit and blob. Order of the rest is kept.
void collapse_same_provider(std::vector<Finding>& findings);

// Drops findings whose severity or confidence is below the given minimum (--min-severity,
// --min-confidence); returns how many were dropped.
std::size_t drop_below(std::vector<Finding>& findings, Severity min_severity, Confidence min_confidence);

}  // namespace nhiscan
