#include "pipeline/archive_api.hpp"

#include "core/dl_library.hpp"

namespace nhiscan {
namespace {

ArchiveApi load() {
    // Debian 12's libarchive13, whose ABI the headers we compile against describe.
    DlLibrary lib("libarchive.so.13", "scanning inside archives");
    ArchiveApi a{};
    lib.bind(a.read_new, "archive_read_new");
    lib.bind(a.read_free, "archive_read_free");
    lib.bind(a.error_string, "archive_error_string");
    lib.bind(a.support_filter_gzip, "archive_read_support_filter_gzip");
    lib.bind(a.support_filter_bzip2, "archive_read_support_filter_bzip2");
    lib.bind(a.support_filter_xz, "archive_read_support_filter_xz");
    lib.bind(a.support_format_zip, "archive_read_support_format_zip");
    lib.bind(a.support_format_tar, "archive_read_support_format_tar");
    lib.bind(a.support_format_raw, "archive_read_support_format_raw");
    lib.bind(a.open_filename, "archive_read_open_filename");
    lib.bind(a.open_memory, "archive_read_open_memory");
    lib.bind(a.next_header, "archive_read_next_header");
    lib.bind(a.read_data, "archive_read_data");
    lib.bind(a.format, "archive_format");
    lib.bind(a.filter_count, "archive_filter_count");
    lib.bind(a.entry_filetype, "archive_entry_filetype");
    lib.bind(a.entry_pathname, "archive_entry_pathname");
    lib.bind(a.entry_size_is_set, "archive_entry_size_is_set");
    lib.bind(a.entry_size, "archive_entry_size");
    return a;
}

}  // namespace

const ArchiveApi& archive_api() {
    static const ArchiveApi api = load();  // a throw leaves it unset: the next call retries
    return api;
}

}  // namespace nhiscan
