#pragma once
// A scratch git repository for unit tests, driven through the git CLI (tests may shell out;
// the product may not). Created under /tmp, removed with the object.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace nhiscan::testing {

class TempRepo {
public:
    // `env` is prepended to every command, e.g. fixed author and committer dates.
    explicit TempRepo(const std::string& tag, std::string env = {}) : env_(std::move(env)) {
        std::string tmpl = "/tmp/nhiscan-" + tag + "-XXXXXX";
        dir = ::mkdtemp(tmpl.data());
        sh("git init -q -b main . && git config user.name T && git config user.email t@example.com "
           "&& git config commit.gpgsign false");
    }
    ~TempRepo() { std::filesystem::remove_all(dir); }
    TempRepo(const TempRepo&) = delete;
    TempRepo& operator=(const TempRepo&) = delete;

    // Runs `cmd` in the repository (user and system git config ignored); fails the test when
    // it exits non-zero. Returns its standard output.
    std::string sh(const std::string& cmd) const {
        std::string full = "cd '" + dir.string() + "' && GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null " + env_ + cmd;
        FILE* p = ::popen(full.c_str(), "r");
        REQUIRE(p != nullptr);
        std::string out;
        std::array<char, 4096> buf{};
        for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) out.append(buf.data(), n);
        REQUIRE(::pclose(p) == 0);
        return out;
    }
    void write(const std::string& name, const std::string& content) const {
        std::filesystem::create_directories((dir / name).parent_path());
        std::ofstream(dir / name, std::ios::binary) << content;
    }

    std::filesystem::path dir;

private:
    std::string env_;
};

}  // namespace nhiscan::testing
