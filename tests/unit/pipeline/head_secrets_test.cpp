// "Already in HEAD" for `nhiscan staged`, with HEAD's work-tree files read ahead on their own
// thread (WorkTreePrefetch): the same verdicts as reading them after the scan, whatever part of
// the work tree the prefetch got through.
#include "pipeline/head_secrets.hpp"

#include <utime.h>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "../temp_repo.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/staged.hpp"

using namespace nhiscan;

namespace {

// Secrets built from parts: no token-shaped literal in the source.
std::string secret(int n) { return "s3cr3t-" + std::string(24, static_cast<char>('a' + n)) + "-" + std::to_string(n); }

// A repository whose HEAD holds ten files, f0.txt .. f9.txt, file k holding secret(k); their
// mtimes are set in the past so that the index entries are not racy and the work-tree copies
// may stand in for the blobs. Then new.txt is staged.
struct Repo : testing::TempRepo {
    Repo() : TempRepo("head") {
        static GitLibrary lib;
        for (int k = 0; k < 10; ++k)
            write("f" + std::to_string(k) + ".txt", "file " + std::to_string(k) + "\n" + secret(k) + "\n");
        for (int k = 0; k < 10; ++k) {
            struct utimbuf old {
                1600000000, 1600000000
            };
            ::utime((dir / ("f" + std::to_string(k) + ".txt")).c_str(), &old);
        }
        sh("git add . && git commit -q -m one");
        write("new.txt", "new\n");
        sh("git add new.txt");
    }
};

std::set<std::string> in_head(git_repository* repo, const TreeChanges& ch, const std::vector<std::string>& secrets,
                              WorkTreePrefetch* pre) {
    auto head = head_commit(repo);
    GitTree tree = commit_tree(repo, *head);
    std::vector<SecretAt> wanted;
    for (const auto& s : secrets) wanted.push_back({"new.txt", s});
    ReadOptions ro;
    ro.repo_path = git_repository_path(repo);
    ro.threads = 2;
    ScanStats stats;
    auto found = secrets_in_head(repo, tree.get(), wanted, ch.old_blobs, &ch.unchanged, ro, stats, &ch.work_files, pre);
    CHECK(stats.errors == 0);
    return found;
}

}  // namespace

TEST_CASE("work-tree prefetch: reads the files the index vouches for, within its budget") {
    Repo r;
    GitRepo repo = open_repository(r.dir.string());
    TreeChanges ch = staged_changes(repo.get(), head_commit(repo.get()));
    REQUIRE(ch.unchanged_known);
    REQUIRE(ch.work_files.size() == 10);
    const std::size_t one = ch.work_files[0].size;

    SECTION("the whole work tree") {
        WorkTreePrefetch pre(r.dir.string() + "/", ch.work_files, 1 << 20, 1 << 20);
        pre.wait();
        CHECK(pre.visited() == 10);
        REQUIRE(pre.read().size() == 10);
        const auto& third = pre.read()[3];
        CHECK(pre.arena().substr(third.offset, third.size) ==
              "file " + std::to_string(third.file) + "\n" + secret(static_cast<int>(third.file)) + "\n");
    }
    SECTION("a budget of four files stops after the fourth") {
        WorkTreePrefetch pre(r.dir.string() + "/", ch.work_files, 1 << 20, 4 * one);
        pre.wait();
        CHECK(pre.visited() == 4);
        CHECK(pre.read().size() == 4);
    }
    SECTION("a file changed since it was staged is visited, not kept") {
        const std::string changed = ch.work_files[2].path;
        r.write(changed, "changed\n");
        WorkTreePrefetch pre(r.dir.string() + "/", ch.work_files, 1 << 20, 1 << 20);
        pre.wait();
        CHECK(pre.visited() == 10);
        CHECK(pre.read().size() == 9);
        for (const auto& rd : pre.read()) CHECK(ch.work_files[rd.file].path != changed);
    }
}

TEST_CASE("already in HEAD: the same verdicts with a prefetch cut anywhere") {
    Repo r;
    GitRepo repo = open_repository(r.dir.string());
    TreeChanges ch = staged_changes(repo.get(), head_commit(repo.get()));
    REQUIRE(ch.work_files.size() == 10);
    const std::vector<std::string> secrets{secret(1), secret(8), secret(20)};  // the last is new
    const std::set<std::string> expected{secret(1), secret(8)};
    CHECK(in_head(repo.get(), ch, secrets, nullptr) == expected);
    const std::size_t one = ch.work_files[0].size;
    for (std::size_t files : {0, 1, 5, 9, 10}) {
        CAPTURE(files);
        WorkTreePrefetch pre(r.dir.string() + "/", ch.work_files, 1 << 20, files * one);
        pre.wait();
        CHECK(in_head(repo.get(), ch, secrets, &pre) == expected);
        CHECK(pre.visited() == files);
    }
    // A work-tree file changed since staging: its blob, read from the odb, still counts.
    r.write(ch.work_files[1].path, "gone\n");
    WorkTreePrefetch pre(r.dir.string() + "/", ch.work_files, 1 << 20, 1 << 20);
    pre.wait();
    CHECK(in_head(repo.get(), ch, secrets, &pre) == expected);
}

TEST_CASE("already in HEAD: a prefetched file that lies about its blob never vouches for a secret") {
    // A work-tree file rewritten in place with the stat data the index holds (same size, inode and
    // mtime) but a secret HEAD does not have: read ahead, its hit does not hash to the blob, so
    // the blob is read and the secret stays new.
    Repo r;
    GitRepo repo = open_repository(r.dir.string());
    TreeChanges ch = staged_changes(repo.get(), head_commit(repo.get()));
    REQUIRE(ch.work_files.size() == 10);
    const std::string fresh = "s3cr3t-" + std::string(24, 'z') + "-5";  // secret(5)'s length, not in HEAD
    std::size_t k = 0;
    while (k < ch.work_files.size() && ch.work_files[k].path != "f2.txt") ++k;
    REQUIRE(k < ch.work_files.size());
    r.write("f2.txt", "file 2\n" + fresh + "\n");
    struct utimbuf old {
        1600000000, 1600000000
    };
    ::utime((r.dir / "f2.txt").c_str(), &old);
    struct stat st {};
    REQUIRE(::stat((r.dir / "f2.txt").c_str(), &st) == 0);
    REQUIRE(std::uint32_t(st.st_size) == ch.work_files[k].size);
    REQUIRE(std::uint32_t(st.st_ino) == ch.work_files[k].ino);
    const std::vector<std::string> secrets{secret(1), fresh};
    const std::set<std::string> expected{secret(1)};
    CHECK(in_head(repo.get(), ch, secrets, nullptr) == expected);
    WorkTreePrefetch pre(r.dir.string() + "/", ch.work_files, 1 << 20, 1 << 20);
    pre.wait();
    REQUIRE(pre.read().size() == 10);  // the rewritten file was read ahead too
    CHECK(in_head(repo.get(), ch, secrets, &pre) == expected);
}
