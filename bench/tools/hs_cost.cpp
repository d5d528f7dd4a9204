// Per-rule Hyperscan cost: which patterns bound the cold compile and the scan rate.
//
//   hs_cost RULES.tsv CORPUS.bin [top_n]
// RULES.tsv: "id<TAB>pattern" per line (bench/rule_cost.py writes it from rules/*.toml).
// CORPUS.bin: bytes to scan (a sample of a benchmark tree, concatenated).
// Each pattern is compiled alone (block mode, flags 0, as nhiscan does) and scanned over the
// corpus; then the whole set, and the whole set minus the top-N costliest patterns.
// Times are thread CPU seconds (CLOCK_THREAD_CPUTIME_ID), robust against other load.
#include <hs/hs.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Thread CPU time, not wall time: the figures stay meaningful on a loaded machine.
double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct Rule {
    std::string id, pattern;
    double compile_s = 0, scan_s = 0;
    unsigned long long matches = 0;
    bool ok = false;
};

int on_match(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
    ++*static_cast<unsigned long long*>(ctx);
    return 0;
}

hs_database_t* compile(const std::vector<const Rule*>& rules, double& seconds) {
    std::vector<const char*> ex;
    std::vector<unsigned> fl, ids;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        ex.push_back(rules[i]->pattern.c_str());
        fl.push_back(0);
        ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    double t0 = cpu_now();
    hs_error_t rc = hs_compile_multi(ex.data(), fl.data(), ids.data(), static_cast<unsigned>(ex.size()), HS_MODE_BLOCK,
                                     nullptr, &db, &err);
    seconds = cpu_now() - t0;
    if (rc != HS_SUCCESS) {
        hs_free_compile_error(err);
        return nullptr;
    }
    return db;
}

double scan(hs_database_t* db, const std::string& data, unsigned long long& matches) {
    hs_scratch_t* scratch = nullptr;
    hs_alloc_scratch(db, &scratch);
    // Scan in 64 KiB blocks, like files of a source tree.
    const std::size_t block = 64 << 10;
    double t0 = cpu_now();
    for (std::size_t off = 0; off < data.size(); off += block) {
        std::size_t n = std::min(block, data.size() - off);
        hs_scan(db, data.data() + off, static_cast<unsigned>(n), 0, scratch, on_match, &matches);
    }
    double s = cpu_now() - t0;
    hs_free_scratch(scratch);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: hs_cost RULES.tsv CORPUS.bin [top_n]\n";
        return 2;
    }
    std::size_t top = argc > 3 ? std::stoul(argv[3]) : 15;
    std::vector<Rule> rules;
    {
        std::ifstream in(argv[1]);
        std::string line;
        while (std::getline(in, line)) {
            auto tab = line.find('\t');
            if (tab == std::string::npos) continue;
            rules.push_back({line.substr(0, tab), line.substr(tab + 1)});
        }
    }
    std::string corpus;
    {
        std::ifstream in(argv[2], std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        corpus = ss.str();
    }
    const double mb = corpus.size() / 1e6;

    std::vector<const Rule*> all;
    for (auto& r : rules) {
        double cs = 0;
        hs_database_t* db = compile({&r}, cs);
        r.compile_s = cs;
        if (!db) continue;
        r.ok = true;
        r.scan_s = scan(db, corpus, r.matches);
        hs_free_database(db);
        all.push_back(&r);
    }
    double sum_compile = 0, sum_scan = 0;
    for (auto* r : all) sum_compile += r->compile_s, sum_scan += r->scan_s;

    auto print = [&](const char* title, auto key) {
        std::vector<const Rule*> v = all;
        std::sort(v.begin(), v.end(), [&](const Rule* a, const Rule* b) { return key(a) > key(b); });
        std::printf("\n%s\n", title);
        std::printf("| rule | compile alone CPU s | scan alone MB/CPU-s | matches per MB |\n|---|--:|--:|--:|\n");
        for (std::size_t i = 0; i < std::min(top, v.size()); ++i)
            std::printf("| %s | %.3f | %.0f | %.1f |\n", v[i]->id.c_str(), v[i]->compile_s, mb / v[i]->scan_s,
                        v[i]->matches / mb);
        return v;
    };
    std::printf("%zu patterns compiled alone (flags 0, block mode); corpus %.1f MB scanned in 64 KiB blocks\n",
                all.size(), mb);
    std::printf("sum of single-pattern compile times %.2f s; sum of single-pattern scan times %.2f s\n", sum_compile,
                sum_scan);
    auto by_compile = print("Costliest to compile", [](const Rule* r) { return r->compile_s; });
    auto by_scan = print("Costliest to scan", [](const Rule* r) { return r->scan_s; });

    double cs = 0;
    unsigned long long m = 0;
    hs_database_t* db = compile(all, cs);
    if (db) {
        size_t sz = 0;
        hs_database_size(db, &sz);
        double ss = scan(db, corpus, m);
        std::printf("\nwhole set (%zu patterns): compile %.2f CPU s, database %.1f MB, scan %.0f MB/CPU-s, %.1f matches per MB\n",
                    all.size(), cs, sz / 1e6, mb / ss, m / mb);
        hs_free_database(db);
    }
    for (auto* which : {&by_compile, &by_scan}) {
        std::vector<const Rule*> rest(which->begin() + std::min(top, which->size()), which->end());
        m = 0;
        db = compile(rest, cs);
        if (!db) continue;
        double ss = scan(db, corpus, m);
        std::printf("without the %zu costliest to %s: compile %.2f CPU s, scan %.0f MB/CPU-s\n", top,
                    which == &by_compile ? "compile" : "scan", cs, mb / ss);
        hs_free_database(db);
    }
    return 0;
}
