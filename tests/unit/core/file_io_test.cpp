#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/file_io.hpp"

using namespace nhiscan;
namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path;
    TempDir() {
        std::string t = (fs::temp_directory_path() / "nhiscan-fileio-XXXXXX").string();
        REQUIRE(::mkdtemp(t.data()));
        path = t;
    }
    ~TempDir() { fs::remove_all(path); }
};
}  // namespace

TEST_CASE("write_file_atomic replaces the file and leaves no temp file behind") {
    TempDir d;
    const std::string target = (d.path / "baseline.jsonl").string();
    // A stale file at the old fixed temp name is neither used nor removed.
    { std::FILE* f = std::fopen((target + ".tmp").c_str(), "w"); std::fputs("stale", f); std::fclose(f); }
    REQUIRE(write_file_atomic(target, {"one", "\n", "two"}) == 0);
    int err = 0;
    auto text = read_whole_file(target, err);
    REQUIRE(text);
    CHECK(*text == "one\ntwo");
    REQUIRE(write_file_atomic(target, {"three"}) == 0);
    CHECK(*read_whole_file(target, err) == "three");
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(d.path)) {
        ++files;
        CHECK((e.path().filename() == "baseline.jsonl" || e.path().filename() == "baseline.jsonl.tmp"));
    }
    CHECK(files == 2);
}

TEST_CASE("write_file_atomic applies the mode less the umask") {
    TempDir d;
    const std::string target = (d.path / "hook").string();
    const mode_t old = ::umask(022);
    REQUIRE(write_file_atomic(target, {"#!/bin/sh\n"}, 0777) == 0);
    ::umask(old);
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0755);
}

TEST_CASE("write_file_atomic reports an unwritable directory") {
    CHECK(write_file_atomic("/nonexistent-dir-nhiscan/x", {"a"}) == ENOENT);
}

TEST_CASE("read_whole_file: a directory is EISDIR, a missing file ENOENT, never an empty string") {
    TempDir d;
    int err = 0;
    CHECK_FALSE(read_whole_file(d.path.string(), err));
    CHECK(err == EISDIR);
    CHECK_FALSE(read_whole_file((d.path / "missing").string(), err));
    CHECK(err == ENOENT);
}

TEST_CASE("UniqueFd closes what it owns, once") {
    int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(raw >= 0);
    {
        UniqueFd a(raw);
        UniqueFd b(std::move(a));
        CHECK_FALSE(a);
        CHECK(b.get() == raw);
    }
    errno = 0;
    CHECK(::fcntl(raw, F_GETFD) == -1);
    CHECK(errno == EBADF);
}

TEST_CASE("Mapping maps a file and refuses an empty one") {
    TempDir d;
    const std::string p = (d.path / "m").string();
    REQUIRE(write_file_atomic(p, {"mapped bytes"}) == 0);
    UniqueFd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
    Mapping m = Mapping::map(fd.get(), 12);
    REQUIRE(m);
    CHECK(std::string(reinterpret_cast<const char*>(m.data()), m.size()) == "mapped bytes");
    CHECK_FALSE(Mapping::map(fd.get(), 0));
}
