#pragma once
// libarchive's functions, loaded with dlopen when the first archive is opened instead of
// linked: linked, libarchive and what it needs (libxml2, ICU, ...) are mapped and relocated at
// every start, which a pre-commit hook pays on every commit although most scans meet no
// archive (docs/benchmarks.md, "The lazy-loading round").
#include <archive.h>
#include <archive_entry.h>

namespace nhiscan {

struct ArchiveApi {
    // decltype of libarchive's own declarations, so a signature can never drift from the header.
    decltype(&::archive_read_new) read_new;
    decltype(&::archive_read_free) read_free;
    decltype(&::archive_error_string) error_string;
    decltype(&::archive_read_support_filter_gzip) support_filter_gzip;
    decltype(&::archive_read_support_filter_bzip2) support_filter_bzip2;
    decltype(&::archive_read_support_filter_xz) support_filter_xz;
    decltype(&::archive_read_support_format_zip) support_format_zip;
    decltype(&::archive_read_support_format_tar) support_format_tar;
    decltype(&::archive_read_support_format_raw) support_format_raw;
    decltype(&::archive_read_open_filename) open_filename;
    decltype(&::archive_read_open_memory) open_memory;
    decltype(&::archive_read_next_header) next_header;
    decltype(&::archive_read_data) read_data;
    decltype(&::archive_format) format;
    decltype(&::archive_filter_count) filter_count;
    decltype(&::archive_entry_filetype) entry_filetype;
    decltype(&::archive_entry_pathname) entry_pathname;
    decltype(&::archive_entry_size_is_set) entry_size_is_set;
    decltype(&::archive_entry_size) entry_size;
};

// libarchive, loaded once (thread-safe). Throws Error naming the library when libarchive.so.13
// or one of its functions is missing: the archive is then a scan error (exit 2), never skipped.
const ArchiveApi& archive_api();

}  // namespace nhiscan
