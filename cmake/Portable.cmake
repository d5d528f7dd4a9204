# NHISCAN_PORTABLE=ON: the portable Linux binary of scripts/package (docs/install.md). Every
# dependency that ships a static archive is linked in, fmt and toml++ are compiled header-only,
# libstdc++ and libgcc are linked statically; only glibc stays on the system. A library found
# only as a shared object stays dynamic: scripts/package copies it into the tarball's lib/,
# which the binary finds through its $ORIGIN/../lib run path.
#
# Included from cmake/Packaging.cmake, after the top-level find_package() calls: it rewires
# the imported targets they made, so src/ links the same target names either way.

# The C library and the compiler runtime: never bundled, never static (glibc is not meant
# to be linked statically; libstdc++/libgcc are made static by the link flags below).
set(_nhiscan_runtime_libs c m dl rt pthread stdc++ gcc gcc_s)

# Points the imported target at the static archives of its pkg-config --static closure (and
# of the extra pkg-config prefixes after it).
function(nhiscan_link_static target prefix)
  set(names)
  set(dirs)
  foreach(p IN ITEMS ${prefix} ${ARGN})
    list(APPEND names ${${p}_STATIC_LIBRARIES})
    list(APPEND dirs ${${p}_STATIC_LIBRARY_DIRS})
  endforeach()
  set(libs)
  foreach(name IN LISTS names)
    if(name IN_LIST _nhiscan_runtime_libs)
      continue()
    endif()
    find_library(NHISCAN_LIB_${name} NAMES lib${name}.a ${name} HINTS ${dirs})
    if(NOT NHISCAN_LIB_${name})
      message(FATAL_ERROR "NHISCAN_PORTABLE: lib${name} (needed by ${target}) not found")
    endif()
    if(NOT NHISCAN_LIB_${name} MATCHES "\\.a$")
      message(STATUS "NHISCAN_PORTABLE: lib${name} has no static archive; it is bundled in lib/")
    endif()
    list(APPEND libs ${NHISCAN_LIB_${name}})
  endforeach()
  set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES ${libs} Threads::Threads ${CMAKE_DL_LIBS})
endfunction()

# A CMake package's imported library, moved to its static archive.
function(nhiscan_use_archive target archive)
  find_library(NHISCAN_ARCHIVE_${archive} NAMES ${archive})
  if(NOT NHISCAN_ARCHIVE_${archive})
    message(FATAL_ERROR "NHISCAN_PORTABLE: ${archive} not found")
  endif()
  foreach(prop IMPORTED_LOCATION IMPORTED_LOCATION_RELEASE IMPORTED_LOCATION_RELWITHDEBINFO
               IMPORTED_LOCATION_NOCONFIG IMPORTED_LOCATION_DEBUG)
    get_target_property(loc ${target} ${prop})
    if(loc)
      set_property(TARGET ${target} PROPERTY ${prop} ${NHISCAN_ARCHIVE_${archive}})
    endif()
  endforeach()
endfunction()

nhiscan_link_static(PkgConfig::HS HS)
nhiscan_link_static(PkgConfig::RE2 RE2)
nhiscan_link_static(PkgConfig::DEFLATE DEFLATE)
# libgit2's .pc names libssh2 in Libs.private, not Requires.private: add libssh2's own closure
# (libgpg-error, OpenSSL's libssl and libcrypto) by hand.
pkg_check_modules(SSH2 REQUIRED libssh2)
nhiscan_link_static(PkgConfig::GIT2 GIT2 SSH2)
# Debian's libgit2.pc also leaves out GSSAPI (Negotiate auth for HTTP remotes), which
# libgit2.a calls. Kerberos ships no static archive: libgssapi_krb5 stays a shared library,
# and scripts/package bundles it and its own dependencies (libkrb5, libk5crypto, ...) in lib/.
find_library(NHISCAN_LIB_gssapi_krb5 NAMES gssapi_krb5 libgssapi_krb5.so.2 REQUIRED)
set_property(TARGET PkgConfig::GIT2 APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${NHISCAN_LIB_gssapi_krb5})
nhiscan_use_archive(OpenSSL::Crypto libcrypto.a)
set_property(TARGET OpenSSL::Crypto APPEND PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads ${CMAKE_DL_LIBS})
nhiscan_use_archive(ZLIB::ZLIB libz.a)

# Header-only fmt and toml++; --as-needed then drops their unused shared objects.
set_property(TARGET fmt::fmt PROPERTY INTERFACE_COMPILE_DEFINITIONS FMT_HEADER_ONLY=1)
set_property(TARGET tomlplusplus::tomlplusplus PROPERTY INTERFACE_COMPILE_OPTIONS -DTOML_HEADER_ONLY=1)

target_link_options(nhiscan PRIVATE -static-libstdc++ -static-libgcc -Wl,--as-needed
                    # DT_RPATH, not DT_RUNPATH: it also applies to the bundled libraries' own
                    # dependencies, so a bundled library finds its bundled neighbours.
                    -Wl,--disable-new-dtags)
# Exactly $ORIGIN/../lib, in the build tree too (a stray empty entry would mean the cwd).
set_target_properties(nhiscan PROPERTIES INSTALL_RPATH "\$ORIGIN/../lib" BUILD_WITH_INSTALL_RPATH ON)
