// The direct index reader (versions 2-4, cache-tree) and the staged diff built on it agree
// with libgit2's tree-to-index diff on the same repository states.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "sources/git/changes.hpp"
#include "sources/git/index.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/staged.hpp"
#include "temp_repo.hpp"

using namespace nhiscan;
namespace fs = std::filesystem;

namespace {

struct Repo : testing::TempRepo {
    Repo() : TempRepo("index") { static GitLibrary lib; }
};

using Summary = std::pair<std::vector<std::string>, std::vector<std::string>>;  // added "path blob", old blobs

Summary summarize(const TreeChanges& c) {
    Summary s;
    for (const auto& a : c.added) s.first.push_back(a.path + " " + oid_hex(a.blob));
    for (const auto& o : c.old_blobs) s.second.push_back(oid_hex(o));
    std::sort(s.first.begin(), s.first.end());
    std::sort(s.second.begin(), s.second.end());
    s.second.erase(std::unique(s.second.begin(), s.second.end()), s.second.end());
    return s;
}

// Both ways of computing the staged changes, for the repository's current state.
void check_agree(const Repo& r, std::size_t expect_added) {
    GitRepo repo = open_repository(r.dir.string());
    auto head = head_commit(repo.get());
    TreeChanges fast = staged_changes(repo.get(), head);
    GitTree tree;
    if (head) tree = commit_tree(repo.get(), *head);
    GitIndex index = open_commit_index(repo.get());
    TreeChanges slow = index_changes(repo.get(), tree.get(), index.get());
    CHECK(summarize(fast) == summarize(slow));
    CHECK(fast.added.size() == expect_added);
    REQUIRE(read_index_file((r.dir / ".git/index").string()).has_value());  // the fast path was taken
}

void base_history(Repo& r) {
    r.write("a.txt", "a\n");
    r.write("dir/b.txt", "b\n");
    r.write("dir/sub/c.txt", "c\n");
    r.write("other/d.txt", "d\n");
    r.write("gone/e.txt", "e\n");
    r.sh("git add -A && git commit -q -m one");
}

}  // namespace

TEST_CASE("index reader: entries, stages and cache-tree, versions 2 to 4") {
    for (int version : {2, 3, 4}) {
        DYNAMIC_SECTION("version " << version) {
            Repo r;
            base_history(r);
            r.sh("git update-index --index-version " + std::to_string(version));
            r.write("dir/sub/c.txt", "changed\n");
            r.sh("git add dir/sub/c.txt");
            if (version >= 3) {
                r.write("new-intent.txt", "later\n");
                r.sh("git add -N new-intent.txt");
            }
            auto idx = read_index_file((r.dir / ".git/index").string());
            REQUIRE(idx.has_value());
            std::vector<std::string> paths;
            for (const auto& e : idx->entries) paths.push_back(e.path);
            auto expected = r.sh("git ls-files --stage | cut -f2");
            std::string joined;
            for (const auto& p : paths) joined += p + "\n";
            CHECK(joined == expected);
            if (version >= 3) {
                auto it = std::find_if(idx->entries.begin(), idx->entries.end(), [](const IndexEntry& e) { return e.path == "new-intent.txt"; });
                REQUIRE(it != idx->entries.end());
                CHECK(it->intent_to_add);
            }
            REQUIRE(idx->tree.has_value());
            const CacheTree* other = idx->tree->child("other");
            REQUIRE(other);
            CHECK(other->valid);  // untouched directory: its tree is cached
            CHECK(oid_hex(other->id) == r.sh("git rev-parse HEAD:other").substr(0, 40));
            const CacheTree* dir = idx->tree->child("dir");
            CHECK((dir == nullptr || !dir->valid));  // invalidated by the add below it
        }
    }
}

TEST_CASE("index reader: missing file is empty; garbage is refused") {
    Repo r;
    auto none = read_index_file((r.dir / ".git/no-such-index").string());
    REQUIRE(none.has_value());
    CHECK(none->entries.empty());
    r.write("junk", "not an index at all, no DIRC here");
    CHECK_FALSE(read_index_file((r.dir / "junk").string()).has_value());
}

TEST_CASE("staged diff: agrees with libgit2") {
    Repo r;
    SECTION("no commits yet") {
        r.write("a.txt", "a\n");
        r.write("d/b.txt", "b\n");
        r.sh("git add -A");
        check_agree(r, 2);
    }
    SECTION("edits, additions, deletions, renames") {
        base_history(r);
        r.write("dir/sub/c.txt", "c2\n");
        r.write("dir/new.txt", "n\n");
        r.sh("git rm -q -r gone && git mv a.txt moved.txt && git add -A");
        check_agree(r, 3);  // c.txt, new.txt, moved.txt
    }
    SECTION("file becomes directory and back") {
        base_history(r);
        r.sh("git rm -q a.txt && git rm -q -r other");
        r.write("a.txt/inner.txt", "i\n");
        r.write("other", "now a file\n");
        r.sh("git add -A");
        check_agree(r, 2);
    }
    SECTION("mode change only is no new content (libgit2 lists it as modified)") {
        base_history(r);
        r.sh("chmod +x a.txt && git add a.txt");
        GitRepo repo = open_repository(r.dir.string());
        TreeChanges c = staged_changes(repo.get(), head_commit(repo.get()));
        CHECK(c.added.empty());
        CHECK(c.old_blobs.empty());
    }
    SECTION("index without cache-tree") {
        base_history(r);
        r.write("other/d.txt", "d2\n");
        r.sh("git add -A && git update-index --index-version 4");
        check_agree(r, 1);
    }
    SECTION("conflicts are left out") {
        base_history(r);
        r.sh("git checkout -q -b side");
        r.write("a.txt", "side\n");
        r.sh("git commit -q -am side && git checkout -q main");
        r.write("a.txt", "main\n");
        r.write("clean.txt", "x\n");
        r.sh("git add -A && git commit -q -m main && (git merge -q side || true)");
        GitRepo repo = open_repository(r.dir.string());
        TreeChanges c = staged_changes(repo.get(), head_commit(repo.get()));
        CHECK(c.added.empty());
    }
}

