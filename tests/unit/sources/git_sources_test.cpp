// git sources against repositories built with the git CLI: pack tables of contents (ids,
// offsets, types, sizes through delta chains, OFS and REF deltas), object listing with loose
// objects, the commit graph's order and boundaries, and raw tree/commit parsing.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "sources/git/commits.hpp"
#include "sources/git/objects.hpp"
#include "sources/git/pack.hpp"
#include "sources/git/pack_reader.hpp"
#include "sources/git/repo.hpp"
#include "sources/git/trees.hpp"
#include "temp_repo.hpp"

using namespace nhiscan;
namespace fs = std::filesystem;

namespace {

GitLibrary& libgit2() {
    static GitLibrary lib;
    return lib;
}

struct TempRepo : testing::TempRepo {
    TempRepo() : testing::TempRepo("unit", "GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' ") {}
    std::string commit(const std::string& msg, const std::string& date = "2024-01-01T00:00:00Z") const {
        sh("git add -A && GIT_COMMITTER_DATE='" + date + "' git commit -q -m '" + msg + "'");
        return rev("HEAD");
    }
    std::string rev(const std::string& r) const {
        auto s = sh("git rev-parse " + r);
        return s.substr(0, 40);
    }
    GitRepo open() const {
        libgit2();
        return open_repository(dir.string());
    }
};

struct Expected {
    std::string type;
    std::uint64_t size;
};

// id -> (type, size) as git reports it.
std::map<std::string, Expected> git_objects(const TempRepo& r) {
    std::map<std::string, Expected> out;
    std::istringstream in(r.sh("git cat-file --batch-all-objects --batch-check='%(objectname) %(objecttype) %(objectsize)'"));
    std::string id, type;
    std::uint64_t size;
    while (in >> id >> type >> size) out[id] = {type, size};
    return out;
}

std::string type_name(git_object_t t) { return t == GIT_OBJECT_INVALID ? "?" : git_object_type2string(t); }

// A history with many near-identical versions of a file: the repack stores them as deltas.
void build_delta_history(TempRepo& r) {
    std::string body;
    for (int i = 0; i < 300; ++i) body += "line " + std::to_string(i) + " of a file that changes a little\n";
    for (int v = 0; v < 12; ++v) {
        r.write("src/file.txt", body + "version " + std::to_string(v) + "\n");
        r.write("docs/v" + std::to_string(v % 3) + ".md", body.substr(0, 2000) + std::to_string(v));
        r.commit("v" + std::to_string(v));
    }
}

void check_pack(const TempRepo& r, const std::string& idx) {
    auto expected = git_objects(r);
    std::vector<PackObject> objs;
    read_pack(idx, 7, objs);
    REQUIRE(!objs.empty());
    // Offsets as git's own index reader sees them.
    std::map<std::string, std::uint64_t> offsets;
    std::istringstream in(r.sh("git show-index < '" + idx + "'"));
    for (std::string line; std::getline(in, line);) {
        std::istringstream l(line);
        std::uint64_t off;
        std::string id;
        l >> off >> id;
        offsets[id] = off;
    }
    REQUIRE(offsets.size() == objs.size());
    for (std::size_t i = 0; i < objs.size(); ++i) {
        const auto& o = objs[i];
        std::string id = oid_hex(o.id);
        INFO(id);
        if (i) CHECK(objs[i - 1].offset < o.offset);
        CHECK(o.pack == 7);
        CHECK(offsets[id] == o.offset);
        REQUIRE(expected.count(id));
        CHECK(type_name(static_cast<git_object_t>(o.type)) == expected[id].type);
        if (o.type == GIT_OBJECT_BLOB) {
            CHECK(o.size_known);
            CHECK(o.size == expected[id].size);
        }
    }
}

std::string only_pack_index(const TempRepo& r) {
    for (const auto& e : fs::directory_iterator(r.dir / ".git/objects/pack"))
        if (e.path().extension() == ".idx") return e.path().string();
    FAIL("no pack");
    return {};
}

}  // namespace

TEST_CASE("pack reader: ids, offsets, types and sizes through OFS_DELTA chains") {
    TempRepo r;
    build_delta_history(r);
    r.sh("git repack -q -a -d -f --depth=50 --window=50");
    REQUIRE(r.sh("git verify-pack -v .git/objects/pack/*.idx | grep -c 'chain length' || true") != "0\n");
    check_pack(r, only_pack_index(r));
}

