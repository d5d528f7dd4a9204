# Release packaging (scripts/package, docs/install.md): install rules for what the packages
# carry, the Debian package (CPack), and the portable static build (NHISCAN_PORTABLE).
# The version is CMake's PROJECT_VERSION: the .deb, the tarball name, `nhiscan --version`
# and the container image tag all come from it.
option(NHISCAN_PORTABLE "Link every dependency with a static archive into nhiscan (the portable tarball)" OFF)
# A released binary never honours the live-validation test hooks (docs/validation.md): the
# portable build refuses them, and CPack refuses to package a build that has them.
if(NHISCAN_PORTABLE AND NHISCAN_LIVE_TEST_HOOKS)
  message(FATAL_ERROR "NHISCAN_PORTABLE needs -DNHISCAN_LIVE_TEST_HOOKS=OFF (a release binary has no test hooks)")
endif()
if(NHISCAN_PORTABLE)
  include(${CMAKE_CURRENT_LIST_DIR}/Portable.cmake)
endif()

include(GNUInstallDirs)
# The binary, the git hooks and the docs are installed by src/CMakeLists.txt.
# The man page, gzipped as Debian's policy wants (man reads it either way).
set(NHISCAN_MAN ${PROJECT_BINARY_DIR}/nhiscan.1.gz)
add_custom_command(OUTPUT ${NHISCAN_MAN}
  COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/packaging/nhiscan.1 > ${NHISCAN_MAN}
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/nhiscan.1 VERBATIM)
add_custom_target(nhiscan_man ALL DEPENDS ${NHISCAN_MAN})
install(FILES ${NHISCAN_MAN} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# scripts/package reads the version from here rather than parsing CMakeLists.txt.
file(WRITE ${PROJECT_BINARY_DIR}/nhiscan-version "${PROJECT_VERSION}\n")

# --- The Debian package: nhiscan_<version>_amd64.deb ---------------------------------------
set(CPACK_PACKAGE_NAME nhiscan)
set(CPACK_PACKAGE_VENDOR nhiscan)
set(CPACK_PACKAGE_CONTACT "nhiscan maintainers <maintainers@nhiscan.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "finds leaked credentials of non-human identities in files and git history")
set(CPACK_PACKAGE_DESCRIPTION
    "nhiscan scans files, directories, staged changes and git history for API keys, tokens,\nprivate keys and other machine credentials, with 1,100+ rules compiled into one Hyperscan\ndatabase. It ships git hooks under /usr/share/nhiscan/hooks.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # nhiscan_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/nhiscan/nhiscan")
# Depends: from dpkg-shlibdeps on the binary, i.e. the Debian runtime packages of the
# libraries it links (libhyperscan5, libgit2-1.5, libre2-9, ...), with their minimum versions.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ... and, named here because dpkg-shlibdeps cannot see them, the two libraries loaded with
# dlopen when first needed (src/validate/curl_api.hpp, src/pipeline/archive_api.hpp): the
# versions of Debian 12, whose headers the build uses. CPack appends the computed ones.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.88.1), libarchive13 (>= 3.6.2)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS git)
if(NHISCAN_LIVE_TEST_HOOKS)
  set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/RefuseTestHooks.cmake)
endif()
include(CPack)
