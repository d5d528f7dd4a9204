// Grouping history occurrences into findings: one per secret per path at the earliest commit,
// counting the commits that hold it; --all-occurrences lists each.
#include <catch2/catch.hpp>

#include "pipeline/occurrences.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/provenance.hpp"

using namespace nhiscan;

namespace {

Finding found(const RuleSpec& rule, const std::string& secret, std::size_t line) {
    Finding f;
    f.rule = &rule;
    f.secret = secret;
    f.line = line;
    f.column = 3;
    f.fingerprint = fingerprint_of(rule.id, secret);
    f.source.kind = SourceKind::Git;
    return f;
}

OccurrenceOptions options(bool all) {
    return OccurrenceOptions{all, [](std::uint32_t c) { return CommitInfo{"commit" + std::to_string(c), "A", "a@x", "d"}; }};
}

}  // namespace

TEST_CASE("occurrences: one finding per secret per path, at the earliest commit") {
    RuleSpec rule;
    rule.id = "demo";
    std::vector<std::string> paths{"a.txt", "b.txt"};
    // Blob v1 (secret on line 3) sits at a.txt in commits 2 and 3; blob v2 (line 5) in 4 and 7.
    Finding v1 = found(rule, "SECRET", 3), v2 = found(rule, "SECRET", 5), other = found(rule, "OTHER", 1);
    std::vector<Occurrence> occ{{4, 0, &v2}, {2, 0, &v1}, {7, 0, &v2}, {3, 0, &v1}, {9, 1, &v1}, {5, 0, &other}};
    std::vector<std::uint32_t> commits;
    auto out = group_occurrences(occ, paths, options(false), &commits);
    REQUIRE(out.size() == 3);
    // Ordered by fingerprint then path: find each by content.
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto& f = out[i];
        if (f.secret == "OTHER") {
            CHECK(f.occurrences == 1);
            CHECK(commits[i] == 5);
        } else if (f.path == "a.txt") {
            CHECK(f.line == 3);  // from the introducing commit's blob
            CHECK(f.commit->commit == "commit2");
            CHECK(f.occurrences == 4);
            CHECK(f.location_fingerprint == location_fingerprint_of("demo", "SECRET", "a.txt"));
        } else {
            CHECK(f.path == "b.txt");
            CHECK(f.commit->commit == "commit9");
            CHECK(f.occurrences == 1);
        }
    }
}

TEST_CASE("occurrences: a secret twice in one blob counts the commit once") {
    RuleSpec rule;
    rule.id = "demo";
    std::vector<std::string> paths{"a.txt"};
    Finding first = found(rule, "S", 2), second = found(rule, "S", 8);
    std::vector<Occurrence> occ{{1, 0, &second}, {1, 0, &first}, {2, 0, &first}, {2, 0, &second}};
    auto out = group_occurrences(occ, paths, options(false));
    REQUIRE(out.size() == 1);
    CHECK(out[0].line == 2);
    CHECK(out[0].occurrences == 2);

    auto all = group_occurrences(occ, paths, options(true));
    CHECK(all.size() == 4);
    for (const auto& f : all) CHECK(f.occurrences == 1);
}

TEST_CASE("occurrences: nothing in, nothing out") {
    CHECK(group_occurrences({}, {}, options(false)).empty());
}

TEST_CASE("progress line: counts, bytes, rate and ETA") {
    CHECK(format_progress("scanning blobs", 1024, 4096, 0, 0, 0.1) == "scanning blobs 1,024/4,096 (25%)");
    CHECK(format_progress("scanning blobs", 1024, 4096, 12u << 20, 48u << 20, 2.0) ==
          "scanning blobs 1,024/4,096 (25%)  12.0 MiB/48.0 MiB  6.0 MiB/s  ETA 0:06");
    CHECK(format_progress("commits", 50, 100, 0, 0, 10) == "commits 50/100 (50%)  5/s  ETA 0:10");
    CHECK(format_progress("listing", 7, 0, 0, 0, 1) == "listing 7  7/s");
    CHECK(format_progress("listing objects", 0, 0, 0, 0, 2.3) == "listing objects 2.3 s");
    // A count past its total: the total was no bound, so it is shown as unknown, never 114%.
    CHECK(format_progress("indexing trees", 437334, 382313, 0, 0, 0.1) == "indexing trees 437,334");
    CHECK(format_progress("scanning blobs", 10, 20, 3u << 20, 2u << 20, 0.1) == "scanning blobs 10/20 (50%)  3.0 MiB");
    CHECK(format_progress("done", 10, 10, 100, 100, 1) == "done 10/10 (100%)  100 B/100 B  100 B/s");
    CHECK(format_progress("long", 1, 1000, 1, 3600 * 10, 1).find("ETA 9:59:59") != std::string::npos);
}

TEST_CASE("progress: off unless asked or on a terminal") {
    CHECK(progress_wanted("always", true));
    CHECK_FALSE(progress_wanted("never", false));
    CHECK_FALSE(progress_wanted("auto", true));  // --quiet
    Progress off(false);
    off.phase("x", 10);
    off.add(5);
    off.done();  // no thread, no output, no crash
}

TEST_CASE("iso8601 dates keep the author's offset") {
    CHECK(iso8601(0, 0) == "1970-01-01T00:00:00Z");
    CHECK(iso8601(1704067200, 120) == "2024-01-01T02:00:00+02:00");
    CHECK(iso8601(1704067200, -330) == "2023-12-31T18:30:00-05:30");
}
