/*
 * Shared by the C programs under Tests/sdk (test_abi.c, faults.c): their environment, a
 * monotonic clock, and driving Tests/support/fake_front.py — set the mode it answers in, and
 * count what a call sent it (lines of its request log).
 */
#ifndef ELICENSE_TEST_SUPPORT_H
#define ELICENSE_TEST_SUPPORT_H

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A setting the running script passes; exits with 2 when it is missing. */
static const char *env(const char *name) {
    const char *value = getenv(name);
    if (value == NULL) {
        fprintf(stderr, "missing %s (run this program through Tests/sdk/run.sh or scripts/harden)\n", name);
        exit(2);
    }
    return value;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t fake_front_discard(char *data, size_t size, size_t count, void *user) {
    (void)data;
    (void)user;
    return size * count;
}

/* GET <base>/control/mode/<mode>; 0 when the fake front took it. */
static int fake_front_mode(const char *base, const char *mode) {
    char url[512];
    snprintf(url, sizeof url, "%s/control/mode/%s", base, mode);
    CURL *curl = curl_easy_init();
    if (curl == NULL) return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, fake_front_discard);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
    long status = 0;
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK && status == 200 ? 0 : -1;
}

/* The X-Elicense-Timeout-Ms the last request in the fake front's log carried; -1 without one. */
static long fake_front_last_timeout_ms(const char *log) {
    FILE *file = fopen(log, "r");
    if (file == NULL) return -1;
    char line[1024], method[16], target[512];
    long timeout = -1, value;
    while (fgets(line, sizeof line, file) != NULL) {
        if (strncmp(line, "req ", 4) == 0) timeout = sscanf(line, "req %15s %511s %ld", method, target, &value) == 3 ? value : -1;
    }
    fclose(file);
    return timeout;
}

/* Lines of the fake front's log starting with `prefix` ("conn", "req POST", …). */
static long fake_front_count(const char *log, const char *prefix) {
    FILE *file = fopen(log, "r");
    if (file == NULL) return -1;
    char line[1024];
    long n = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        if (strncmp(line, prefix, strlen(prefix)) == 0) n++;
    }
    fclose(file);
    return n;
}

#endif
