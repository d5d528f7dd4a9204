// `nhiscan baseline add FINGERPRINT...`: acknowledges findings one by one. Rewriting the whole
// file with --write-baseline drops the entries that only history holds; this keeps them.
#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "core/diag.hpp"
#include "core/error.hpp"
#include "findings/baseline.hpp"

namespace nhiscan::cli {
namespace {

bool is_fingerprint(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

int cmd_baseline_add(const Options& opt) {
    // The value is not echoed: a pasted secret (instead of its fingerprint) would be printed whole.
    for (std::size_t i = 0; i < opt.fingerprints.size(); ++i)
        if (!is_fingerprint(opt.fingerprints[i]))
            throw UsageError(fmt::format(
                "not a fingerprint: argument {} ({} characters; not shown, in case it is the secret itself): a "
                "fingerprint is 64 lower-case hex digits, the 'fingerprint' of a finding in the report",
                i + 1, opt.fingerprints[i].size()));
    std::string path = opt.baseline;
    if (path.empty()) {
        std::string dir = config_dir(".");
        if (dir.empty()) throw UsageError("a bare repository has no work tree for the baseline: name one with --baseline FILE");
        path = (std::filesystem::path(dir) / ".nhiscan-baseline.jsonl").lexically_normal().string();
    }
    std::error_code ec;
    std::vector<BaselineEntry> entries;
    if (std::filesystem::exists(path, ec)) entries = Baseline::load(path).entries();
    std::size_t before = merge_baseline_entries(entries).size();
    for (const auto& fp : opt.fingerprints) {
        // Without --path, a fingerprint the file already lists anywhere is already acknowledged.
        bool listed = std::any_of(entries.begin(), entries.end(), [&](const BaselineEntry& e) { return e.fingerprint == fp; });
        if (listed && opt.baseline_path.empty()) continue;
        entries.push_back({fp, opt.baseline_rule, opt.baseline_path, opt.baseline_commit});
    }
    entries = merge_baseline_entries(std::move(entries));
    write_baseline_file(path, entries);
    std::size_t added = entries.size() - before;
    diag::notice(fmt::format("added {} entr{} to {} ({} in all)", added, added == 1 ? "y" : "ies", path, entries.size()));
    return 0;
}

}  // namespace nhiscan::cli
