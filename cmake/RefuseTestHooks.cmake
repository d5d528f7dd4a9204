# CPACK_PRE_BUILD_SCRIPTS of a build with NHISCAN_LIVE_TEST_HOOKS=ON (cmake/Packaging.cmake):
# such a binary honours NHISCAN_TEST_CONNECT_TO / NHISCAN_TEST_CA, so it is never packaged.
message(FATAL_ERROR "this build has the live-validation test hooks: package a build configured with "
                    "-DNHISCAN_TESTS=OFF -DNHISCAN_LIVE_TEST_HOOKS=OFF (scripts/package does)")
