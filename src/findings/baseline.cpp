#include "findings/baseline.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/file_io.hpp"

namespace nhiscan {
namespace {

bool is_sha256_hex(std::string_view s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A string member, "" when absent; throws when present with another type.
std::string member(const nlohmann::json& j, const char* key, bool required, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) throw Error(fmt::format("{}: malformed baseline entry: missing '{}'", where, key));
        return {};
    }
    if (!it->is_string()) throw Error(fmt::format("{}: malformed baseline entry: '{}' must be a string", where, key));
    return it->get<std::string>();
}

// One entry from a JSON object (a baseline line, or a finding of a JSON / JSON Lines report).
BaselineEntry entry_of(const nlohmann::json& j, const std::string& where) {
    BaselineEntry e;
    e.fingerprint = member(j, "fingerprint", true, where);
    if (!is_sha256_hex(e.fingerprint))
        throw Error(fmt::format("{}: malformed baseline entry: 'fingerprint' must be 64 lower-case hex digits", where));
    e.rule_id = member(j, "rule_id", true, where);
    e.path = member(j, "path", false, where);
    e.commit = member(j, "commit", false, where);
    return e;
}

// The record that closes the report of an incomplete scan ({"complete": false, "reasons": [...]},
// docs/reports.md): not a finding, nothing to acknowledge.
bool is_report_status(const nlohmann::json& j) { return j.contains("complete") && !j.contains("fingerprint"); }

}  // namespace

void Baseline::add(BaselineEntry e) {
    fingerprints_.insert(e.fingerprint);
    entries_.push_back(std::move(e));
}

Baseline Baseline::parse(std::string_view text, const std::string& filename) {
    Baseline b;
    // A `-f json` report (an array of findings) is a baseline too; only the fingerprint,
    // rule_id, path and commit of each finding are read.
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '[') {
        // Errors name the line where the report starts, and the finding by its position.
        std::size_t line = 1 + std::count(text.begin(), text.begin() + first, '\n');
        nlohmann::json arr = nlohmann::json::parse(text, nullptr, false);
        if (arr.is_discarded() || !arr.is_array())
            throw Error(fmt::format("{}:{}: malformed baseline: a JSON report must be one array of findings", filename, line));
        for (std::size_t i = 0; i < arr.size(); ++i) {
            std::string where = fmt::format("{}:{}: finding {}", filename, line, i + 1);
            if (!arr[i].is_object()) throw Error(fmt::format("{}: malformed baseline entry: not an object", where));
            if (is_report_status(arr[i])) continue;
            b.add(entry_of(arr[i], where));
        }
        return b;
    }
    std::size_t line_no = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line_no;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        std::string where = fmt::format("{}:{}", filename, line_no);
        // The parser's own message may quote the input; a baseline line could hold anything a
        // user pasted, so say only what is wrong.
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object())
            throw Error(fmt::format("{}: malformed baseline entry: expected one JSON object per line", where));
        if (is_report_status(j)) continue;
        b.add(entry_of(j, where));
    }
    return b;
}

Baseline Baseline::load(const std::string& path) {
    int err = 0;
    auto text = read_whole_file(path, err);
    if (!text) throw Error(fmt::format("cannot read baseline '{}': {}", path, read_error(err)));
    return parse(*text, path);
}

std::vector<BaselineEntry> baseline_entries(const std::vector<Finding>& findings) {
    struct Seen {
        BaselineEntry entry;
        std::string date;
    };
    std::map<std::pair<std::string, std::string>, Seen> by_key;  // (fingerprint, path)
    for (const auto& f : findings) {
        std::string commit = f.commit ? f.commit->commit : std::string();
        std::string date = f.commit ? f.commit->date : std::string();
        auto [it, fresh] = by_key.try_emplace({f.fingerprint, f.path}, Seen{{f.fingerprint, f.rule->id, f.path, commit}, date});
        // --all-occurrences lists one secret in many commits: keep the one that introduced it.
        if (!fresh && !commit.empty() &&
            (it->second.entry.commit.empty() || std::tie(date, commit) < std::tie(it->second.date, it->second.entry.commit)))
            it->second = Seen{{f.fingerprint, f.rule->id, f.path, commit}, date};
    }
    std::vector<BaselineEntry> out;
    out.reserve(by_key.size());
    for (auto& [key, seen] : by_key) out.push_back(std::move(seen.entry));
    return out;
}

std::string format_baseline(const std::vector<BaselineEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        nlohmann::ordered_json j;
        j["fingerprint"] = e.fingerprint;
        j["rule_id"] = e.rule_id;
        j["path"] = e.path;
        if (!e.commit.empty()) j["commit"] = e.commit;
        out += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        out += '\n';
    }
    return out;
}

void write_baseline_file(const std::string& path, const std::vector<BaselineEntry>& entries) {
    // A unique temp name: two runs writing one baseline never share (or delete) a temp file.
    if (int err = write_named_output(path, {format_baseline(entries)}))
        throw Error(fmt::format("cannot write baseline '{}': {}", path, std::strerror(err)));
}

std::vector<BaselineEntry> merge_baseline_entries(std::vector<BaselineEntry> entries) {
    std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
        return std::tie(a.fingerprint, a.path, a.commit, a.rule_id) < std::tie(b.fingerprint, b.path, b.commit, b.rule_id);
    });
    // One entry per (fingerprint, path): the first in this order, with a missing rule id or
    // commit filled in from the others.
    std::vector<BaselineEntry> out;
    for (auto& e : entries) {
        if (!out.empty() && out.back().fingerprint == e.fingerprint && out.back().path == e.path) {
            if (out.back().rule_id.empty()) out.back().rule_id = e.rule_id;
            if (out.back().commit.empty()) out.back().commit = e.commit;
            continue;
        }
        out.push_back(std::move(e));
    }
    return out;
}

std::size_t apply_baseline(const Baseline& baseline, std::vector<Finding>& findings) {
    return std::erase_if(findings, [&](const Finding& f) { return baseline.contains(f.fingerprint); });
}

}  // namespace nhiscan
