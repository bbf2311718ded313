/*
 * The C ABI of libelicense exercised from C, as a legacy vendor links it: every exported
 * function, misuse (NULL, invalid UTF-8, bad configurations, wrong handles), a dead, a stalled
 * and a forging server, a fake front answering crafted numbers, fronts of the other profile,
 * an expired login, and 16 threads sharing one client.
 * Run by Tests/sdk/run.sh, which starts the sandbox front systems and writes the configurations
 * named by the ELIC_TEST_* environment variables. Ends with "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include <elicense.h>

#include "support.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static int passed, failed;

#define CHECK(cond, what)                                                                    \
    do {                                                                                     \
        if (cond) {                                                                          \
            passed++;                                                                        \
        } else {                                                                             \
            failed++;                                                                        \
            fprintf(stderr, "FAIL %s:%d %s: %s [last error: %s]\n", __FILE__, __LINE__, what, \
                    #cond, elic_last_error());                                               \
        }                                                                                    \
    } while (0)

static const char *DEMO_USCC = "91370102MA01ELC161";
/* The sandbox's well-known enterprise whose license is 吊销. */
static const char *REVOKED_USCC = "91370202MA02ELC25N";

/* Plays the e-license app for enterprise `uscc`: POST /sandbox/scan on the front at `base`. */
static int sandbox_as(const char *base, const char *qr, const char *uscc, const char *decision) {
    char url[512], body[1024];
    snprintf(url, sizeof url, "%s/sandbox/scan", base);
    snprintf(body, sizeof body,
             "{\"qr_content\":\"%s\",\"uniscid\":\"%s\",\"role\":\"legal_representative\",\"decision\":\"%s\"}", qr,
             uscc, decision);
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    FILE *sink = fopen("/dev/null", "w");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
    long status = 0;
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    fclose(sink);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK && status == 200 ? 0 : -1;
}

static int sandbox(const char *base, const char *qr, const char *decision) { return sandbox_as(base, qr, DEMO_USCC, decision); }

static void test_library(void) {
    CHECK(strcmp(elic_version(), "0.1.0") == 0 || elic_version()[0] != '\0', "version");
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", ELIC_VERSION_MAJOR, ELIC_VERSION_MINOR, ELIC_VERSION_PATCH);
    CHECK(strcmp(elic_version(), expected) == 0, "header and library versions agree");
    CHECK(elic_abi_version() == ELIC_ABI_VERSION, "abi version");
    CHECK(ELIC_VERSION_CHECK(0, 1, 0), "version check macro");
    CHECK(strstr(elic_status_str(ELIC_E_TIMEOUT), "ELIC_E_TIMEOUT") != NULL, "status text names the constant");
    CHECK(strstr(elic_status_str(ELIC_E_SIGNATURE_INVALID), "请求签名无效") != NULL, "status text in Chinese");
    CHECK(elic_status_str(123456) != NULL, "unknown status has a text");
    CHECK(strcmp(elic_last_error(), "") == 0, "no error before any call");
    elic_free(NULL);
    elic_client_free(NULL);
    elic_login_free(NULL);
    elic_license_free(NULL);
    elic_material_free(NULL);
    CHECK(elic_login_id(NULL) == NULL && elic_login_state(NULL) == -1 && elic_login_code(NULL) == NULL, "getters on NULL");
    CHECK(elic_license_get(NULL, ELIC_LICENSE_UNISCID) == NULL && elic_material_document(NULL, NULL) == NULL, "getters on NULL");
}

static void test_uscc(void) {
    char *report = NULL;
    CHECK(elic_uscc_validate("91350100M000100Y43") == ELIC_OK, "valid code");
    CHECK(strcmp(elic_last_error(), "") == 0, "last error cleared by a successful call");
    CHECK(elic_uscc_validate("91350100M000100Y44") == ELIC_E_INVALID_USCC, "wrong check character");
    CHECK(strstr(elic_last_error(), "应为“3”") != NULL, "names the expected check character");
    CHECK(elic_uscc_validate(NULL) == ELIC_E_INVALID_ARGUMENT, "NULL code");
    CHECK(elic_uscc_validate("\xff\xfe") == ELIC_E_INVALID_UTF8, "invalid UTF-8");
    CHECK(elic_uscc_report(&report, "91350100M000100Y43") == ELIC_OK, "report of a valid code");
    CHECK(report != NULL && strstr(report, "\"valid\":true") != NULL && strstr(report, "\"message\":\"\"") != NULL,
          "report says valid, with no message");
    elic_free(report);
    CHECK(elic_uscc_report(&report, "91350100M000100Y44") == ELIC_OK, "report of an invalid code is ELIC_OK");
    CHECK(report != NULL && strstr(report, "check_character_mismatch") != NULL && strstr(report, "\"valid\":false") != NULL,
          "report names the problem");
    CHECK(report != NULL && strstr(report, "应为“3”") != NULL, "report's message is elic_uscc_validate's");
    elic_free(report);
    report = (char *)"stale";
    CHECK(elic_uscc_report(&report, "\xff\xfe") == ELIC_E_INVALID_UTF8 && report == NULL, "invalid UTF-8: *out NULL");
    CHECK(elic_uscc_report(NULL, "91350100M000100Y43") == ELIC_E_INVALID_ARGUMENT, "NULL out");
}