TEST_CASE("pack reader: REF_DELTA packs (no --delta-base-offset)") {
    TempRepo r;
    build_delta_history(r);
    // Without --delta-base-offset, pack-objects names delta bases by id (REF_DELTA).
    r.sh("git rev-list --objects --all | git pack-objects -q --window=50 --depth=50 .git/objects/pack/pack > /dev/null "
         "&& git prune-packed && git verify-pack -v .git/objects/pack/*.idx | grep -q 'chain length'");
    // Several packs may now exist; check each one.
    for (const auto& e : fs::directory_iterator(r.dir / ".git/objects/pack"))
        if (e.path().extension() == ".idx") check_pack(r, e.path().string());
}

TEST_CASE("pack reader: malformed files are errors, not crashes") {
    TempRepo r;
    r.write("a.txt", "a\n");
    r.commit("a");
    r.sh("git repack -q -a -d");
    std::string idx = only_pack_index(r);
    std::string pack = idx.substr(0, idx.size() - 4) + ".pack";
    fs::permissions(pack, fs::perms::owner_write, fs::perm_options::add);
    {
        std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(0);
        f.write("JUNK", 4);
    }
    std::vector<PackObject> objs(3);
    CHECK_THROWS_AS(read_pack(idx, 0, objs), Error);
    CHECK(objs.size() == 3);  // untouched
    fs::resize_file(idx, 100);
    CHECK_THROWS_AS(read_pack(idx, 0, objs), Error);
}

namespace {

// Reads every object of the repository's one pack through PackReader and compares each with
// what libgit2 reads. Returns how many were read here (the rest are REF_DELTAs: NotHere).
// `indexed`: the reader knows every object's offset (the full audit's listing), or only the
// ones asked for (the pre-commit path, through PackIndex).
std::size_t read_back(const TempRepo& r, std::size_t cache_bytes, bool indexed = true) {
    std::string idx = only_pack_index(r);
    std::vector<PackObject> objs;
    std::vector<std::uint64_t> offsets;
    read_pack(idx, 0, objs, &offsets);
    REQUIRE(offsets.size() == objs.size() + 1);
    CHECK(std::is_sorted(offsets.begin(), offsets.end()));
    PackSet packs;
    packs.add(idx.substr(0, idx.size() - 4) + ".pack", indexed ? offsets : std::vector<std::uint64_t>{});
    PackIndex index(idx);
    PackReader reader(packs, cache_bytes);
    GitRepo repo = r.open();
    git_odb* raw = nullptr;
    REQUIRE(git_repository_odb(&raw, repo.get()) == 0);
    GitOdb odb(raw);
    std::size_t here = 0;
    for (int round = 0; round < 2; ++round)  // the second round reads from the cache, or after eviction
        for (const auto& o : objs) {
            INFO(oid_hex(o.id));
            CHECK(index.find(o.id) == std::optional<std::uint64_t>(o.offset));
            git_odb_object* obj = nullptr;
            REQUIRE(git_odb_read(&obj, odb.get(), &o.id) == 0);
            GitOdbObject owned(obj);
            std::string_view want(static_cast<const char*>(git_odb_object_data(obj)), git_odb_object_size(obj));
            std::string_view got;
            int type = 0;
            std::uint64_t size = 0;
            if (!want.empty()) {  // one byte under the limit: not read, and the size is told
                auto r = reader.read(0, o.offset, got, type, want.size() - 1, &size);
                if (r == PackRead::NotHere) continue;
                CHECK(r == PackRead::TooLarge);
                CHECK(size == want.size());
            }
            if (reader.read(0, o.offset, got, type, want.size()) != PackRead::Ok) continue;
            here += round == 0;
            CHECK(type == git_odb_object_type(obj));
            CHECK(got == want);
        }
    std::string_view data;
    int type = 0;
    if (indexed) CHECK(reader.read(0, offsets[0] + 1, data, type) == PackRead::NotHere);  // not where an object starts
    CHECK(reader.read(1, offsets[0], data, type) == PackRead::NotHere);  // no such pack
    git_oid absent;
    REQUIRE(git_oid_fromstr(&absent, "0123456789012345678901234567890123456789") == 0);
    CHECK(!index.find(absent));
    return here;
}

}  // namespace

TEST_CASE("object reader: OFS_DELTA chains rebuilt byte for byte, with any cache size") {
    TempRepo r;
    build_delta_history(r);
    r.sh("git repack -q -a -d -f --depth=50 --window=50");
    std::size_t objects = git_objects(r).size();
    CHECK(read_back(r, 24u << 20) == objects);
    CHECK(read_back(r, 256) == objects);  // nothing fits: every chain is rebuilt from its base
    CHECK(read_back(r, 8u << 10) == objects);  // constant eviction
    CHECK(read_back(r, 24u << 20, false) == objects);  // object ends found by inflating
    CHECK(read_back(r, 256, false) == objects);
}

