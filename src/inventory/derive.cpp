#include "inventory/derive.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/core.h>

#include "inventory/classify.hpp"
#include "inventory/codeowners.hpp"
#include "inventory/lifecycle.hpp"
#include "pipeline/provenance.hpp"
#include "sources/git/handle.hpp"
#include "sources/git/repo.hpp"

namespace nhiscan::inventory {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kStaleDays = 90;

struct Credential {
    std::string secret;  // raw, in memory only
    std::string key;
    const RuleSpec* rule = nullptr;  // the most severe rule that matched it
    std::set<std::string> rules;
    std::string companion;
    std::optional<LiveCheck> live;   // --validate: one check per credential (validate/pool.hpp)
    git_repository* repo = nullptr;  // where `blob_id` is
    std::string blob_id;             // a blob it was found in (public identifiers written next to it)
};

// The content of blob `hex` ("" when unreadable).
std::string blob_text(git_repository* repo, const std::string& hex) {
    git_oid id;
    git_blob* raw = nullptr;
    if (!repo || git_oid_fromstr(&id, hex.c_str()) != 0 || git_blob_lookup(&raw, repo, &id) != 0) {
        git_error_clear();
        return {};
    }
    GitBlob blob(raw);
    return std::string(static_cast<const char*>(git_blob_rawcontent(raw)),
                       static_cast<std::size_t>(git_blob_rawsize(raw)));
}

Who who_of(git_repository* repo, const git_oid& id) {
    Who w;
    w.commit = oid_hex(id);
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &id) != 0) {
        git_error_clear();
        return w;
    }
    GitCommit c(raw);
    if (const git_signature* a = git_commit_author(raw)) {
        w.author_name = a->name ? a->name : "";
        w.author_email = a->email ? a->email : "";
        w.date = iso8601(a->when.time, a->when.offset);
    }
    if (const git_signature* m = git_commit_committer(raw)) {
        w.committer_name = m->name ? m->name : "";
        w.committer_email = m->email ? m->email : "";
        w.commit_date = iso8601(m->when.time, m->when.offset);
        w.commit_time = m->when.time;
    }
    return w;
}

// Per repository: its walk, and which credential/target each of its findings became.
struct RepoWork {
    const RepoScan* scan = nullptr;
    std::vector<Target> targets;
    std::vector<std::size_t> target_finding;  // per target: the first finding that made it
    std::vector<std::size_t> unreachable;     // finding indices
    RepoLife life;
    std::optional<CodeOwners> owners;
};

// Owner fallback 3: who last changed the line holding target `t`, at HEAD when HEAD holds it
// there, else at its last sighting.
std::optional<LineChange> line_change_of(const RepoWork& w, std::size_t t) {
    const TargetLife& tl = w.life.targets[t];
    if (!tl.seen) return std::nullopt;  // the walk cannot place it: no line to follow
    const Target& target = w.targets[t];
    auto from = tl.at_head && w.life.head >= 0 ? static_cast<std::uint32_t>(w.life.head) : tl.last;
    auto c = line_last_changed(w.scan->repo, w.life, from, target.path, target.secret);
    if (!c) return std::nullopt;
    LineChange lc;
    lc.who = who_of(w.scan->repo, w.life.commits[c->commit]);
    lc.repo = w.scan->name;
    lc.path = target.path;
    lc.line = c->line;
    lc.truncated = w.life.truncated[c->commit];
    return lc;
}

}  // namespace

std::string repo_label(git_repository* repo) {
    std::filesystem::path root(repository_root(repo));
    std::string name = root.filename().string();
    if (name.empty()) name = root.parent_path().filename().string();
    if (name.size() > 4 && name.substr(name.size() - 4) == ".git") name.resize(name.size() - 4);
    return name;
}