static void test_client_new(void) {
    elic_client *client = (elic_client *)1;
    CHECK(elic_client_new_from_file(NULL, env("ELIC_TEST_CONFIG")) == ELIC_E_INVALID_ARGUMENT, "NULL out");
    CHECK(elic_client_new_from_file(&client, NULL) == ELIC_E_INVALID_ARGUMENT && client == NULL, "NULL path");
    client = (elic_client *)1;
    CHECK(elic_client_new_from_json(&client, NULL) == ELIC_E_INVALID_ARGUMENT && client == NULL, "NULL JSON");
    client = (elic_client *)1;
    CHECK(elic_client_new_from_file(&client, "/nonexistent/elicense.json") == ELIC_E_IO_ERROR && client == NULL, "unreadable file");
    CHECK(elic_client_new_from_file(&client, "{\"profile\":\"sandbox\"}") == ELIC_E_IO_ERROR && client == NULL,
          "JSON text given as a path is a path (no guessing)");
    CHECK(elic_client_new_from_json(&client, env("ELIC_TEST_CONFIG")) == ELIC_E_INVALID_CONFIG && client == NULL,
          "a path given as JSON text is malformed JSON");
    CHECK(elic_client_new_from_json(&client, "{") == ELIC_E_INVALID_CONFIG, "malformed JSON");
    CHECK(elic_client_new_from_json(&client, "{\"profile\":\"sandbox\"}") == ELIC_E_INVALID_CONFIG, "missing settings");
    CHECK(strstr(elic_last_error(), "front_url") != NULL, "names the missing setting");
    CHECK(elic_client_new_from_json(&client, "\xc3\x28") == ELIC_E_INVALID_UTF8, "invalid UTF-8 JSON");
    CHECK(elic_client_new_from_file(&client, "\xc3\x28") == ELIC_E_INVALID_UTF8, "invalid UTF-8 path");
    CHECK(elic_client_new_from_json(&client,
                          "{\"version\":1,\"profile\":\"sandbox\",\"front_url\":\"http://192.0.2.1\",\"app_id\":\"a\","
                          "\"private_key_pem\":\"x\",\"front_public_keys_pem\":[\"y\"]}") == ELIC_E_INVALID_CONFIG,
          "plain HTTP to another machine refused");
    /* The rule parses front_url's authority: each of these reaches 192.0.2.1 (TEST-NET-1) or a
     * remote name once handed to curl, and elic_client_new_from_json, which makes no network call, refuses
     * it, so no client exists that could send anything. */
    static const char *const remote[] = {"http://127.0.0.1.example.invalid", "http://localhost:x@192.0.2.1",
                                         "http://127.0.0.1@192.0.2.1", "http://[::ffff:192.0.2.1]:80"};
    for (size_t i = 0; i < sizeof remote / sizeof remote[0]; i++) {
        char config[512];
        snprintf(config, sizeof config,
                 "{\"version\":1,\"profile\":\"sandbox\",\"front_url\":\"%s\",\"app_id\":\"a\",\"private_key_pem\":\"x\","
                 "\"front_public_keys_pem\":[\"y\"]}", remote[i]);
        client = (elic_client *)1;
        CHECK(elic_client_new_from_json(&client, config) == ELIC_E_INVALID_CONFIG && client == NULL, remote[i]);
        CHECK(strstr(elic_last_error(), "front_url") != NULL, "the refusal names front_url");
        if (client != NULL && client != (elic_client *)1) elic_client_free(client); /* never used */
    }
    client = NULL;
    CHECK(elic_client_new_from_json(&client, "{\"version\":1,\"profile\":\"sandbox\",\"front_url\":\"http://127.0.0.1:1\",\"app_id\":\"a\","
                                             "\"private_key_pem\":\"x\",\"front_public_keys_pem\":[\"y\"],\"timeout_ms\":-1}") ==
              ELIC_E_INVALID_CONFIG && strstr(elic_last_error(), "timeout_ms") != NULL,
          "an out-of-range setting is named");
    CHECK(elic_client_new_from_json(&client, "{\"profile\":\"sandbox\",\"front_url\":\"http://127.0.0.1:1\",\"app_id\":\"a\","
                                             "\"private_key_pem\":\"x\",\"front_public_keys_pem\":[\"y\"]}") ==
              ELIC_E_INVALID_CONFIG && strstr(elic_last_error(), "version") != NULL && client == NULL,
          "a configuration without version is refused, naming it");
}

