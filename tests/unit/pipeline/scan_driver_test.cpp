// The scan driver behind the source seam: items from any source, on any worker, come out
// per key in key order, with typed provenance, counted once; archive members are items too.
#include "pipeline/scan_driver.hpp"

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "pipeline/dir_scan.hpp"
#include "rules/loader.hpp"
#include "sources/git/handle.hpp"

using namespace nhiscan;

namespace {

std::shared_ptr<const CompiledRules> demo_rules() {
    return CompiledRules::build(parse_rule_file("[[rules]]\nid = 'demo'\npattern = '''(demo_[a-z0-9]{20,200})'''\n",
                                                "t.toml"),
                                CacheOptions{false, {}});
}

std::string gzip(const std::string& text) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(text.size() + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// Yields a fixed list of in-memory items, from the last to the first, on two workers.
class ListSource : public Source {
public:
    std::vector<std::pair<std::string, std::string>> items;  // path, content
    SourceKind kind = SourceKind::File;
    void scan(Sink& sink, unsigned threads) override {
        REQUIRE(threads == 2);
        for (std::size_t i = items.size(); i-- > 0;) {
            Item item{items[i].first, kind};
            item.key = i;
            sink.bytes(static_cast<unsigned>(i % 2), item, items[i].second);
        }
        sink.stats(0).skipped_large += 1;  // what only the source knows
    }
};

}  // namespace

TEST_CASE("driver: findings per key in key order, typed provenance, stats added up once") {
    auto rules = demo_rules();
    const std::string t1 = "demo_" + std::string(24, 'a'), t2 = "demo_" + std::string(24, 'b');
    ListSource src;
    src.items = {{"a.txt", "x = " + t1 + "\n"}, {"b.bin", std::string("\0\0", 2) + t2}, {"c.txt", "\n" + t2 + " " + t1 + "\n"}};
    DriverOptions opts;
    opts.threads = 2;
    ScanDriver driver(*rules, opts);
    driver.run(src);
    KeyedFindings keyed = driver.take_keyed();
    REQUIRE(keyed.size() == 2);
    CHECK(keyed[0].first == 0);
    CHECK(keyed[1].first == 2);
    REQUIRE(keyed[0].second.size() == 1);
    const Finding& f = keyed[0].second[0];
    CHECK(f.path == "a.txt");
    CHECK((f.line == 1 && f.column == 5));
    CHECK(f.source == Provenance{SourceKind::File, ""});
    CHECK(f.source.name() == "file");
    CHECK(keyed[1].second.size() == 2);
    ScanStats s = driver.total_stats();
    CHECK(s.items == 2);
    CHECK(s.skipped_binary == 1);
    CHECK(s.skipped_large == 1);
    CHECK(s.bytes == src.items[0].second.size() + src.items[2].second.size());
}

TEST_CASE("driver: a compressed item is scanned as its decompressed text; a history member keeps its kind") {
    auto rules = demo_rules();
    const std::string token = "demo_" + std::string(30, 'z');
    ListSource src;
    src.kind = SourceKind::Git;
    src.items = {{"", "plain\n"}, {"", gzip("one\ntwo " + token + "\n")}};
    DriverOptions opts;
    opts.threads = 2;
    ScanDriver driver(*rules, opts);
    driver.run(src);
    auto found = driver.take_findings();
    REQUIRE(found.size() == 1);
    CHECK((found[0].line == 2 && found[0].column == 5));
    CHECK(found[0].source.kind == SourceKind::Git);
    CHECK(found[0].source.history());
    CHECK(found[0].source.member.empty());  // a lone gzip stream is the file itself
    CHECK(placed_path("logs/app.log.gz", found[0].source) == "logs/app.log.gz");
    CHECK(placed_path("dist/a.zip", Provenance{SourceKind::Git, "config/app.env"}) == "dist/a.zip!config/app.env");

    DriverOptions off = opts;
    off.archives.enabled = false;  // --no-archives: the gzip is binary again
    ScanDriver plain(*rules, off);
    plain.run(src);
    CHECK(plain.take_findings().empty());
    CHECK(plain.total_stats().skipped_binary == 1);
}

TEST_CASE("dir: the walk feeds the workers as it goes; every thread count gives the same output") {
    // With more than one thread the walk runs beside the workers (pipeline/dir_scan.cpp). Same
    // findings, in the same order, and the same counts as the serial walk-then-scan of -j1.
    namespace fs = std::filesystem;
    static GitLibrary lib;  // the walk asks libgit2 whether the tree is a work tree
    fs::path root = fs::temp_directory_path() / ("nhiscan-walk-" + std::to_string(::getpid()));
    fs::remove_all(root);
    for (int d = 0; d < 6; ++d) {
        fs::create_directories(root / ("d" + std::to_string(d)) / "sub");
        for (int f = 0; f < 25; ++f) {
            std::ofstream out(root / ("d" + std::to_string(d)) / (f % 2 ? "sub" : "") /
                              ("f" + std::to_string(f) + ".txt"));
            out << "line one\n";
            if (f % 3 == 0) out << "k = demo_" << std::string(20, static_cast<char>('a' + d)) << f << "\n";
        }
    }
    std::ofstream(root / "big.txt") << std::string(4096, 'x');
    auto rules = demo_rules();
    auto run = [&](unsigned threads) {
        DirScanOptions o;
        o.paths = {root.string()};
        o.threads = threads;
        o.max_file_size = 1024;  // big.txt is skipped, and counted
        return scan_dir(*rules, o);
    };
    ScanOutput one = run(1);
    REQUIRE(one.findings.size() == 6 * 9);
    CHECK(one.stats.items == 6 * 25);
    CHECK(one.stats.skipped_large == 1);
    for (unsigned threads : {2u, 3u, 8u}) {
        ScanOutput many = run(threads);
        INFO("threads " << threads);
        REQUIRE(many.findings.size() == one.findings.size());
        for (std::size_t i = 0; i < one.findings.size(); ++i) {
            CHECK(many.findings[i].path == one.findings[i].path);
            CHECK(many.findings[i].line == one.findings[i].line);
            CHECK(many.findings[i].secret == one.findings[i].secret);
        }
        CHECK(many.stats.items == one.stats.items);
        CHECK(many.stats.skipped_large == 1);
        CHECK(many.stats.bytes == one.stats.bytes);
    }
    fs::remove_all(root);
}
