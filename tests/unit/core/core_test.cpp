#include <atomic>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "core/bytes.hpp"
#include "core/diag.hpp"
#include "core/glob.hpp"
#include "core/hash.hpp"
#include "core/parallel.hpp"
#include "core/utf16.hpp"

using namespace nhiscan;

TEST_CASE("glob: basename patterns match at any depth") {
    CHECK(glob_match("*.pem", "a/b/key.pem"));
    CHECK(glob_match("*.pem", "key.pem"));
    CHECK_FALSE(glob_match("*.pem", "a/key.pem.txt"));
    CHECK(glob_match("config.?ml", "x/config.yml"));
}

TEST_CASE("glob: '*' stays in a segment, '**' spans segments") {
    CHECK(glob_match("tests/*.py", "tests/a.py"));
    CHECK_FALSE(glob_match("tests/*.py", "tests/sub/a.py"));
    CHECK(glob_match("tests/**/*.py", "tests/sub/deep/a.py"));
    CHECK(glob_match("tests/**/*.py", "tests/a.py"));
    CHECK(glob_match("**/testdata/**", "a/b/testdata/x/y.json"));
    CHECK(glob_match("**/testdata/**", "testdata/y.json"));
    CHECK_FALSE(glob_match("**/testdata/**", "a/testdatum/y.json"));
    CHECK(glob_match("/vendor/**", "vendor/x.go"));
    CHECK(glob_match("src/[a-c]*.cpp", "src/b.cpp"));
    CHECK_FALSE(glob_match("src/[!a-c]*.cpp", "src/b.cpp"));
    CHECK_FALSE(glob_match("", "x"));
}

TEST_CASE("entropy and binary detection") {
    CHECK(shannon_entropy("") == 0.0);
    CHECK(shannon_entropy("aaaa") == 0.0);
    CHECK(shannon_entropy("ab") == Approx(1.0));
    CHECK(shannon_entropy("0123456789abcdef") == Approx(4.0));
    CHECK_FALSE(looks_binary("plain text\n"));
    CHECK(looks_binary(std::string_view("a\0b", 3)));
    std::string late(9000, 'a');
    late[8500] = '\0';
    CHECK_FALSE(looks_binary(late));  // only the first 8000 bytes decide, as in git
}

TEST_CASE("UTF-16 text: detected by its byte-order mark or its NULs, read one byte per code unit") {
    using namespace std::string_literals;
    const std::string le = "\xFF\xFE"s + "k\0=\0v\0\n\0"s, be = "\xFE\xFF"s + "\0k\0=\0v\0\n"s;
    CHECK(looks_utf16(le));
    CHECK(looks_utf16(be));
    CHECK(utf16_to_text(le) == "k=v\n");  // the byte-order mark dropped
    CHECK(utf16_to_text(be) == "k=v\n");
    std::string bare;  // no mark: ASCII with a NUL after every character (little-endian)
    for (char c : "token = value, and more text\n"s) bare += std::string{c, '\0'};
    CHECK(looks_utf16(bare));
    CHECK(utf16_to_text(bare) == "token = value, and more text\n");
    // U+043A and a NUL read as 0x1A; the odd byte at the end is dropped
    auto units = [](const std::string& ascii) {
        std::string le;
        for (char c : ascii) le += std::string{c, '\0'};
        return le;
    };
    CHECK(utf16_to_text("\xFF\xFE"s + units("ab") + "\x3A\x04"s + units("cdefghij") + "\0\0"s + units("klm") + "c"s) ==
          "ab\x1A"
          "cdefghij\x1A"
          "klm");
    CHECK_FALSE(looks_utf16("\xFF\xFE"s + units("ab") + "\0\0\0\0"s));  // a mark before zero units: binary
    CHECK_FALSE(looks_utf16("SQLite format 3\0"s + std::string(400, '\0') + "\x01"s));  // NULs, not text
    CHECK_FALSE(looks_utf16("plain text that is long enough\n"));
    CHECK_FALSE(looks_utf16("\0\x01ghp_not_utf16_at_all_just_binary_data"s));
    CHECK_FALSE(looks_utf16("k\0"s));  // too short to tell
    CHECK(utf16_to_text("plain").empty());
}

TEST_CASE("count_byte counts every occurrence, across 16-byte blocks and the 255-block flush") {
    CHECK(count_byte("", '\n') == 0);
    CHECK(count_byte("a\nb\n", '\n') == 2);
    for (std::size_t n : {15u, 16u, 17u, 4079u, 4080u, 4081u, 100000u}) {
        std::string s(n, 'x');
        std::size_t want = 0;
        for (std::size_t i = 0; i < n; i += 7) s[i] = '\n', ++want;
        INFO("size " << n);
        CHECK(count_byte(s, '\n') == want);
        CHECK(count_byte(s, 'x') == n - want);
    }
    std::string all(70000, '\xff');  // every byte a hit: the per-lane counters must not wrap
    CHECK(count_byte(all, '\xff') == all.size());
}

TEST_CASE("hashes") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // `printf 'hello\n' | git hash-object --stdin`
    CHECK(git_blob_id("hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a");
    CHECK(crc32_of("123456789") == 0xCBF43926ul);
}

TEST_CASE("printable escapes control bytes and invalid UTF-8") {
    CHECK(diag::printable("a\nb") == "a\\x0ab");
    CHECK(diag::printable("caf\xc3\xa9") == "caf\xc3\xa9");
    CHECK(diag::printable("bad\xff") == "bad\\xff");
}

TEST_CASE("parallel_for visits every index once and rethrows") {
    std::vector<std::atomic<int>> seen(1000);
    parallel_for(4, seen.size(), [&](unsigned, std::size_t i) { ++seen[i]; });
    for (auto& s : seen) CHECK(s == 1);
    CHECK_THROWS_AS(parallel_for(2, 10, [](unsigned, std::size_t i) {
                        if (i == 5) throw std::runtime_error("x");
                    }),
                    std::runtime_error);
}