std::vector<Record> derive_records(const std::vector<RepoScan>& scans, const DeriveOptions& opts) {
    std::vector<Credential> creds;
    std::map<std::string, std::size_t> by_secret;
    auto credential_of = [&](const Finding& f) {
        auto [it, fresh] = by_secret.emplace(f.secret, creds.size());
        if (fresh) {
            Credential c;
            c.secret = f.secret;
            c.key = keyed_hash(*opts.key, f.secret);
            creds.push_back(std::move(c));
        }
        Credential& c = creds[it->second];
        c.rules.insert(f.rule->id);
        if (!c.rule || f.rule->severity > c.rule->severity) c.rule = f.rule;
        if (c.companion.empty()) c.companion = f.companion;
        // Any finding's result: the pool checked each credential once and gave all of them it.
        if (!c.live && f.live) c.live = f.live;
        return it->second;
    };

    std::vector<RepoWork> work(scans.size());
    for (std::size_t s = 0; s < scans.size(); ++s) {
        RepoWork& w = work[s];
        w.scan = &scans[s];
        std::map<std::pair<std::string, std::string>, std::size_t> target_of;
        for (std::size_t i = 0; i < scans[s].findings.size(); ++i) {
            const Finding& f = scans[s].findings[i];
            std::size_t cred = credential_of(f);
            if (creds[cred].blob_id.empty() && !f.blob_id.empty()) {
                creds[cred].repo = scans[s].repo;
                creds[cred].blob_id = f.blob_id;
            }
            if (f.unreachable) {
                w.unreachable.push_back(i);
                continue;
            }
            auto [it, fresh] = target_of.emplace(std::make_pair(f.path, f.secret), w.targets.size());
            if (fresh) {
                w.targets.push_back({f.path, f.secret, cred, {}});
                w.target_finding.push_back(i);
            }
            auto& rules = w.targets[it->second].rules;
            if (std::find(rules.begin(), rules.end(), f.rule->id) == rules.end()) rules.push_back(f.rule->id);
        }
    }
    for (auto& w : work) {
        w.life = walk_history(w.scan->repo, w.targets, creds.size(), opts.threads);
        w.owners = CodeOwners::from_head(w.scan->repo);
    }

    std::vector<Record> records(creds.size());
    struct Span {
        std::optional<Who> first, last, removed;
        std::string tip_ref;  // still at a ref's tip
        bool at_head = false, in_head_history = false, on_default = false;
        std::size_t primary_repo = 0;
        bool first_truncated = false;    // first.commit's parents are not in the repository
        std::int64_t first_target = -1;  // the primary repository's target that gave `first`
    };
    std::vector<Span> spans(creds.size());
    auto earlier = [](const Who& a, const Who& b) { return a.commit_time < b.commit_time; };

    for (std::size_t s = 0; s < work.size(); ++s) {
        RepoWork& w = work[s];
        git_repository* repo = w.scan->repo;
        const RepoLife& life = w.life;
        // HEAD's CODEOWNERS lines for a place of this repository.
        auto set_owners = [&](Place& p) {
            if (!w.owners) return;
            if (auto m = w.owners->match(p.path)) {
                p.owners = m->owners;
                p.codeowners_rule = w.owners->describe(*m);
            }
        };
        // Where each credential is at HEAD in this repository, for the per-place status (in
        // the words `nhiscan git` uses for its findings: head_place_of).
        std::vector<std::vector<std::string>> head_paths(creds.size());
        for (std::size_t t = 0; t < w.targets.size(); ++t)
            if (life.targets[t].at_head) head_paths[w.targets[t].credential].push_back(w.targets[t].path);
        for (std::size_t t = 0; t < w.targets.size(); ++t) {
            const TargetLife& tl = life.targets[t];
            std::size_t cred = w.targets[t].credential;
            if (!tl.seen) {
                // The walk searches raw bytes: a value the scan found only decoded (base64,
                // escapes) is never seen by it. Keep the scan's own facts for that place.
                const Finding& f = w.scan->findings[w.target_finding[t]];
                Place p;
                p.repo = w.scan->name;
                p.path = f.path;
                p.first_line = p.last_line = f.line;
                p.status = f.decoded.empty() ? "not followed" : "not followed (found " + f.decoded + "-decoded)";
                if (f.commit) {
                    p.first_commit = p.last_commit = f.commit->commit;
                    git_oid id;
                    if (git_oid_fromstr(&id, f.commit->commit.c_str()) == 0) {
                        Who who = who_of(repo, id);
                        Span& sp = spans[cred];
                        if (!sp.first || earlier(who, *sp.first)) {
                            sp.first = who;
                            sp.primary_repo = s;
                            auto pos = std::find_if(life.commits.begin(), life.commits.end(),
                                                    [&](const git_oid& c) { return git_oid_equal(&c, &id); });
                            sp.first_truncated =
                                pos != life.commits.end() && life.truncated[pos - life.commits.begin()];
                            sp.first_target = static_cast<std::int64_t>(t);
                        }
                        if (!sp.last || earlier(*sp.last, who)) sp.last = who;
                    }
                }
                if (f.in_head.value_or(false)) {
                    spans[cred].at_head = true;
                    p.status = "at HEAD (" + p.status + ")";
                }
                set_owners(p);
                records[cred].places.push_back(std::move(p));
                continue;
            }
            Place p;
            p.repo = w.scan->name;
            p.path = w.targets[t].path;
            p.slot = tl.slot;
            p.first_line = tl.first_line;
            p.last_line = tl.last_line;
            p.first_commit = oid_hex(life.commits[tl.first]);
            p.last_commit = oid_hex(life.commits[tl.last]);
            p.first_pos = tl.first;
            p.last_pos = tl.last;
            p.status = head_status_text(head_place_of(p.path, head_paths[cred]));
            set_owners(p);
            records[cred].places.push_back(std::move(p));
            Span& sp = spans[cred];
            Who first = who_of(repo, life.commits[tl.first]);
            if (!sp.first || earlier(first, *sp.first)) {
                sp.first = first;
                sp.primary_repo = s;
                sp.first_truncated = tl.first_truncated;
                sp.first_target = static_cast<std::int64_t>(t);
            }
            Who last = who_of(repo, life.commits[tl.last]);
            if (!sp.last || earlier(*sp.last, last)) sp.last = last;
        }
        for (std::size_t cred = 0; cred < creds.size(); ++cred) {
            const DefaultBranchState& b = life.branch[cred];
            Span& sp = spans[cred];
            sp.at_head = sp.at_head || b.at_head;
            sp.in_head_history = sp.in_head_history || b.in_head_history;
            if (sp.tip_ref.empty() && !b.at_ref_tip.empty()) sp.tip_ref = b.at_ref_tip;
            if (b.removed && !b.at_head) {
                Who rm = who_of(repo, life.commits[*b.removed]);
                if (!sp.removed || earlier(*sp.removed, rm)) sp.removed = rm;
            }
            for (const auto& ref : life.refs[cred]) {
                auto& refs = records[cred].refs;
                if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
            }
        }
        for (const auto& e : life.rotations) {
            const Target& a = w.targets[e.replaced];
            const Target& b = w.targets[e.replacement];
            Who when = who_of(repo, life.commits[e.commit]);
            const std::string& slot = life.targets[e.replacement].slot;
            std::string removed_in = oid_hex(life.commits[e.removed_in]);
            std::string from = e.renamed ? a.path : "";
            records[a.credential].rotations.push_back(
                {"replaced", creds[b.credential].key, w.scan->name, a.path, slot, when, removed_in, from});
            records[b.credential].rotations.push_back(
                {"replacement", creds[a.credential].key, w.scan->name, b.path, slot, when, removed_in, from});
        }
        for (std::size_t i : w.unreachable) {
            const Finding& f = w.scan->findings[i];
            Place p;
            p.repo = w.scan->name;
            p.path = f.path;
            p.first_line = p.last_line = f.line;
            if (f.commit) p.first_commit = p.last_commit = f.commit->commit;
            p.status = head_status_text({HeadStatus::Unreachable, {}});
            records[by_secret.at(f.secret)].places.push_back(std::move(p));
        }
    }

    for (std::size_t cred = 0; cred < creds.size(); ++cred) {
        Record& r = records[cred];
        const Credential& c = creds[cred];
        const Span& sp = spans[cred];
        r.key = c.key;
        r.rules.assign(c.rules.begin(), c.rules.end());
        r.provider = c.rule->provider;
        r.kind = c.rule->kind;
        r.severity = to_string(c.rule->severity);
        // Only a service-account key file names its key beside it; other formats need no read.
        PublicId id = public_identifier(*c.rule, c.secret, c.companion,
                                        c.rule->kind == "service-account-key" ? blob_text(c.repo, c.blob_id) : "");
        r.public_id_type = id.type;
        r.public_id = id.value;
        r.live = c.live;
        std::sort(r.places.begin(), r.places.end(), [](const Place& a, const Place& b) {
            return std::make_tuple(a.first_commit.empty(), a.repo, a.first_pos, a.path) <
                   std::make_tuple(b.first_commit.empty(), b.repo, b.first_pos, b.path);
        });
        std::sort(r.refs.begin(), r.refs.end());
        r.first_seen = sp.first;
        r.last_seen = sp.last;
        std::int64_t end = 0;
        if (sp.at_head) {
            r.state = "at HEAD";
            r.exposure_end = "now (still at HEAD)";
            end = opts.now;
        } else if (!sp.first) {
            r.state = "unreachable";
            r.state_reason = "only in objects no ref reaches (amended, rebased or never committed)";
        } else if (sp.removed || sp.in_head_history) {
            r.state = "removed";
            r.removed = sp.removed;
            if (!sp.removed) r.state_reason = "added and removed on a branch before it was merged into the default branch";
        } else {
            r.state = "not on the default branch";
            r.state_reason = "no commit of the default branch holds it; only other refs do";
        }
        if (!sp.at_head && sp.first) {
            if (!sp.tip_ref.empty()) {
                r.exposure_end = fmt::format("now (still at the tip of {})", sp.tip_ref);
                end = opts.now;
            } else if (r.removed) {
                r.exposure_end = "removal";
                end = r.removed->commit_time;
            } else {
                r.exposure_end = "last seen";
                end = sp.last->commit_time;
            }
        }
        if (sp.first) r.exposure_days = std::max<std::int64_t>(0, (end - sp.first->commit_time) / kDay);
        std::sort(r.rotations.begin(), r.rotations.end(),
                  [](const Rotation& a, const Rotation& b) { return a.when.commit_time < b.when.commit_time; });
        bool rotated_out = std::any_of(r.rotations.begin(), r.rotations.end(),
                                       [](const Rotation& e) { return e.role == "replaced"; });
        r.never_rotated_over_90_days = !rotated_out && r.exposure_days > kStaleDays;
        const RepoWork& primary = work[sp.primary_repo];
        if (sp.first && sp.first_truncated)
            r.introducer_unknown = fmt::format("{} has parents this clone lacks (shallow), so the value may be older",
                                               sp.first->commit.substr(0, 12));
        else if (sp.first && sp.first->author_email.empty())
            r.introducer_unknown = fmt::format("{} has no author email", sp.first->commit.substr(0, 12));
        if (!r.introducer_unknown.empty() && sp.first_target >= 0)
            r.line_change = line_change_of(primary, static_cast<std::size_t>(sp.first_target));
        suggest_owner(r);
        guess_environment(r, *opts.test_paths, primary.life.head_ref);
    }
    std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) { return a.key < b.key; });
    return records;
}

}  // namespace nhiscan::inventory
