#include "cli/pack_prefetch.hpp"

#include "compile/builtin_db.hpp"
#include "rules/pack_blob.hpp"

namespace nhiscan::cli {
namespace {

PackPrefetch* g_current = nullptr;  // set only on the main thread

// The pack as the build parsed, validated and hashed it (builtin_db_gen): reading it back is a
// few copies, where parsing the embedded TOML was most of a run's start-up.
BuiltinPack parse_builtin() {
    return BuiltinPack{deserialize_pack(builtin_pack_blob()), std::string(builtin_databases().pack_hash)};
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
