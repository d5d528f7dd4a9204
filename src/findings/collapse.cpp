#include "findings/collapse.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace nhiscan {
namespace {

std::string commit_of(const Finding& f) { return f.commit ? f.commit->commit : std::string(); }

// Spans as (line, column) pairs; touching counts as overlapping, which only two matches of one
// secret do in practice.
bool overlaps(const Finding& a, const Finding& b) {
    auto a0 = std::tie(a.line, a.column), a1 = std::tie(a.end_line, a.end_column);
    auto b0 = std::tie(b.line, b.column), b1 = std::tie(b.end_line, b.end_column);
    return a0 <= b1 && b0 <= a1;
}

// Lower is better.
auto rank(const Finding& f) {
    return std::make_tuple(-static_cast<int>(f.rule->severity), -static_cast<int>(f.confidence), f.secret.size(),
                           std::string_view(f.rule->id));
}

}  // namespace

void one_per_secret_per_path(std::vector<Finding>& findings) {
    std::map<std::pair<std::string, std::string>, std::size_t> first;  // (fingerprint, path) -> kept index
    std::vector<Finding> kept;
    kept.reserve(findings.size());
    for (auto& f : findings) {
        auto [it, fresh] = first.try_emplace({f.fingerprint, f.path}, kept.size());
        if (fresh) {
            kept.push_back(std::move(f));
            continue;
        }
        Finding& k = kept[it->second];
        std::size_t total = k.occurrences + f.occurrences;
        // A plain occurrence stands before a decoded one: the reader looks for the secret as
        // written (a Nosey Parker report's `"matching"` snippet below its base64 `"groups"`).
        bool f_plain = f.decoded.empty(), k_plain = k.decoded.empty();
        if (std::make_tuple(!f_plain, f.line, f.column) < std::make_tuple(!k_plain, k.line, k.column)) k = std::move(f);
        k.occurrences = total;
    }
    findings = std::move(kept);
}

void collapse_same_provider(std::vector<Finding>& findings) {
    // Group by place; within a place, compare only findings of one provider (few per place).
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& f = findings[i];
        if (!f.rule || f.rule->provider.empty()) continue;
        groups[{f.path, commit_of(f), f.blob_id, f.rule->provider}].push_back(i);
    }
    std::vector<char> drop(findings.size(), 0);
    for (const auto& [key, idx] : groups) {
        if (idx.size() < 2) continue;
        for (std::size_t a : idx)
            for (std::size_t b : idx)
                if (a != b && !drop[b] && findings[a].rule != findings[b].rule && overlaps(findings[a], findings[b]) &&
                    rank(findings[b]) < rank(findings[a]))
                    drop[a] = 1;
    }
    std::vector<Finding> kept;
    kept.reserve(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i)
        if (!drop[i]) kept.push_back(std::move(findings[i]));
    findings = std::move(kept);
}

std::size_t drop_below(std::vector<Finding>& findings, Severity min_severity, Confidence min_confidence) {
    return std::erase_if(findings, [&](const Finding& f) {
        return f.rule->severity < min_severity || f.confidence < min_confidence;
    });
}

}  // namespace nhiscan