TEST_CASE("pack index lookups: v1, v2 and v2 with 64-bit offsets; malformed files refused") {
    TempRepo r;
    build_delta_history(r);
    r.sh("git repack -q -a -d");
    std::string idx = only_pack_index(r);
    std::string pack = idx.substr(0, idx.size() - 4) + ".pack";
    std::vector<PackObject> objs;
    read_pack(idx, 0, objs);
    REQUIRE(objs.size() > 20);
    // The same pack indexed three ways by git itself; ",0" puts every offset in the 64-bit table.
    r.sh("git index-pack --index-version=1 -o v1.idx '" + pack + "' >/dev/null && "
         "git index-pack --index-version=2,0 -o large.idx '" + pack + "' >/dev/null");
    for (const std::string& name : {idx, (r.dir / "v1.idx").string(), (r.dir / "large.idx").string()}) {
        INFO(name);
        PackIndex index(name);
        for (const auto& o : objs) CHECK(index.find(o.id) == std::optional<std::uint64_t>(o.offset));
        git_oid absent = objs[0].id;
        absent.id[19] ^= 1;
        CHECK(!index.find(absent));
    }
    r.write("short.idx", std::string(600, 'x'));
    CHECK_THROWS_AS(PackIndex((r.dir / "short.idx").string()), Error);
    std::string v2 = r.sh("cat '" + idx + "'");
    r.write("cut.idx", v2.substr(0, 8 + 1024 + 40));  // the fan-out promises entries that are not there
    CHECK_THROWS_AS(PackIndex((r.dir / "cut.idx").string()), Error);
    CHECK_THROWS_AS(PackIndex((r.dir / "none.idx").string()), Error);
}

TEST_CASE("object reader: REF_DELTA objects are left to libgit2") {
    TempRepo r;
    build_delta_history(r);
    r.sh("git repack -q -a -d -f --depth=50 --window=50 --no-write-bitmap-index && "
         "git rev-list --objects --all | git pack-objects -q --window=50 --depth=50 .git/objects/pack/ref > /dev/null && "
         "rm .git/objects/pack/pack-* && git verify-pack -v .git/objects/pack/*.idx | grep -q 'chain length'");
    std::size_t here = read_back(r, 24u << 20);
    CHECK(here > 0);
    CHECK(here < git_objects(r).size());
}

TEST_CASE("object reader: a damaged object is not read here") {
    TempRepo r;
    std::string body;
    for (int i = 0; i < 200; ++i) body += "row " + std::to_string(i) + "\n";
    r.write("a.txt", body);
    r.commit("a");
    r.sh("git repack -q -a -d");
    std::string idx = only_pack_index(r);
    std::string pack = idx.substr(0, idx.size() - 4) + ".pack";
    std::vector<PackObject> objs;
    std::vector<std::uint64_t> offsets;
    read_pack(idx, 0, objs, &offsets);
    auto blob = std::find_if(objs.begin(), objs.end(), [](const PackObject& o) { return o.type == GIT_OBJECT_BLOB; });
    REQUIRE(blob != objs.end());
    fs::permissions(pack, fs::perms::owner_write, fs::perm_options::add);
    {
        std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(blob->offset + 8));  // inside the deflated data
        f.write("\xff\xff\xff\xff", 4);
    }
    PackSet packs;
    packs.add(pack, offsets);
    PackReader reader(packs);
    std::string_view data;
    int type = 0;
    CHECK(reader.read(0, blob->offset, data, type) == PackRead::NotHere);
    {  // a header claiming a 64 GiB blob: refused, not allocated
        std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(blob->offset));
        f.write("\xbf\xff\xff\xff\xff\x0f", 6);
    }
    PackReader fresh(packs);
    CHECK(fresh.read(0, blob->offset, data, type) == PackRead::NotHere);
    auto tree = std::find_if(objs.begin(), objs.end(), [](const PackObject& o) { return o.type == GIT_OBJECT_TREE; });
    REQUIRE(tree != objs.end());
    if (tree->offset + 16 < blob->offset || tree->offset > blob->offset + 12) {  // the damage is elsewhere
        CHECK(fresh.read(0, tree->offset, data, type) == PackRead::Ok);
        CHECK(type == GIT_OBJECT_TREE);
    }
}