typedef struct {
    int calls;
    int cancel_at;
} progress_state;

static int32_t on_progress(int32_t state, int64_t elapsed_ms, void *payload) {
    progress_state *p = payload;
    (void)state;
    (void)elapsed_ms;
    p->calls++;
    return p->cancel_at > 0 && p->calls >= p->cancel_at;
}

/* Logs in as enterprise `uscc` and returns the grant (caller frees), or NULL. */
static char *login_and_grant_as(elic_client *client, const char *base, const char *uscc) {
    elic_login *started = NULL, *done = NULL;
    char *grant = NULL;
    if (elic_login_start(&started, client, "企业开办") == ELIC_OK && sandbox_as(base, elic_login_qr_content(started), uscc, "confirm") == 0 &&
        elic_login_wait(&done, client, elic_login_id(started), 30000, NULL, NULL) == ELIC_OK && elic_login_grant(done) != NULL) {
        grant = strdup(elic_login_grant(done));
    }
    elic_login_free(done);
    elic_login_free(started);
    return grant;
}

static char *login_and_grant(elic_client *client, const char *base) { return login_and_grant_as(client, base, DEMO_USCC); }

static void test_login(elic_client *client, const char *base) {
    elic_login *login = NULL;
    CHECK(elic_login_start(&login, client, NULL) == ELIC_E_INVALID_ARGUMENT && login == NULL, "NULL purpose");
    CHECK(elic_login_start(&login, NULL, "企业开办") == ELIC_E_INVALID_ARGUMENT, "NULL client");
    CHECK(elic_login_start(&login, client, "\xe4\xbc") == ELIC_E_INVALID_UTF8, "truncated UTF-8 purpose");
    CHECK(elic_login_start(&login, client, "") == ELIC_E_INVALID_PURPOSE, "empty purpose");
    CHECK(strstr(elic_last_error(), "request_id rq_") != NULL, "error carries the front's request id");
    CHECK(strncmp(elic_last_error_request_id(), "rq_", 3) == 0 && strstr(elic_last_error(), elic_last_error_request_id()) != NULL,
          "the request id also apart, the same as in the message");
    CHECK(elic_last_error_retry_after_ms() == -1, "no advised delay for a refused purpose");

    CHECK(elic_login_start(&login, client, "企业开办") == ELIC_OK, "start");
    CHECK(strncmp(elic_login_id(login), "lg_", 3) == 0, "login id");
    CHECK(elic_login_state(login) == ELIC_LOGIN_PENDING, "pending");
    size_t png_len = 0;
    const uint8_t *png = elic_login_qr_png(login, &png_len);
    CHECK(png != NULL && png_len > 100 && memcmp(png, "\x89PNG", 4) == 0, "QR PNG");
    CHECK(strstr(elic_login_qr_content(login), "/sandbox/?t=") != NULL, "QR content");
    CHECK(elic_login_expires_at(login) > 0, "expiry");
    CHECK(strstr(elic_login_json(login), "\"login_id\"") != NULL, "JSON form");
    const char *code = elic_login_code(login);
    CHECK(code != NULL && strlen(code) == 4 && strspn(code, "0123456789") == 4, "confirmation code: four digits");
    char code_json[64];
    snprintf(code_json, sizeof code_json, "\"confirmation_code\":\"%s\"", code ? code : "");
    CHECK(strstr(elic_login_json(login), code_json) != NULL, "confirmation code as in the LoginCreated JSON");
    CHECK(elic_login_poll_interval_ms(login) >= 1000 && elic_login_poll_interval_ms(login) % 1000 == 0, "advised poll interval in ms");
    CHECK(elic_login_poll_interval_ms(NULL) == -1 && elic_login_grant_expires_at(login) == 0, "no interval for NULL, no grant yet");
    char qr_path[512];
    snprintf(qr_path, sizeof qr_path, "%s/qr.png", env("ELIC_TEST_TMP"));
    struct stat qr_stat;
    CHECK(elic_login_qr_save(login, qr_path) == ELIC_OK && stat(qr_path, &qr_stat) == 0 && (size_t)qr_stat.st_size == png_len &&
              (qr_stat.st_mode & 0777) == 0644,
          "QR PNG saved whole, mode 0644");
    CHECK(elic_login_qr_save(login, "/nonexistent/dir/qr.png") == ELIC_E_IO_ERROR && strstr(elic_last_error(), "/nonexistent/dir") != NULL,
          "QR saved into a missing directory: io_error naming the path");
    CHECK(elic_login_qr_save(NULL, qr_path) == ELIC_E_INVALID_ARGUMENT && elic_login_qr_save(login, NULL) == ELIC_E_INVALID_ARGUMENT,
          "QR save of NULL, to NULL");

    elic_login *polled = NULL;
    CHECK(elic_login_poll(&polled, client, elic_login_id(login)) == ELIC_OK && elic_login_state(polled) == ELIC_LOGIN_PENDING, "poll");
    CHECK(elic_login_qr_content(polled) == NULL && elic_login_code(polled) == NULL && elic_login_grant(polled) == NULL,
          "poll has no QR, no code and no grant yet");
    CHECK(elic_login_qr_save(polled, qr_path) == ELIC_E_INVALID_ARGUMENT && elic_login_poll_interval_ms(polled) >= 1000,
          "a polled login has no QR PNG to save, but an interval");
    elic_login_free(polled);
    CHECK(elic_login_poll(&polled, client, "lg_unknown") == ELIC_E_LOGIN_NOT_FOUND && polled == NULL, "unknown login");
    elic_login *hasty = NULL;
    CHECK(elic_login_start(&hasty, client, "企业开办") == ELIC_OK && elic_login_poll(&polled, client, elic_login_id(hasty)) == ELIC_OK,
          "another login, polled once");
    elic_login_free(polled);
    polled = (elic_login *)1;
    CHECK(elic_login_poll(&polled, client, elic_login_id(hasty)) == ELIC_E_SLOW_DOWN && polled == NULL, "polled again at once: slow_down");
    CHECK(elic_last_error_retry_after_ms() >= 1000 && strncmp(elic_last_error_request_id(), "rq_", 3) == 0,
          "the advised delay and the request id, apart from the message");
    elic_login_free(hasty);
    CHECK(elic_uscc_validate("91350100M000100Y43") == ELIC_OK && elic_last_error_retry_after_ms() == -1 &&
              strcmp(elic_last_error_request_id(), "") == 0 && strcmp(elic_last_error(), "") == 0,
          "all three cleared together by the next call");

    CHECK(sandbox(base, elic_login_qr_content(login), "confirm") == 0, "enterprise confirms");
    progress_state progress = {0, 0};
    elic_login *done = NULL;
    CHECK(elic_login_wait(&done, client, elic_login_id(login), 30000, on_progress, &progress) == ELIC_OK, "wait");
    CHECK(elic_login_state(done) == ELIC_LOGIN_AUTHORIZED, "authorized");
    CHECK(progress.calls >= 1, "progress callback called");
    CHECK(strcmp(elic_login_subject_uscc(done), DEMO_USCC) == 0, "subject USCC");
    CHECK(elic_login_subject_name(done) != NULL && elic_login_operator_role(done) == ELIC_ROLE_LEGAL_REPRESENTATIVE, "subject");
    CHECK(strstr(elic_login_operator_name(done), "*") != NULL, "operator name masked");
    CHECK(strncmp(elic_login_grant(done), "gr_", 3) == 0, "grant");
    CHECK(elic_login_grant_expires_at(done) > (int64_t)time(NULL), "the grant's expiry lies ahead");
    elic_login_free(done);
    elic_login_free(login);

    /* Cancelled by the callback, and timed out: the login stays usable afterwards. */
    CHECK(elic_login_start(&login, client, "企业开办") == ELIC_OK, "start again");
    progress_state cancel = {0, 1};
    CHECK(elic_login_wait(&done, client, elic_login_id(login), 30000, on_progress, &cancel) == ELIC_E_CANCELLED && done == NULL, "cancelled");
    double started = now_seconds();
    CHECK(elic_login_wait(&done, client, elic_login_id(login), 1500, NULL, NULL) == ELIC_E_TIMEOUT, "wait times out");
    CHECK(now_seconds() - started < 5, "timeout honoured");
    CHECK(elic_login_wait(&done, client, elic_login_id(login), -1, NULL, NULL) == ELIC_E_INVALID_ARGUMENT, "negative timeout");
    CHECK(sandbox(base, elic_login_qr_content(login), "deny") == 0, "enterprise denies");
    CHECK(elic_login_wait(&done, client, elic_login_id(login), 30000, NULL, NULL) == ELIC_OK && elic_login_state(done) == ELIC_LOGIN_DENIED, "denied is a state");
    elic_login_free(done);
    elic_login_free(login);
}

