#pragma once
// The built-in pack's Hyperscan databases, compiled at build time by builtin_db_gen and linked
// into the binary (the generated builtin_db.cpp), so a fresh machine with no cache scans at
// once. Only the nhiscan executable links them (library nhiscan_builtin_db).
#include "compile/compiled_rules.hpp"

namespace nhiscan {

const BuiltinDatabases& builtin_databases();
// The pack those databases were compiled from, parsed and validated at build time
// (rules/pack_blob.hpp): deserialize_pack() gives it back without parsing the TOML.
std::string_view builtin_pack_blob();

}  // namespace nhiscan
