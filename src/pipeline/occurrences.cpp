#include "pipeline/occurrences.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace nhiscan {

std::vector<Finding> group_occurrences(std::vector<Occurrence> occ, const std::vector<std::string>& paths,
                                       const OccurrenceOptions& opts, std::vector<std::uint32_t>* commits_out) {
    auto key = [](const Occurrence& o) {
        const Finding& f = *o.finding;
        return std::tie(f.fingerprint, o.path, f.source.member, o.commit, f.line, f.column, f.rule->id);
    };
    std::sort(occ.begin(), occ.end(), [&](const Occurrence& a, const Occurrence& b) { return key(a) < key(b); });
    occ.erase(std::unique(occ.begin(), occ.end(), [&](const Occurrence& a, const Occurrence& b) { return key(a) == key(b); }),
              occ.end());

    std::map<std::uint32_t, CommitInfo> infos;  // few distinct commits: look each up once
    auto info = [&](std::uint32_t c) -> const CommitInfo& {
        auto it = infos.find(c);
        if (it == infos.end()) it = infos.emplace(c, opts.commit_info ? opts.commit_info(c) : CommitInfo{}).first;
        return it->second;
    };
    auto make = [&](const Occurrence& o, std::uint64_t count) {
        Finding f = *o.finding;
        f.path = placed_path(paths[o.path], f.source);
        f.location_fingerprint = location_fingerprint_of(f.rule->id, f.secret, f.path);
        f.commit = info(o.commit);
        f.occurrences = count;
        if (commits_out) commits_out->push_back(o.commit);
        return f;
    };

    std::vector<Finding> out;
    if (commits_out) commits_out->clear();
    for (std::size_t i = 0; i < occ.size();) {
        // A group: one secret at one path. Sorted by commit, so its first element is the earliest.
        std::size_t j = i;
        std::uint64_t commits = 0;
        for (; j < occ.size() && occ[j].finding->fingerprint == occ[i].finding->fingerprint && occ[j].path == occ[i].path &&
                    occ[j].finding->source.member == occ[i].finding->source.member;
             ++j)
            if (j == i || occ[j].commit != occ[j - 1].commit) commits += occ[j].commits;
        if (opts.all) {
            for (std::size_t k = i; k < j; ++k) out.push_back(make(occ[k], 1));
        } else {
            out.push_back(make(occ[i], commits));
        }
        i = j;
    }
    return out;
}

}  // namespace nhiscan