static void test_expired_login(void) {
    elic_client *client = NULL;
    elic_login *login = NULL, *done = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_SHORT")) == ELIC_OK, "short-TTL client");
    CHECK(elic_login_start(&login, client, "企业开办") == ELIC_OK, "start");
    CHECK(elic_login_wait(&done, client, elic_login_id(login), 20000, NULL, NULL) == ELIC_OK, "wait until expiry");
    CHECK(elic_login_state(done) == ELIC_LOGIN_EXPIRED, "expired is a state");
    CHECK(sandbox(env("ELIC_TEST_FRONT_SHORT"), elic_login_qr_content(login), "confirm") != 0, "expired login cannot be confirmed");
    elic_login_free(done);
    elic_login_free(login);
    elic_client_free(client);
}

static void test_license(elic_client *client, const char *grant) {
    elic_license *license = NULL;
    CHECK(elic_license_fetch(&license, client, NULL) == ELIC_E_INVALID_ARGUMENT, "NULL grant");
    CHECK(elic_license_fetch(&license, client, "") == ELIC_E_GRANT_MISSING, "empty grant");
    CHECK(elic_license_fetch(&license, client, "gr_forged") == ELIC_E_GRANT_INVALID && license == NULL, "unknown grant");
    CHECK(elic_license_fetch(&license, client, grant) == ELIC_OK, "fetch");
    CHECK(strcmp(elic_license_get(license, ELIC_LICENSE_UNISCID), DEMO_USCC) == 0, "uniscid");
    CHECK(strlen(elic_license_get(license, ELIC_LICENSE_ENTNAME)) > 0, "entname");
    CHECK(strcmp(elic_license_get(license, ELIC_LICENSE_REGSTATE), "存续") == 0, "regstate text");
    CHECK(elic_license_state(license) == ELIC_STATE_SUBSISTING, "state");
    CHECK(elic_license_in_business(license) == 1 && elic_license_in_business(NULL) == 0, "存续 is in business; NULL is not");
    CHECK(elic_license_get(license, 0) == NULL && elic_license_get(license, 99) == NULL, "unknown field");
    CHECK(strstr(elic_license_json(license), "\"issuer_signature\"") != NULL, "JSON form");
    /* A handle of another kind is refused, not misread, and not freed by another kind's free. */
    CHECK(elic_login_id((const elic_login *)license) == NULL, "wrong handle type");
    elic_client_free((elic_client *)license);
    CHECK(strstr(elic_last_error(), "elic_client_free") != NULL, "a free of the wrong kind sets the last error");
    elic_login_free((elic_login *)license);
    elic_material_free((elic_material *)license);
    CHECK(elic_license_state(license) == ELIC_STATE_SUBSISTING, "and leaves the handle alive");
    elic_license_free(license);
    CHECK(elic_license_state(license) == -1 && elic_license_get(license, ELIC_LICENSE_UNISCID) == NULL,
          "the right free frees; a freed handle is not read");
    CHECK(elic_uscc_validate("91350100M000100Y43") == ELIC_OK && strcmp(elic_last_error(), "") == 0, "last error cleared");
    elic_license_free(license);
    CHECK(strstr(elic_last_error(), "elic_license_free") != NULL, "a second free is a no-op, not a double free");
}

