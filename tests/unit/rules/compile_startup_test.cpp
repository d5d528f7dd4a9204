// The warm start-up path of the compile module: regexes compiled on first use, and the
// on-disk database cache (CRC-32 checked, read without copies).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "compile/compiled_rules.hpp"
#include "compile/db_cache.hpp"
#include "compile/lazy_regex.hpp"
#include "core/error.hpp"
#include "rules/loader.hpp"

using namespace nhiscan;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE("lazy regex: compiled on first use, once, from any thread") {
    LazyRegex re("(a+)b", "test regex");
    CHECK_FALSE(re.compiled());
    CHECK(RE2::PartialMatch("xaab", *re));
    CHECK(re.compiled());
    const RE2* first = &re.get();
    CHECK(re->NumberOfCapturingGroups() == 1);
    CHECK(&*re == first);

    LazyRegex shared("[0-9]{3}", "shared");
    std::vector<const RE2*> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = &shared.get(); });
    for (auto& t : threads) t.join();
    for (const RE2* p : seen) CHECK(p == seen[0]);

    std::vector<LazyRegex> moved;  // vectors of them grow (the once_flag stays put)
    for (int i = 0; i < 20; ++i) {
        std::string pattern = "x";
        pattern += std::to_string(i);
        moved.emplace_back(pattern, "v");
    }
    CHECK(RE2::FullMatch("x19", *moved.back()));
}

TEST_CASE("lazy regex: an invalid pattern fails on first use, naming its context") {
    LazyRegex bad("(unclosed", "rules/x.toml:3: filter 'f'");
    try {
        bad.get();
        FAIL("no error");
    } catch (const Error& e) {
        CHECK_THAT(e.what(), Contains("rules/x.toml:3: filter 'f'"));
    }
}

TEST_CASE("compiled rules: filter and allowlist regexes wait until a match needs them") {
    auto pack = parse_rule_file(R"([[rules]]
id = "demo-token"
pattern = '''\b(demo_[a-z0-9]{8})\b'''
filters = ["f"]
allowlist = { regexes = ['''^demo_0+$'''] }

[[filters]]
id = "f"
secret_regexes = ['''^demo_x+$''']
match_regexes = ['''example''']
)", "t.toml");
    auto rules = CompiledRules::build(std::move(pack), CacheOptions{false, {}, {}});
    const CompiledRule& r = rules->rule(0);
    REQUIRE(r.filters.size() == 1);
    CHECK_FALSE(r.filters[0]->secret_regexes[0].compiled());
    CHECK_FALSE(r.filters[0]->match_regexes[0].compiled());
    CHECK_FALSE(r.allowlist.regexes[0].compiled());
    CHECK(RE2::PartialMatch("demo_xxxxxxxx", *r.filters[0]->secret_regexes[0]));
    CHECK(r.filters[0]->secret_regexes[0].compiled());
}

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/nhiscan-cache-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void put(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("database cache: round trip; truncation, damage and foreign files are refused") {
    TempDir dir;
    DbCache cache(dir.path.string());
    std::string payload(100000, '\0');
    for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7 + i / 256);
    REQUIRE(cache.store("k", payload));
    auto entry = cache.load("k");
    REQUIRE(entry.has_value());
    CHECK(entry->payload() == payload);
    CHECK_FALSE(cache.load("missing").has_value());

    const fs::path file = cache.path_for("k");
    const std::string good = bytes_of(file);
    CHECK(good.size() == payload.size() + 24);
    put(file, good.substr(0, good.size() - 1));
    CHECK_FALSE(cache.load("k").has_value());  // truncated
    for (std::size_t at : {std::size_t{30}, good.size() / 2, good.size() - 1}) {
        std::string damaged = good;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
        put(file, damaged);
        CHECK_FALSE(cache.load("k").has_value());  // corrupt: one flipped bit
    }
    std::string older = good;
    older.replace(0, 8, "NHSDB01\n");
    put(file, older);
    CHECK_FALSE(cache.load("k").has_value());  // an older format
    put(file, "");
    CHECK_FALSE(cache.load("k").has_value());
    put(file, good);
    REQUIRE(cache.load("k").has_value());
    CHECK(cache.load("k")->payload() == payload);
}
