// Provenance search: every (commit, path) of the target blobs, each tree read at most once.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pipeline/provenance.hpp"
#include "sources/git/objects.hpp"
#include "sources/git/repo.hpp"
#include "temp_repo.hpp"

using namespace nhiscan;
namespace fs = std::filesystem;

namespace {

struct Repo : testing::TempRepo {
    Repo() : TempRepo("prov") {}
    void commit(int n) const { sh("git add -A && GIT_COMMITTER_DATE='2024-01-01T00:00:" + std::to_string(10 + n) + "Z' git commit -q -m c"); }
};

git_oid oid(const std::string& hex) {
    git_oid o;
    git_oid_fromstrn(&o, hex.c_str(), GIT_OID_HEXSZ);
    return o;
}

}  // namespace

TEST_CASE("provenance: placements in commit order, each tree read once") {
    static GitLibrary lib;
    Repo r;
    r.write("deep/a/b/secret.txt", "the target\n");
    r.write("deep/a/b/other.txt", "0\n");
    r.write("top.txt", "0\n");
    r.commit(1);
    for (int i = 2; i <= 6; ++i) {  // edits next to the target: its trees change, the target does not
        r.write("deep/a/b/other.txt", std::to_string(i) + "\n");
        r.write("top.txt", std::to_string(i) + "\n");
        r.commit(i);
    }
    r.sh("git mv deep/a/b/secret.txt moved.txt");
    r.commit(7);
    r.sh("git rm -q moved.txt");
    r.commit(8);
    std::string target = r.sh("git rev-parse HEAD~1:moved.txt").substr(0, 40);

    GitRepo repo = open_repository(r.dir.string());
    git_odb* raw = nullptr;
    REQUIRE(git_repository_odb(&raw, repo.get()) == 0);
    GitOdb odb(raw);
    CommitGraph g = load_commits(odb.get(), CommitWalk{{*head_commit(repo.get())}, {}, {}});
    REQUIRE(g.commits.size() == 8);

    PlacementSearch search(odb.get(), OidSet{oid(target)});
    search.search(g, 100, nullptr);
    // Counted, one entry per path: six commits at its first path from commit 100, then one.
    auto places = search.placements(oid(target));
    REQUIRE(places.size() == 2);
    CHECK(search.paths()[places[0].path] == "deep/a/b/secret.txt");
    CHECK(places[0].first == 100);
    CHECK(places[0].commits == 6);
    CHECK(search.paths()[places[1].path] == "moved.txt");
    CHECK(places[1].first == 106);
    CHECK(places[1].commits == 1);
    // Listed, one entry per (commit, path): the same seven places.
    std::vector<std::pair<std::uint32_t, std::string>> listed;
    const git_oid want = oid(target);
    search.for_each_placement([&](std::uint32_t c, std::uint32_t p, const git_oid& b) {
        CHECK(git_oid_equal(&b, &want));
        listed.emplace_back(c, search.paths()[p]);
    });
    REQUIRE(listed.size() == 7);
    for (std::uint32_t i = 0; i < 6; ++i) CHECK(listed[i] == std::make_pair(100 + i, std::string("deep/a/b/secret.txt")));
    CHECK(listed[6] == std::make_pair(106u, std::string("moved.txt")));
    CHECK(search.blobs_at(100).size() == 1);
    CHECK(search.blobs_at(107).empty());

    // Every distinct tree in the history, read exactly once.
    std::set<std::string> trees;
    std::istringstream in(r.sh("git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch-check='%(objecttype) %(objectname)'"));
    for (std::string type, id; in >> type >> id;)
        if (type == "tree") trees.insert(id);
    CHECK(search.trees_read() == trees.size());
}

TEST_CASE("provenance: prepare() reads every tree once in pack order; the walk then reads only those holding a target") {
    static GitLibrary lib;
    Repo r;
    r.write("deep/a/b/secret.txt", "the target\n");
    r.write("deep/a/b/other.txt", "0\n");
    r.write("elsewhere/x/y.txt", "0\n");
    r.commit(1);
    for (int i = 2; i <= 6; ++i) {
        r.write("elsewhere/x/y.txt", std::to_string(i) + "\n");
        if (i % 2) r.write("deep/a/b/other.txt", std::to_string(i) + "\n");
        r.commit(i);
    }
    r.sh("git rm -q deep/a/b/secret.txt");
    r.commit(7);
    r.sh("git repack -q -a -d");
    std::string target = r.sh("git rev-parse HEAD~1:deep/a/b/secret.txt").substr(0, 40);

    GitRepo repo = open_repository(r.dir.string());
    git_odb* raw = nullptr;
    REQUIRE(git_repository_odb(&raw, repo.get()) == 0);
    GitOdb odb(raw);
    CommitGraph g = load_commits(odb.get(), CommitWalk{{*head_commit(repo.get())}, {}, {}});
    ObjectListing listing = list_objects(repo.get());

    PlacementSearch plain(odb.get(), OidSet{oid(target)});
    plain.search(g, 0, nullptr);
    PlacementSearch prepared(odb.get(), OidSet{oid(target)});
    ReadOptions ro;
    ro.repo_path = git_repository_path(repo.get());
    ro.threads = 2;
    prepared.prepare(listing.trees, ro);
    prepared.search(g, 0, nullptr);

    auto a = plain.placements(oid(target));
    auto b = prepared.placements(oid(target));
    REQUIRE(a.size() == 1);
    CHECK(a[0].first == 0);
    CHECK(a[0].commits == 6);
    REQUIRE(b.size() == a.size());
    CHECK(b[0].first == a[0].first);
    CHECK(b[0].commits == a[0].commits);
    CHECK(plain.paths()[a[0].path] == prepared.paths()[b[0].path]);
    // Trees holding the target: each commit's root (6 distinct), deep, deep/a, deep/a/b (3 versions each).
    std::set<std::string> holding;
    for (const char* rev : {"HEAD~6", "HEAD~5", "HEAD~4", "HEAD~3", "HEAD~2", "HEAD~1"})
        for (const char* path : {"", "deep", "deep/a", "deep/a/b"})
            holding.insert(r.sh(std::string("git rev-parse ") + rev + ":" + path).substr(0, 40));
    CHECK(prepared.trees_read() == holding.size());
    CHECK(prepared.trees_read() < plain.trees_read());
}