/* Protocol §6: answers of a front of the other profile are not used. */
static void test_profiles(const char *grant) {
    elic_client *client = NULL;
    elic_license *license = NULL;
    char *json = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_CLAIMS_PRODUCTION")) == ELIC_OK, "configuration claiming production");
    CHECK(elic_client_whoami(&json, client) == ELIC_E_PROFILE_MISMATCH && json == NULL, "sandbox front, production config");
    CHECK(strstr(elic_last_error(), "sandbox") != NULL && strstr(elic_last_error(), "production") != NULL, "names both profiles");
    CHECK(elic_license_fetch(&license, client, grant) == ELIC_E_PROFILE_MISMATCH && license == NULL,
          "no license checked with the other profile's issuer keys");
    elic_material *material = NULL;
    CHECK(elic_material_issue(&material, client, grant, "企业开办", NULL) == ELIC_E_PROFILE_MISMATCH && material == NULL,
          "no material either: a production configuration cannot run the flow against a sandbox front");
    elic_client_free(client);

    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_PRODUCTION")) == ELIC_OK, "production front's own configuration");
    CHECK(elic_client_whoami(&json, client) == ELIC_OK && strstr(json, "\"production\"") != NULL, "production front answers");
    elic_free(json);
    json = NULL;
    elic_client_free(client);
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_CLAIMS_SANDBOX")) == ELIC_OK, "configuration claiming sandbox");
    CHECK(elic_client_whoami(&json, client) == ELIC_E_PROFILE_MISMATCH && json == NULL, "production front, sandbox config");
    elic_client_free(client);
}

