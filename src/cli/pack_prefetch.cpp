#include "cli/pack_prefetch.hpp"

#include "rules/pack.hpp"

namespace nhiscan::cli {
namespace {

PackPrefetch* g_current = nullptr;  // set only on the main thread

BuiltinPack parse_builtin() {
    BuiltinPack b{builtin_pack(), {}};
    validate_structure(b.pack);
    b.hash = b.pack.content_hash();
    return b;
}

}  // namespace

PackPrefetch::PackPrefetch() : parsed_(std::async(std::launch::async, parse_builtin)) { g_current = this; }

PackPrefetch::~PackPrefetch() {
    if (parsed_.valid()) parsed_.wait();
    g_current = nullptr;
}

BuiltinPack take_builtin_pack() {
    if (g_current && g_current->parsed_.valid()) return g_current->parsed_.get();
    return parse_builtin();
}

}  // namespace nhiscan::cli
