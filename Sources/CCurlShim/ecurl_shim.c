#include "ecurl_shim.h"

#include <pthread.h>

CURLcode ecurl_setopt_long(CURL *curl, CURLoption option, long value) { return curl_easy_setopt(curl, option, value); }
CURLcode ecurl_setopt_string(CURL *curl, CURLoption option, const char *value) { return curl_easy_setopt(curl, option, value); }
CURLcode ecurl_setopt_pointer(CURL *curl, CURLoption option, void *value) { return curl_easy_setopt(curl, option, value); }
CURLcode ecurl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value) { return curl_easy_setopt(curl, option, value); }
CURLcode ecurl_setopt_write(CURL *curl, CURLoption option, ecurl_write_fn fn) { return curl_easy_setopt(curl, option, fn); }

CURLcode ecurl_setopt_postfields(CURL *curl, const void *data, size_t length) {
    CURLcode rc = curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)length);
    return rc != CURLE_OK ? rc : curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, data);
}

CURLcode ecurl_getinfo_long(CURL *curl, CURLINFO info, long *value) { return curl_easy_getinfo(curl, info, value); }

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static CURLcode init_result = CURLE_FAILED_INIT;

static void global_init(void) { init_result = curl_global_init(CURL_GLOBAL_DEFAULT); }

CURLcode ecurl_global_init_once(void) {
    pthread_once(&init_once, global_init);
    return init_result;
}