/* Numbers in signed answers at the ends of their ranges: each call ends with a status, in time. */
static void test_crafted_numbers(void) {
    const char *fake = env("ELIC_TEST_FAKE"), *log = env("ELIC_TEST_FAKE_LOG");
    static const char *const login_id = "lg_00000000000000000000000000000000";
    elic_client *client = NULL;
    elic_login *login = NULL;
    char *json = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_FAKE")) == ELIC_OK, "client of the fake front (2 retries, 2 s)");
    CHECK(fake_front_mode(fake, "ok") == 0 && elic_client_whoami(&json, client) == ELIC_OK, "the fake front's answers verify");
    elic_free(json);
    json = NULL;
    long told = fake_front_last_timeout_ms(log);
    CHECK(told > 1000 && told <= 2000, "the request told the front the call's time left (X-Elicense-Timeout-Ms of timeout_ms 2000)");
    CHECK(elic_set_call_timeout_ms(700) == ELIC_OK && elic_client_whoami(&json, client) == ELIC_OK && elic_set_call_timeout_ms(0) == ELIC_OK,
          "whoami within a 700 ms call limit");
    elic_free(json);
    json = NULL;
    told = fake_front_last_timeout_ms(log);
    CHECK(told > 0 && told <= 700, "a thread's shorter call limit is what the front is told");

    long before = fake_front_count(log, "req");
    CHECK(fake_front_mode(fake, "retry-after-min") == 0 && elic_client_whoami(&json, client) == ELIC_E_UNAVAILABLE,
          "retry_after INT64_MIN: retried without a pause, no overflow");
    CHECK(elic_last_error_retry_after_ms() == 0, "a negative advised delay reads as 0 ms");
    CHECK(fake_front_count(log, "req") - before == 3, "a GET is tried 1 + retries times");

    before = fake_front_count(log, "req");
    double started = now_seconds();
    CHECK(fake_front_mode(fake, "rate-limited-max") == 0 && elic_client_whoami(&json, client) == ELIC_E_RATE_LIMITED,
          "retry_after INT64_MAX");
    CHECK(elic_last_error_retry_after_ms() == INT64_MAX, "INT64_MAX seconds read as INT64_MAX ms, not an overflow");
    CHECK(now_seconds() - started < 5 && fake_front_count(log, "req") - before == 1,
          "a pause longer than timeout_ms is the caller's: returned at once");

    started = now_seconds();
    CHECK(fake_front_mode(fake, "slowdown-min") == 0 && elic_login_wait(&login, client, login_id, 2500, NULL, NULL) == ELIC_E_TIMEOUT,
          "slow_down with retry_after INT64_MIN: the wait ends at its timeout");
    CHECK(fake_front_mode(fake, "interval-max") == 0 && elic_login_wait(&login, client, login_id, 2500, NULL, NULL) == ELIC_E_TIMEOUT,
          "interval INT64_MAX: the wait ends at its timeout");
    CHECK(now_seconds() - started < 15, "both waits within their timeouts");
    CHECK(elic_login_start(&login, client, "企业开办") == ELIC_OK && elic_login_expires_at(login) == 253402300799,
          "interval INT64_MAX and expiry 9999-12-31 in LoginCreated");
    elic_login_free(login);

    CHECK(fake_front_mode(fake, "error-numbers") == 0 && elic_client_whoami(&json, client) == ELIC_E_BAD_RESPONSE,
          "an error status beyond int32 is a bad response");
    CHECK(fake_front_mode(fake, "wrong-profile") == 0 && elic_client_whoami(&json, client) == ELIC_E_PROFILE_MISMATCH,
          "a front answering as production to a sandbox configuration");
    CHECK(json == NULL, "no answer on failure");
    elic_client_free(client);
}

