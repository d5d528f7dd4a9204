#pragma once
// The built-in pack's Hyperscan databases, compiled at build time by builtin_db_gen and linked
// into the binary (the generated builtin_db.cpp), so a fresh machine with no cache scans at
// once. Only the nhiscan executable links them (library nhiscan_builtin_db).
#include "compile/compiled_rules.hpp"

namespace nhiscan {

const BuiltinDatabases& builtin_databases();

}  // namespace nhiscan
