#pragma once
// RAII for Hyperscan's C handles.
#include <sys/mman.h>

#include <cstddef>
#include <memory>

#include <hs/hs.h>

namespace nhiscan {

// Frees a database Hyperscan allocated, or unmaps one deserialized into pages of our own
// (`mapped` bytes: see deserialize_database() in compiled_rules.cpp).
struct HsDatabaseDeleter {
    std::size_t mapped = 0;
    void operator()(hs_database_t* db) const {
        if (mapped) ::munmap(db, mapped);
        else hs_free_database(db);
    }
};
struct HsScratchDeleter {
    void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};
struct HsCompileErrorDeleter {
    void operator()(hs_compile_error_t* e) const { hs_free_compile_error(e); }
};

using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;
using HsScratch = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;
using HsCompileError = std::unique_ptr<hs_compile_error_t, HsCompileErrorDeleter>;

}  // namespace nhiscan
