// Hyperscan scan rate of whole pattern sets, to compare ways of splitting or rewriting a pack.
//
//   hs_sets CORPUS.bin SET [SET ...]
// SET: a TSV of "id<TAB>pattern" lines (bench/tools/hs_split.py writes them from
// `nhiscan rules list -f json`), or several joined with `+` to compile them as one database.
// `lower:SET` scans a lowercased copy of the corpus (bench/tools/hs_lowercase.py rewrites a
// set's patterns for it). Each set is compiled into one block-mode database (flags 0, as nhiscan
// does) and scanned in 64 KiB blocks, best of three; times are thread CPU seconds.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <hs/hs.h>

namespace {

double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

std::vector<std::string> load_patterns(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        auto tab = line.find('\t');
        if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
    }
    return out;
}

int count_match(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
    ++*static_cast<unsigned long long*>(ctx);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: hs_sets CORPUS.bin SET [SET ...]\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string corpus = ss.str();
    std::string lowered = corpus;
    for (auto& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);

    for (int a = 2; a < argc; ++a) {
        std::string spec = argv[a];
        const bool lower = spec.rfind("lower:", 0) == 0;
        if (lower) spec = spec.substr(6);
        std::vector<std::string> patterns;
        std::stringstream parts(spec);
        for (std::string file; std::getline(parts, file, '+');) {
            auto p = load_patterns(file);
            patterns.insert(patterns.end(), p.begin(), p.end());
        }
        std::vector<const char*> exprs;
        std::vector<unsigned> flags(patterns.size(), 0), ids;
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            exprs.push_back(patterns[i].c_str());
            ids.push_back(static_cast<unsigned>(i));
        }
        hs_database_t* db = nullptr;
        hs_compile_error_t* err = nullptr;
        if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK,
                             nullptr, &db, &err) != HS_SUCCESS) {
            std::fprintf(stderr, "%s: pattern %d: %s\n", argv[a], err->expression, err->message);
            hs_free_compile_error(err);
            return 2;
        }
        hs_scratch_t* scratch = nullptr;
        hs_alloc_scratch(db, &scratch);
        const std::string& data = lower ? lowered : corpus;
        double best = 1e9;
        unsigned long long matches = 0;
        for (int round = 0; round < 3; ++round) {
            matches = 0;
            const double t0 = cpu_now();
            for (std::size_t off = 0; off < data.size(); off += 65536)
                hs_scan(db, data.data() + off, static_cast<unsigned>(std::min<std::size_t>(65536, data.size() - off)),
                        0, scratch, count_match, &matches);
            best = std::min(best, cpu_now() - t0);
        }
        std::printf("%-40s %5zu patterns %6.0f MB/CPU-s %8llu matches\n", argv[a], patterns.size(),
                    data.size() / 1e6 / best, matches);
        hs_free_scratch(scratch);
        hs_free_database(db);
    }
    return 0;
}
