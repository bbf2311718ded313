/*
 * Typed wrappers over libcurl's variadic curl_easy_setopt/getinfo, which Swift cannot call.
 * Prefix `ecurl_` (never `elic_`): these stay out of libelicense.so's exports.
 */
#ifndef ECURL_SHIM_H
#define ECURL_SHIM_H

#include <curl/curl.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef size_t (*ecurl_write_fn)(char *data, size_t size, size_t count, void *userdata);

CURLcode ecurl_setopt_long(CURL *curl, CURLoption option, long value);
CURLcode ecurl_setopt_string(CURL *curl, CURLoption option, const char *value);
CURLcode ecurl_setopt_pointer(CURL *curl, CURLoption option, void *value);
CURLcode ecurl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value);
CURLcode ecurl_setopt_write(CURL *curl, CURLoption option, ecurl_write_fn fn);
CURLcode ecurl_setopt_postfields(CURL *curl, const void *data, size_t length);
CURLcode ecurl_getinfo_long(CURL *curl, CURLINFO info, long *value);

/* curl_global_init exactly once per process, thread-safely (libcurl < 7.84 requires it). */
CURLcode ecurl_global_init_once(void);

#ifdef __cplusplus
}
#endif
#endif
