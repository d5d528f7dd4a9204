#pragma once
// A shared library opened with dlopen for the rest of the process (never closed: the libraries
// loaded this way keep global state), and typed lookups of its functions. Used for the
// libraries only some commands need (libcurl for --validate, libarchive for archives), so
// that every other run does not pay for mapping and relocating them at start.
#include <string>

namespace nhiscan {

class DlLibrary {
public:
    // Throws Error "<purpose> needs <soname>: <dlerror>" when it cannot be loaded.
    DlLibrary(const char* soname, std::string purpose);

    // Sets `fn` to the function `name`; throws Error when the library lacks it.
    template <class F>
    void bind(F& fn, const char* name) const {
        fn = reinterpret_cast<F>(symbol(name));
    }

private:
    void* symbol(const char* name) const;
    void* handle_;
    const char* soname_;
    std::string purpose_;
};

}  // namespace nhiscan
