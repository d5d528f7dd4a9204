#include "findings/finding.hpp"

#include <algorithm>
#include <tuple>

#include "core/hash.hpp"

namespace nhiscan {

std::string_view kind_name(SourceKind kind) {
    switch (kind) {
        case SourceKind::File: return "file";
        case SourceKind::Git: return "git";
        case SourceKind::Staged: return "staged";
        case SourceKind::Stdin: return "stdin";
    }
    return "file";
}

std::string placed_path(std::string_view outer, const Provenance& source) {
    std::string p(outer);
    if (!source.member.empty()) p.append("!").append(source.member);
    return p;
}

std::string_view head_status_name(HeadStatus status) {
    switch (status) {
        case HeadStatus::ThisFile: return "this-file";
        case HeadStatus::Elsewhere: return "elsewhere";
        case HeadStatus::HistoryOnly: return "history-only";
        case HeadStatus::Unreachable: return "unreachable";
    }
    return "history-only";
}

std::string head_status_text(const HeadPlace& place) {
    switch (place.status) {
        case HeadStatus::ThisFile: return "at HEAD in this file";
        case HeadStatus::Elsewhere: return "at HEAD elsewhere (" + place.path + ")";
        case HeadStatus::HistoryOnly: return "history only";
        case HeadStatus::Unreachable: return "unreachable object";
    }
    return "history only";
}

HeadPlace head_place_of(std::string_view path, std::vector<std::string> head_paths, bool in_a_commit) {
    if (std::find(head_paths.begin(), head_paths.end(), path) != head_paths.end()) return {HeadStatus::ThisFile, {}};
    if (!head_paths.empty()) return {HeadStatus::Elsewhere, *std::min_element(head_paths.begin(), head_paths.end())};
    return {in_a_commit ? HeadStatus::HistoryOnly : HeadStatus::Unreachable, {}};
}

std::string fingerprint_of(std::string_view rule_id, std::string_view secret) {
    std::string buf(rule_id);
    buf.push_back('\0');
    buf.append(secret);
    return sha256_hex(buf);
}

std::string location_fingerprint_of(std::string_view rule_id, std::string_view secret, std::string_view path) {
    std::string buf(rule_id);
    buf.push_back('\0');
    buf.append(secret);
    buf.push_back('\0');
    buf.append(path);
    return sha256_hex(buf);
}

void sort_findings(std::vector<Finding>& f) {
    std::stable_sort(f.begin(), f.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.path, a.line, a.column, a.rule->id) < std::tie(b.path, b.line, b.column, b.rule->id);
    });
}

}  // namespace nhiscan