static void test_material(elic_client *client, const char *grant, const char *tmp) {
    elic_material *material = NULL;
    CHECK(elic_material_issue(&material, client, grant, "企业开办", "gif") == ELIC_E_INVALID_ARGUMENT, "bad format");
    CHECK(elic_material_issue(&material, client, grant, NULL, NULL) == ELIC_E_INVALID_ARGUMENT, "NULL purpose");
    CHECK(elic_material_issue(&material, client, grant, "企业开办", NULL) == ELIC_OK, "fetch (PDF by default)");
    size_t len = 0;
    const uint8_t *doc = elic_material_document(material, &len);
    CHECK(doc != NULL && len > 1000 && memcmp(doc, "%PDF", 4) == 0, "PDF document");
    CHECK(strncmp(elic_material_id(material), "mt_", 3) == 0 && strlen(elic_material_code(material)) == 14, "id and code");
    CHECK(strstr(elic_material_verify_url(material), elic_material_code(material)) != NULL, "verify URL");
    CHECK(elic_material_expires_at(material) > 0 && strstr(elic_material_json(material), "\"signature\"") != NULL, "record");
    CHECK(elic_material_in_business(material) == 1 && elic_material_in_business(NULL) == 0, "material on a 存续 license");
    char path[512];
    snprintf(path, sizeof path, "%s/material.pdf", tmp);
    struct stat st;
    CHECK(elic_material_save(material, path) == ELIC_OK && stat(path, &st) == 0 && (size_t)st.st_size == len, "save");
    CHECK(elic_material_save(material, "/nonexistent/dir/material.pdf") == ELIC_E_IO_ERROR, "save to a missing directory");
    CHECK(elic_material_save(NULL, path) == ELIC_E_INVALID_ARGUMENT, "save NULL");

    int32_t verdict = -1;
    CHECK(elic_material_verify(&verdict, client, elic_material_code(material)) == ELIC_OK && verdict == ELIC_MATERIAL_VALID, "verify by code");
    CHECK(elic_material_verify(&verdict, client, elic_material_id(material)) == ELIC_OK && verdict == ELIC_MATERIAL_VALID, "by id");
    CHECK(elic_material_verify(&verdict, client, elic_material_verify_url(material)) == ELIC_OK && verdict == ELIC_MATERIAL_VALID, "by QR");
    CHECK(elic_material_verify(&verdict, client, "AAAA-BBBB-CCCC") == ELIC_OK && verdict == ELIC_MATERIAL_UNKNOWN, "unknown");
    CHECK(elic_material_verify(NULL, client, "x") == ELIC_E_INVALID_ARGUMENT, "NULL out");
    elic_material_free(material);

    CHECK(elic_material_issue(&material, client, grant, "企业开办", "png") == ELIC_OK, "PNG material");
    doc = elic_material_document(material, &len);
    CHECK(doc != NULL && memcmp(doc, "\x89PNG", 4) == 0, "PNG document");
    elic_material_free(material);
}

/* Issue 12: a license may be 吊销; the flow must be able to tell in one call. */
static void test_revoked(elic_client *client, const char *base) {
    char *grant = login_and_grant_as(client, base, REVOKED_USCC);
    elic_license *license = NULL;
    elic_material *material = NULL;
    CHECK(grant != NULL, "login as the revoked enterprise");
    CHECK(elic_license_fetch(&license, client, grant) == ELIC_OK && elic_license_state(license) == ELIC_STATE_REVOKED,
          "a revoked license is fetched (a state, not an error)");
    CHECK(elic_license_in_business(license) == 0, "吊销 is not in business");
    CHECK(elic_material_issue(&material, client, grant, "企业开办", NULL) == ELIC_OK && elic_material_in_business(material) == 0,
          "material issued on a revoked license says so");
    elic_material_free(material);
    elic_license_free(license);
    free(grant);
}

/* A handle used after its free is found in no table: refused, never read (ABI guard). */
static void test_use_after_free(void) {
    elic_client *client = NULL;
    elic_login *login = NULL;
    char *json = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG")) == ELIC_OK, "a client to free");
    CHECK(elic_login_start(&login, client, "企业开办") == ELIC_OK, "a login to free");
    elic_login_free(login);
    CHECK(elic_login_qr_save(login, "/dev/null") == ELIC_E_INVALID_ARGUMENT && elic_login_poll_interval_ms(login) == -1 &&
              elic_login_id(login) == NULL,
          "a freed login: invalid_argument, -1, NULL");
    elic_client_free(client);
    CHECK(elic_client_whoami(&json, client) == ELIC_E_INVALID_ARGUMENT && json == NULL, "a freed client: invalid_argument, no crash");
    CHECK(elic_login_start(&login, client, "企业开办") == ELIC_E_INVALID_ARGUMENT && login == NULL, "login_start on a freed client");
    elic_client_free(client);
    CHECK(strstr(elic_last_error(), "elic_client_free") != NULL, "a second client free is a no-op that says so");
}

