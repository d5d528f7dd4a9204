#include "validate/curl_api.hpp"

#include "core/dl_library.hpp"
#include "core/error.hpp"

namespace nhiscan::live {
namespace {

CurlApi load() {
    // Debian 12's libcurl4 (the libcurl4-openssl-dev flavour we compile against).
    DlLibrary lib("libcurl.so.4", "--validate");
    CurlApi api{};
    lib.bind(api.easy_init, "curl_easy_init");
    lib.bind(api.easy_cleanup, "curl_easy_cleanup");
    lib.bind(api.easy_reset, "curl_easy_reset");
    lib.bind(api.easy_setopt, "curl_easy_setopt");
    lib.bind(api.easy_perform, "curl_easy_perform");
    lib.bind(api.easy_getinfo, "curl_easy_getinfo");
    lib.bind(api.easy_strerror, "curl_easy_strerror");
    lib.bind(api.easy_escape, "curl_easy_escape");
    lib.bind(api.free, "curl_free");
    lib.bind(api.getdate, "curl_getdate");
    lib.bind(api.slist_append, "curl_slist_append");
    lib.bind(api.slist_free_all, "curl_slist_free_all");
    lib.bind(api.url, "curl_url");
    lib.bind(api.url_cleanup, "curl_url_cleanup");
    lib.bind(api.url_set, "curl_url_set");
    lib.bind(api.url_get, "curl_url_get");
    decltype(&::curl_global_init) global_init = nullptr;
    lib.bind(global_init, "curl_global_init");
    // Not thread-safe, hence here, under the static's initialisation guard.
    if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("--validate: libcurl failed to initialise");
    return api;
}

}  // namespace

const CurlApi& curl_api() {
    static const CurlApi api = load();  // a throw leaves it unset: the next call retries
    return api;
}

}  // namespace nhiscan::live
