#pragma once
// libcurl's functions, loaded with dlopen on first use instead of linked. Linked, libcurl and
// the ~25 libraries it needs (GnuTLS, Kerberos, LDAP, SSH, ...) are mapped and relocated at
// every start, about 5 ms (docs/benchmarks.md, "The lazy-loading round"), which a pre-commit
// hook pays on every commit although only --validate ever sends a request.
#include <curl/curl.h>

namespace nhiscan::live {

struct CurlApi {
    // decltype of libcurl's own declarations, so a signature can never drift from the header.
    decltype(&::curl_easy_init) easy_init;
    decltype(&::curl_easy_cleanup) easy_cleanup;
    decltype(&::curl_easy_reset) easy_reset;
    decltype(&::curl_easy_setopt) easy_setopt;
    decltype(&::curl_easy_perform) easy_perform;
    decltype(&::curl_easy_getinfo) easy_getinfo;
    decltype(&::curl_easy_strerror) easy_strerror;
    decltype(&::curl_easy_escape) easy_escape;
    decltype(&::curl_free) free;
    decltype(&::curl_getdate) getdate;
    decltype(&::curl_slist_append) slist_append;
    decltype(&::curl_slist_free_all) slist_free_all;
    decltype(&::curl_url) url;
    decltype(&::curl_url_cleanup) url_cleanup;
    decltype(&::curl_url_set) url_set;
    decltype(&::curl_url_get) url_get;
};

// libcurl, loaded and globally initialised once (thread-safe). Throws Error ("--validate needs
// libcurl ...", exit 2) when libcurl.so.4 or one of its functions is missing; call it on the
// command's thread before starting workers, so the error is reported rather than thrown there.
const CurlApi& curl_api();

}  // namespace nhiscan::live