TEST_CASE("apply_delta: copies and inserts, malformed deltas rejected") {
    auto run = [](std::string_view base, const std::string& delta) -> std::optional<std::string> {
        Bytes out;
        if (!apply_delta(base, delta, out)) return std::nullopt;
        return std::string(out.view());
    };
    const std::string base = "0123456789";
    // src 10, dst 7: copy 4 bytes at offset 2, insert "xyz".
    CHECK(run(base, std::string("\x0a\x07\x91\x02\x04\x03xyz", 9)) == "2345xyz");
    // Copy of size 0 means 0x10000 bytes: beyond this base.
    CHECK(!run(base, std::string("\x0a\x0a\x80", 3)));
    CHECK(!run(base, std::string("\x09\x03\x03" "abc", 6)));                 // wrong source size
    CHECK(!run(base, std::string("\x0a\x04\x91\x08\x04", 5)));           // copy past the base's end
    CHECK(!run(base, std::string("\x0a\x02\x03" "abc", 6)));                 // insert past the result's end
    CHECK(!run(base, std::string("\x0a\x03\x05" "ab", 5)));                  // insert past the delta's end
    CHECK(!run(base, std::string("\x0a\x03\x00", 3)));                    // reserved opcode
    CHECK(!run(base, std::string("\x0a\x05\x02" "ab", 5)));                  // result shorter than declared
    CHECK(!run(base, std::string("\x0a\x03\x91\x02", 4)));                // truncated copy
    CHECK(!run(base, std::string("\x8a", 1)));                               // truncated header
}

TEST_CASE("object listing: packed and loose, each blob once, in pack order") {
    TempRepo r;
    build_delta_history(r);
    r.sh("git repack -q -a -d");
    r.write("loose.txt", "a loose blob\n");
    r.commit("loose");
    r.write("dangling.txt", "never committed\n");
    r.sh("git add dangling.txt && git rm -q --cached dangling.txt");
    auto expected = git_objects(r);
    std::size_t blobs = 0, commits = 0;
    for (auto& [id, e] : expected) blobs += e.type == "blob", commits += e.type == "commit";

    auto repo = r.open();
    ObjectListing l = list_objects(repo.get());
    CHECK(l.errors == 0);
    CHECK(l.objects == expected.size());
    CHECK(l.commits.size() == commits);
    REQUIRE(l.blobs.size() == blobs);
    for (std::size_t i = 0; i < l.blobs.size(); ++i) {
        const auto& b = l.blobs[i];
        CHECK(expected[oid_hex(b.id)].size == b.size);
        if (i) CHECK(std::tie(l.blobs[i - 1].pack, l.blobs[i - 1].offset) <= std::tie(b.pack, b.offset));
    }
    // The loose ones come last.
    CHECK(l.blobs.back().pack == UINT32_MAX);
    CHECK(l.blobs.front().pack == 0);
}

TEST_CASE("commit graph: parents first, oldest first among unrelated commits") {
    TempRepo r;
    r.write("a", "1");
    auto c1 = r.commit("c1", "2024-01-01T01:00:00Z");
    r.sh("git checkout -q -b side");
    r.write("b", "1");
    auto s1 = r.commit("s1", "2024-01-01T05:00:00Z");  // newer than m1, but its own line
    r.sh("git checkout -q main");
    r.write("c", "1");
    auto m1 = r.commit("m1", "2024-01-01T03:00:00Z");
    r.sh("GIT_COMMITTER_DATE='2024-01-01T02:00:00Z' git merge -q --no-ff -m merge side");  // clock skew: older than its parents
    auto merge = r.rev("HEAD");

    auto repo = r.open();
    git_odb* odb_raw = nullptr;
    REQUIRE(git_repository_odb(&odb_raw, repo.get()) == 0);
    GitOdb odb(odb_raw);
    git_oid head;
    git_oid_fromstr(&head, merge.c_str());
    CommitGraph g = load_commits(odb.get(), CommitWalk{{head}, {}, {}});
    REQUIRE(g.commits.size() == 4);
    std::vector<std::string> order;
    for (const auto& c : g.commits) order.push_back(oid_hex(c.id));
    CHECK(order == std::vector<std::string>{c1, m1, s1, merge});
    CHECK(g.commits[3].parents.size() == 2);
    CHECK(g.missing_parents == 0);

    SECTION("excluded commits and their ancestors are left out") {
        git_oid side;
        git_oid_fromstr(&side, s1.c_str());
        OidSet hidden = reachable_commits(odb.get(), {side}, {});
        CHECK(hidden.size() == 2);
        CommitGraph rest = load_commits(odb.get(), CommitWalk{{head}, [&](const git_oid& id) { return hidden.count(id) > 0; }, {}});
        REQUIRE(rest.commits.size() == 2);
        CHECK(oid_hex(rest.commits[0].id) == m1);
        CHECK(rest.commits[1].parent_ids.size() == 2);  // still recorded, for diffs
        CHECK(rest.commits[1].parents.size() == 1);     // but only m1 is in this graph
    }
    SECTION("a shallow boundary stops the walk") {
        git_oid m;
        git_oid_fromstr(&m, m1.c_str());
        CommitGraph cut = load_commits(odb.get(), CommitWalk{{head}, {}, {m}});
        CHECK(cut.commits.size() == 4);  // c1 still reached through side
        CHECK(cut.commits[cut.find(m).value()].parent_ids.empty());
    }
}