namespace {

// The index file's bytes with its TREE extension replaced by `tree` (raw extension data; no
// extension at all when empty). The trailing checksum is zeroed: the reader does not check it.
std::string with_tree_extension(const std::string& index, const std::string& tree) {
    auto at = index.rfind("TREE");
    REQUIRE(at != std::string::npos);
    std::string out = index.substr(0, at);
    if (!tree.empty()) {
        out += "TREE";
        for (int shift : {24, 16, 8, 0}) out += static_cast<char>((tree.size() >> shift) & 0xff);
        out += tree;
    }
    return out + std::string(20, '\0');
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("staged diff: cache-tree cases") {
    Repo r;
    base_history(r);
    SECTION("index without a TREE extension: HEAD's trees are walked") {
        // `git add` into a fresh index computes no cache-tree (only commit, write-tree,
        // read-tree and reset do).
        r.sh("rm .git/index && git add -A");
        r.write("dir/sub/c.txt", "c3\n");
        r.sh("git add -A");
        auto idx = read_index_file((r.dir / ".git/index").string());
        REQUIRE(idx.has_value());
        CHECK_FALSE(idx->tree.has_value());
        check_agree(r, 1);
    }
    SECTION("invalidated entries are descended into, valid ones equal to HEAD are not needed") {
        r.write("dir/sub/c.txt", "c3\n");
        r.sh("git add dir/sub/c.txt");
        auto idx = read_index_file((r.dir / ".git/index").string());
        REQUIRE(idx.has_value());
        REQUIRE(idx->tree.has_value());
        CHECK_FALSE(idx->tree->valid);  // root: on the changed file's path
        const CacheTree* other = idx->tree->child("other");
        REQUIRE(other);
        CHECK(other->valid);
        check_agree(r, 1);
        GitRepo repo = open_repository(r.dir.string());
        TreeChanges c = staged_changes(repo.get(), head_commit(repo.get()));
        REQUIRE(c.added.size() == 1);
        CHECK(c.added[0].path == "dir/sub/c.txt");
        CHECK(c.old_blobs.size() == 1);
    }
    SECTION("valid cache-tree of another commit (reset --soft): differing trees are compared") {
        r.write("dir/sub/c.txt", "c2\n");
        r.write("other/new.txt", "n\n");
        r.sh("git rm -q a.txt && git add -A && git commit -q -m two && git reset -q --soft HEAD~1");
        auto idx = read_index_file((r.dir / ".git/index").string());
        REQUIRE(idx.has_value());
        REQUIRE(idx->tree.has_value());
        CHECK(idx->tree->valid);  // the cache-tree describes commit two, HEAD is commit one
        check_agree(r, 2);        // c.txt, new.txt (a.txt deleted)
    }
    SECTION("intent-to-add entries under an unchanged directory are not committed") {
        r.write("other/later.txt", "later\n");
        r.sh("git add -N other/later.txt");
        GitRepo repo = open_repository(r.dir.string());
        TreeChanges c = staged_changes(repo.get(), head_commit(repo.get()));
        CHECK(c.added.empty());
        CHECK(c.old_blobs.empty());
    }
    SECTION("a malformed TREE extension is dropped, not trusted") {
        r.write("dir/sub/c.txt", "c3\n");
        r.sh("git add -A");
        const std::string index = slurp(r.dir / ".git/index");
        std::string deep;  // nested far past any real work tree
        for (int i = 0; i < 5000; ++i) deep += std::string("d") + '\0' + "-1 1\n";
        deep += std::string("leaf") + '\0' + "-1 0\n";
        const std::string huge_count = std::string("\0", 1) + "-1 99999999999\n";
        for (const std::string& bad : {deep, huge_count, std::string("\0", 1) + "7 0\nshort-id"}) {
            std::ofstream(r.dir / "crafted-index", std::ios::binary | std::ios::trunc) << with_tree_extension(index, bad);
            auto idx = read_index_file((r.dir / "crafted-index").string());
            REQUIRE(idx.has_value());
            CHECK_FALSE(idx->tree.has_value());
            CHECK(idx->entries.size() == 5);
        }
        // And the diff through such an index still finds the change, by walking HEAD's trees.
        std::ofstream(r.dir / ".git/index", std::ios::binary | std::ios::trunc) << with_tree_extension(index, deep);
        GitRepo repo = open_repository(r.dir.string());
        TreeChanges c = staged_changes(repo.get(), head_commit(repo.get()));
        REQUIRE(c.added.size() == 1);
        CHECK(c.added[0].path == "dir/sub/c.txt");
    }
}
