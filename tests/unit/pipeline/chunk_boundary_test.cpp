// Hardening regressions for chunked file scans (pipeline/blob_scan): a token cut by a chunk
// end is reported once, whole, with the right line and column, whatever the chunk size.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "pipeline/blob_scan.hpp"
#include "rules/loader.hpp"

using namespace nhiscan;

namespace {

std::string temp_file(const std::string& content) {
    auto p = std::filesystem::temp_directory_path() / ("nhiscan-chunk-" + std::to_string(::getpid()) + ".txt");
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
}

// A variable-length token with no trailing assertion: any prefix of 20+ characters matches,
// so a chunk end inside it used to yield a truncated second finding.
std::shared_ptr<const CompiledRules> demo_rules() {
    return CompiledRules::build(parse_rule_file("[[rules]]\nid = 'demo'\npattern = '''(demo_[a-z0-9]{20,200})'''\n",
                                                "t.toml"),
                                CacheOptions{false, {}});
}

}  // namespace

TEST_CASE("a token straddling every possible chunk boundary is found once, whole") {
    auto rules = demo_rules();
    Scanner scanner(*rules);
    const std::string token = "demo_" + std::string(100, 'k') + "0123456789";
    // chunk 256, overlap 128, tail 32: shift the token across the first boundary byte by byte.
    for (std::size_t pad = 100; pad < 300; ++pad) {
        std::string text = "line one\n" + std::string(pad, ' ') + token + "\nend\n";
        std::string path = temp_file(text);
        std::vector<Finding> out;
        std::uint64_t bytes = 0;
        REQUIRE(scan_file(scanner, *rules, path, BlobContext{"t.txt", SourceKind::File}, out, bytes, 256, 128, 32));
        std::remove(path.c_str());
        INFO("pad " << pad);
        REQUIRE(out.size() == 1);
        CHECK(out[0].secret == token);
        CHECK(out[0].line == 2);
        CHECK(out[0].column == pad + 1);
        CHECK(out[0].end_column == pad + token.size());
        CHECK(bytes == text.size());
    }
}

TEST_CASE("chunked and whole-buffer scans agree on many tokens and long lines") {
    auto rules = demo_rules();
    Scanner scanner(*rules);
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text += std::string(static_cast<std::size_t>(i * 7 % 61), 'x') + " demo_" + std::string(20 + i % 50, 'a' + i % 26);
        text += (i % 3 == 0) ? "\r\n" : (i % 3 == 1 ? " " : "\n");
    }
    std::vector<Finding> whole;
    REQUIRE(scan_blob(scanner, *rules, text, BlobContext{"t.txt", SourceKind::File}, whole));
    std::string path = temp_file(text);
    for (std::size_t chunk : {512u, 1000u, 4096u}) {
        std::vector<Finding> out;
        std::uint64_t bytes = 0;
        REQUIRE(scan_file(scanner, *rules, path, BlobContext{"t.txt", SourceKind::File}, out, bytes, chunk, 256, 64));
        sort_findings(out);
        INFO("chunk " << chunk);
        REQUIRE(out.size() == whole.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            CHECK(out[i].secret == whole[i].secret);
            CHECK(out[i].line == whole[i].line);
            CHECK(out[i].column == whole[i].column);
            CHECK(out[i].end_line == whole[i].end_line);
            CHECK(out[i].end_column == whole[i].end_column);
        }
    }
    std::remove(path.c_str());
}

TEST_CASE("the read buffer kept across files never shows a previous file's bytes") {
    // Files share one per-thread buffer (sources/file_reader): a large file, then a small one
    // and an empty one. Each chunk is exactly the file's bytes, and `more` is set only when a
    // chunk may follow.
    std::string big(300000, 'a');
    big += "\nend";
    std::string path = temp_file(big);
    std::string got;
    std::vector<bool> more;
    read_file_chunks(path, 100000, 1000, [&](std::string_view d, std::uint64_t off, bool m) {
        got.resize(off);
        got += d;
        more.push_back(m);
    });
    CHECK(got == big);
    CHECK(more == std::vector<bool>{true, true, true, false});
    std::ofstream(path, std::ios::binary | std::ios::trunc) << "small";
    std::vector<std::string> chunks;
    read_file_chunks(path, 100000, 1000, [&](std::string_view d, std::uint64_t, bool m) {
        chunks.emplace_back(d);
        CHECK_FALSE(m);
    });
    CHECK(chunks == std::vector<std::string>{"small"});
    std::ofstream(path, std::ios::binary | std::ios::trunc);
    chunks.clear();
    read_file_chunks(path, 100000, 1000, [&](std::string_view d, std::uint64_t, bool) { chunks.emplace_back(d); });
    CHECK(chunks.empty());
    std::remove(path.c_str());
}

TEST_CASE("line numbers after a chunk boundary, with the line bases counted only when a chunk follows") {
    auto rules = demo_rules();
    Scanner scanner(*rules);
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "line " + std::to_string(i) + "\n";
    text += "x = demo_" + std::string(30, 'k') + "\n";
    std::string path = temp_file(text);
    std::vector<Finding> out;
    std::uint64_t bytes = 0;
    REQUIRE(scan_file(scanner, *rules, path, BlobContext{"t.txt", SourceKind::File, {}}, out, bytes, 8192, 1024, 256));
    REQUIRE(out.size() == 1);
    CHECK(out[0].line == 3001);
    CHECK(out[0].column == 5);
    CHECK(bytes == text.size());
    std::remove(path.c_str());
}
