#pragma once
// Diagnostics on stderr: notices (skipped files, cache state) and errors met mid-scan.
// Thread-safe. Messages must never contain secret text: callers pass paths and rule ids only.
#include <atomic>
#include <functional>
#include <string>
#include <string_view>

namespace nhiscan::diag {

void set_quiet(bool quiet);
bool quiet();

// "nhiscan: notice: ..." unless quiet.
void notice(std::string_view msg);
// Like notice, but printed at most once per key per process.
void notice_once(std::string_view key, std::string_view msg);
// "nhiscan: warning: ..." always printed.
void warning(std::string_view msg);
// A read error that did not stop the scan; it makes the run exit 2 (or 1 with findings... see cli).
void scan_error(std::string_view msg);
// Reports `n` scan errors without flooding stderr: message(i) for the first 10, then one
// line, more(n - 10), for the rest.
void scan_errors_capped(std::size_t n, const std::function<std::string(std::size_t)>& message,
                        const std::function<std::string(std::size_t)>& more);
std::size_t scan_error_count();

// Makes a path or name printable on one line: control bytes and invalid UTF-8 become \xNN.
std::string printable(std::string_view s);

// A value from a config or rule file for an error message ("unknown severity 'hihg'"):
// quoted when it is a short plain word (a typo worth showing), else only its length, since a
// value in the wrong place may be a pasted credential: "(a 40-byte value, not shown)".
std::string quoted_value(std::string_view v);

}  // namespace nhiscan::diag
