#include "core/dl_library.hpp"

#include <dlfcn.h>

#include <fmt/core.h>

#include "core/error.hpp"

namespace nhiscan {

DlLibrary::DlLibrary(const char* soname, std::string purpose)
    : handle_(::dlopen(soname, RTLD_NOW | RTLD_LOCAL)), soname_(soname), purpose_(std::move(purpose)) {
    if (!handle_) {
        const char* why = ::dlerror();
        throw Error(fmt::format("{} needs {}: {}", purpose_, soname_, why ? why : "it cannot be loaded"));
    }
}

void* DlLibrary::symbol(const char* name) const {
    void* sym = ::dlsym(handle_, name);
    if (!sym) throw Error(fmt::format("{} needs {} with {}(), which this copy lacks", purpose_, soname_, name));
    return sym;
}

}  // namespace nhiscan