/* Issue 12: a configuration without timeouts takes the interactive defaults (10 s a call). */
static void test_defaults(void) {
    elic_client *client = NULL;
    char *json = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_STALL_DEFAULTS")) == ELIC_OK, "stalled front, default timeouts");
    double started = now_seconds();
    CHECK(elic_client_whoami(&json, client) == ELIC_E_TIMEOUT, "a stalled front times out with the defaults");
    double took = now_seconds() - started;
    printf("stalled front, default configuration: whoami ended after %.1f s\n", took);
    CHECK(took > 8 && took < 16, "in about timeout_ms 10000 (all attempts), not 90 s");
    elic_client_free(client);
    CHECK(elic_set_call_timeout_ms(-1) == ELIC_E_INVALID_ARGUMENT, "a negative call timeout is refused");
    CHECK(elic_set_call_timeout_ms(0) == ELIC_OK, "0 restores the configuration");
}

static void test_bad_servers(void) {
    elic_client *client = NULL;
    char *json = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_DEAD")) == ELIC_OK, "dead-server client");
    CHECK(elic_client_whoami(&json, client) == ELIC_E_NETWORK && json == NULL, "dead server");
    elic_client_free(client);

    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_STALL")) == ELIC_OK, "stalled-server client");
    double started = now_seconds();
    CHECK(elic_client_whoami(&json, client) == ELIC_E_TIMEOUT, "stalled server times out");
    CHECK(now_seconds() - started < 10, "within the configured timeout");
    elic_client_free(client);

    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG_FORGED")) == ELIC_OK, "client pinning another key");
    CHECK(elic_client_whoami(&json, client) == ELIC_E_RESPONSE_SIGNATURE_INVALID, "forged response signature");
    elic_client_free(client);
}

typedef struct {
    elic_client *client;
    const char *grant;
    int failures;
} worker_args;

static void *worker(void *arg) {
    worker_args *w = arg;
    for (int i = 0; i < 10; i++) {
        char *json = NULL;
        elic_license *license = NULL;
        if (elic_client_whoami(&json, w->client) != ELIC_OK) w->failures++;
        elic_free(json);
        if (elic_license_fetch(&license, w->client, w->grant) != ELIC_OK ||
            strcmp(elic_license_get(license, ELIC_LICENSE_UNISCID), DEMO_USCC) != 0) w->failures++;
        elic_license_free(license);
        /* The last error is per thread: this thread's failure is this thread's message. */
        if (elic_uscc_validate("91350100M000100Y44") != ELIC_E_INVALID_USCC || strstr(elic_last_error(), "第18位") == NULL) w->failures++;
    }
    return NULL;
}

static void test_threads(elic_client *client, const char *grant) {
    enum { THREADS = 16 };
    pthread_t threads[THREADS];
    worker_args args[THREADS];
    for (int i = 0; i < THREADS; i++) {
        args[i] = (worker_args){client, grant, 0};
        pthread_create(&threads[i], NULL, worker, &args[i]);
    }
    int failures = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(threads[i], NULL);
        failures += args[i].failures;
    }
    CHECK(failures == 0, "16 threads sharing one client");
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const char *base = env("ELIC_TEST_FRONT");
    test_library();
    test_uscc();
    test_client_new();

    elic_client *client = NULL;
    CHECK(elic_client_new_from_file(&client, env("ELIC_TEST_CONFIG")) == ELIC_OK, "client");
    char *who = NULL;
    CHECK(elic_client_whoami(&who, client) == ELIC_OK && strstr(who, "\"app_id\"") != NULL, "whoami");
    elic_free(who);
    test_login(client, base);
    char *grant = login_and_grant(client, base);
    CHECK(grant != NULL, "grant for the license tests");
    if (grant != NULL) {
        test_license(client, grant);
        test_material(client, grant, env("ELIC_TEST_TMP"));
        test_threads(client, grant);
        test_profiles(grant);
        test_revoked(client, base);
    }
    test_use_after_free();
    test_defaults();
    free(grant);
    test_bad_servers();
    test_crafted_numbers();
    test_expired_login();
    elic_client_free(client);
    curl_global_cleanup();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
