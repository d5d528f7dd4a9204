#include "inventory/triage.hpp"

#include <unordered_map>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "core/diag.hpp"
#include "core/error.hpp"

namespace nhiscan::inventory {
namespace {

const char* const kStatuses[] = {"open", "accepted-risk", "false-positive", "rotated", "revoked"};

std::string text_of(const toml::node* n) {
    if (!n) return {};
    if (auto s = n->value<std::string>()) return *s;
    if (auto d = n->as_date()) return fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
    return {};
}

}  // namespace

std::vector<TriageEntry> load_triage(const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw Error(fmt::format("{}:{}: {}", diag::printable(path), e.source().begin.line, e.description()));
    }
    std::vector<TriageEntry> out;
    const toml::array* list = doc["credential"].as_array();
    if (!list) return out;
    for (const auto& node : *list) {
        const toml::table* t = node.as_table();
        std::string where = fmt::format("{}:{}", diag::printable(path), node.source().begin.line);
        if (!t) throw Error(where + ": [[credential]] must be a table");
        TriageEntry e;
        e.where = where;
        e.key = text_of(t->get("key"));
        if (e.key.size() != 64 || e.key.find_first_not_of("0123456789abcdef") != std::string::npos)
            throw Error(where + ": `key` must be a record key (64 lower-case hex characters)");
        e.triage.status = text_of(t->get("status"));
        if (e.triage.status.empty()) e.triage.status = "open";
        if (std::find(std::begin(kStatuses), std::end(kStatuses), e.triage.status) == std::end(kStatuses))
            throw Error(fmt::format("{}: unknown status {} (open, accepted-risk, false-positive, rotated, revoked)", where,
                                    diag::quoted_value(e.triage.status)));
        e.triage.owner = text_of(t->get("owner"));
        e.triage.note = text_of(t->get("note"));
        e.triage.reviewer = text_of(t->get("reviewer"));
        e.triage.date = text_of(t->get("date"));
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<TriageEntry> apply_triage(std::vector<Record>& records, const std::vector<TriageEntry>& entries) {
    std::unordered_map<std::string, Record*> by_key;
    for (auto& r : records) by_key[r.key] = &r;
    std::vector<TriageEntry> stale;
    for (const auto& e : entries) {
        auto it = by_key.find(e.key);
        if (it == by_key.end()) {
            stale.push_back(e);
            continue;
        }
        Record& r = *it->second;
        r.triage = e.triage;
        if (!e.triage.owner.empty()) {
            r.owner = e.triage.owner;
            r.owner_source = "triage";
            r.owner_reason = "set in the triage file (" + e.where + ")";
        }
    }
    return stale;
}

}  // namespace nhiscan::inventory