TEST_CASE("commit graph: missing parents are counted, a missing root is an error") {
    TempRepo r;
    r.write("a", "1");
    auto c1 = r.commit("c1");
    r.write("a", "2");
    auto c2 = r.commit("c2");
    fs::remove(r.dir / ".git/objects" / c1.substr(0, 2) / c1.substr(2));
    auto repo = r.open();
    git_odb* odb_raw = nullptr;
    REQUIRE(git_repository_odb(&odb_raw, repo.get()) == 0);
    GitOdb odb(odb_raw);
    git_oid head, first;
    git_oid_fromstr(&head, c2.c_str());
    git_oid_fromstr(&first, c1.c_str());
    CommitGraph g = load_commits(odb.get(), CommitWalk{{head}, {}, {}});
    CHECK(g.commits.size() == 1);
    CHECK(g.missing_parents == 1);
    CHECK(g.commits[0].parent_ids.empty());
    CHECK_THROWS_AS(load_commits(odb.get(), CommitWalk{{first}, {}, {}}), Error);
}

TEST_CASE("parse_commit reads tree, parents and committer time") {
    std::string tree(40, 'a'), p1(40, 'b'), p2(40, 'c');
    std::string data = "tree " + tree + "\nparent " + p1 + "\nparent " + p2 +
                       "\nauthor A <a@x> 100 +0000\ncommitter C <c@x> 1700000000 +0200\n\nparent " + std::string(40, 'd') + "\n";
    RawCommit c;
    REQUIRE(parse_commit(data, c));
    CHECK(oid_hex(c.tree) == tree);
    REQUIRE(c.parents.size() == 2);  // the message's "parent" line is not a header
    CHECK(oid_hex(c.parents[1]) == p2);
    CHECK(c.time == 1700000000);
    CHECK_FALSE(parse_commit("author A <a@x> 1 +0000\n", c));
}

TEST_CASE("raw trees: entries parsed in place, malformed trees rejected") {
    std::string id(20, '\x11');
    std::string data = std::string("100644 a.txt\0", 13) + id + std::string("40000 dir\0", 10) + id +
                       std::string("160000 sub\0", 11) + id + std::string("120000 link\0", 12) + id;
    std::vector<std::pair<std::string, EntryKind>> seen;
    REQUIRE(for_each_tree_entry(data, [&](const TreeEntryRef& e) { seen.emplace_back(std::string(e.name), e.kind()); }));
    CHECK(seen == std::vector<std::pair<std::string, EntryKind>>{
                      {"a.txt", EntryKind::Blob}, {"dir", EntryKind::Tree}, {"sub", EntryKind::Submodule}, {"link", EntryKind::Blob}});
    auto none = [](const TreeEntryRef&) {};
    CHECK_FALSE(for_each_tree_entry(std::string("100644 a.txt\0", 13) + "short", none));
    CHECK_FALSE(for_each_tree_entry(std::string("10x644 a\0", 9) + id, none));
    CHECK(for_each_tree_entry("", none));
}

TEST_CASE("repository opening and revision resolution") {
    TempRepo r;
    auto repo = r.open();
    CHECK_FALSE(head_commit(repo.get()).has_value());  // unborn
    r.write("a", "1");
    auto c1 = r.commit("c1");
    r.sh("git tag -a -m t v1");
    CHECK(oid_hex(*resolve_commit(repo.get(), "v1")) == c1);  // annotated tag peeled
    CHECK_FALSE(resolve_commit(repo.get(), "nope").has_value());
    CHECK_THROWS_AS(resolve_commit(repo.get(), "HEAD^{tree}"), Error);
    CHECK_THROWS_AS(open_repository("/"), Error);
    fs::create_directories(r.dir / "sub/dir");
    CHECK(repository_root(open_repository((r.dir / "sub/dir").string()).get()) == fs::canonical(r.dir).string());
}
