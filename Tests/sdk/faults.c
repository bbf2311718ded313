/*
 * SDK fault injection (scripts/harden/sdk-faults.sh): libelicense driven from C against
 * Tests/support/fake_front.py in each fault mode, a fake front that dies mid-request, and TLS
 * fronts with bad certificates. Every call must end with the expected status within a bound
 * derived from its timeouts, and only idempotent calls may be retried: the fake front's request
 * log shows how often each call was sent.
 *
 * Prints one results line per fault kind (the columns of scripts/harden: step, inputs, faults,
 * crashes, hangs, sanitizer reports, records lost, seconds, note) and exits non-zero when a
 * call returned another status, was sent a wrong number of times or overran its bound.
 */
#define _POSIX_C_SOURCE 200809L
#include <elicense.h>

#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The fake fronts' configurations: 2 retries, timeout_ms 2500, connect_timeout_ms 1000 (room for
 * both retries: each needs its pause of up to 500 ms plus 750 ms of the call's time left). */
enum { RETRIES = 2, TIMEOUT_MS = 2500, WAIT_MS = 2000, DEADLINE_MS = 1000 };
/* Longest a call may take: timeout_ms bounds a whole call, all attempts and pauses; 2 s of slack. */
static const double BOUND = (TIMEOUT_MS + 2000) / 1000.0;

typedef enum { WHOAMI, LICENSE, LOGIN_START, MATERIAL, LOGIN_WAIT, CALLS } call_kind;
static const char *const CALL_NAMES[CALLS] = {"GET whoami", "POST license", "POST logins", "POST materials", "login_wait"};
/* Idempotent calls are retried: whoami and license (read-only); a wait's polls are GETs. */
static const int IDEMPOTENT[CALLS] = {1, 1, 0, 0, 1};

static int total_failures;

typedef struct {
    int calls, failures, hangs;
    double seconds;
    char note[512];
} tally;

static elic_status call(call_kind kind, elic_client *client) {
    char *json = NULL;
    elic_license *license = NULL;
    elic_login *login = NULL;
    elic_material *material = NULL;
    elic_status status;
    switch (kind) {
    case WHOAMI: status = elic_client_whoami(&json, client); break;
    case LICENSE: status = elic_license_fetch(&license, client, "gr_fault"); break;
    case LOGIN_START: status = elic_login_start(&login, client, "企业开办"); break;
    case MATERIAL: status = elic_material_issue(&material, client, "gr_fault", "企业开办", NULL); break;
    default: status = elic_login_wait(&login, client, "lg_00000000000000000000000000000000", WAIT_MS, NULL, NULL); break;
    }
    elic_free(json);
    elic_license_free(license);
    elic_login_free(login);
    elic_material_free(material);
    return status;
}

/* One call: its status against `expected`, its requests against `sends` (-1: any), its time
 * against its bound. */
static void expect(tally *t, call_kind kind, elic_client *client, const char *log, elic_status expected, long sends) {
    long before = log != NULL ? fake_front_count(log, "req") : 0;
    double started = now_seconds();
    elic_status status = call(kind, client);
    double took = now_seconds() - started;
    long sent = log != NULL ? fake_front_count(log, "req") - before : -1;
    double bound = BOUND + (kind == LOGIN_WAIT ? WAIT_MS / 1000.0 : 0);
    t->calls++;
    t->seconds += took;
    int hang = took > bound, wrong = status != expected || (sends >= 0 && sent != sends);
    if (hang) t->hangs++;
    if (hang || wrong) {
        t->failures++;
        fprintf(stderr, "FAIL %s: status %d (%s), expected %d; sent %ld, expected %ld; %.1f s (bound %.1f s) [%s]\n",
                CALL_NAMES[kind], status, elic_status_str(status), expected, sent, sends, took, bound, elic_last_error());
    }
}

static void report(const char *kind, tally *t, const char *note) {
    total_failures += t->failures;
    printf("sdk-faults/%s\t%d\t%d\t0\t%d\t-\t-\t%.0f\t%s%s\n", kind, t->calls, t->calls, t->hangs, t->seconds,
           t->failures ? "FAILED checks: " : "", note);
    fflush(stdout);
}

static elic_client *client_for(const char *config_env) {
    elic_client *client = NULL;
    if (elic_client_new_from_file(&client, env(config_env)) != ELIC_OK) {
        fprintf(stderr, "cannot create a client from %s: %s\n", config_env, elic_last_error());
        exit(2);
    }
    return client;
}

/* A fault of the fake front in `mode`: the same status from every call; idempotent calls sent
 * 1 + RETRIES times when the status is retryable and quick (a fault that spends the call's
 * timeout_ms leaves no time to retry), every other call once. */
static void fault_with(const char *config_env, const char *mode, elic_status expected, int retryable, const char *note) {
    const char *fake = env("FAULT_FAKE"), *log = env("FAULT_LOG");
    if (fake_front_mode(fake, mode) != 0) {
        fprintf(stderr, "the fake front refused mode %s\n", mode);
        exit(2);
    }
    elic_client *client = client_for(config_env);
    tally t = {0};
    for (call_kind kind = WHOAMI; kind < CALLS; kind++) {
        long sends = IDEMPOTENT[kind] && retryable ? RETRIES + 1 : 1;
        if (kind == LOGIN_WAIT) sends = -1; /* a wait polls until its own timeout */
        expect(&t, kind, client, log, expected, sends);
    }
    elic_client_free(client);
    report(mode, &t, note);
}

static void fault(const char *mode, elic_status expected, int retryable, const char *note) {
    fault_with("FAULT_CONFIG", mode, expected, retryable, note);
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    alarm(900); /* a hang of the whole program is a failure the script reports, not a stuck CI */

    fault("reset", ELIC_E_NETWORK, 1, "connection reset after the request: network; GETs and POST license 3x, other POSTs 1x");
    fault("half-headers", ELIC_E_NETWORK, 1, "front gone within the headers: network, retried like a reset");
    fault("truncated", ELIC_E_NETWORK, 1, "signed headers, body shorter than Content-Length: network");
    fault("stall", ELIC_E_TIMEOUT, 0, "accepted and read, never answered: timeout after timeout_ms, the whole call's time");
    fault("drip", ELIC_E_TIMEOUT, 0, "one byte per 0.5 s: the call's timeout ends it");
    fault("garbage", ELIC_E_BAD_RESPONSE, 0, "4 KiB of random bytes instead of HTTP: bad_response, not retried");
    fault("huge-headers", ELIC_E_NETWORK, 1, "1 MB of response headers: curl gives up receiving them: network");
    fault("oversized", ELIC_E_BAD_RESPONSE, 0, "Content-Length 80 MiB: refused before the body, bad_response");
    /* Streaming 64 MiB through a loaded machine may take more than the usual 2.5 s. */
    fault_with("FAULT_CONFIG_SLOW", "oversized-chunked", ELIC_E_BAD_RESPONSE, 0,
               "80 MiB chunked, no length: refused at 64 MiB, bad_response, not retried");
    fault("unsigned", ELIC_E_RESPONSE_SIGNATURE_INVALID, 0, "200 without a signature");
    fault("bad-signature", ELIC_E_RESPONSE_SIGNATURE_INVALID, 0, "200 with a signature that does not verify");
    fault("timestamp-skew", ELIC_E_TIMESTAMP_SKEW, 0, "the front finds our clock off: timestamp_skew, not retried");

    { /* The per-call deadline: a stalled front and a client allowing 60 s; the thread's
       * elic_set_call_timeout_ms ends each call in about its limit, all attempts included. */
        const char *fake = env("FAULT_FAKE"), *log = env("FAULT_LOG");
        elic_client *client = client_for("FAULT_CONFIG_SLOW");
        tally t = {0};
        fake_front_mode(fake, "stall");
        if (elic_set_call_timeout_ms(DEADLINE_MS) != ELIC_OK) exit(2);
        for (call_kind kind = WHOAMI; kind < CALLS; kind++) {
            long before = fake_front_count(log, "req");
            double started = now_seconds();
            elic_status status = call(kind, client);
            double took = now_seconds() - started;
            long sent = fake_front_count(log, "req") - before;
            long told = fake_front_last_timeout_ms(log); /* X-Elicense-Timeout-Ms: the thread's limit, not 60 s */
            fprintf(stderr, "deadline %d ms, stalled front: %s ended after %.2f s (%s), sent %ld, told %ld ms\n", DEADLINE_MS, CALL_NAMES[kind],
                    took, elic_status_str(status), sent, told);
            t.calls++;
            t.seconds += took;
            /* Generous bounds on a loaded machine: the figure is printed above. */
            if (took > DEADLINE_MS / 1000.0 + 2) t.hangs++;
            if (status != ELIC_E_TIMEOUT || took > DEADLINE_MS / 1000.0 + 2 || took < DEADLINE_MS / 1000.0 - 0.1 || sent != 1 ||
                told <= 0 || told > DEADLINE_MS) {
                t.failures++;
                fprintf(stderr, "FAIL deadline: %s: status %d, %.2f s, sent %ld [%s]\n", CALL_NAMES[kind], status, took, sent, elic_last_error());
            }
        }
        elic_set_call_timeout_ms(0);
        fake_front_mode(fake, "ok");
        elic_client_free(client);
        report("deadline", &t,
               "elic_set_call_timeout_ms(1000) against a stall with timeout_ms 60000: each call ends in about 1 s and tells the front at most 1000 ms");
    }
    { /* The front's clock ten years ahead: answers are bound by our nonce, not by its clock. */
        const char *fake = env("FAULT_FAKE"), *log = env("FAULT_LOG");
        elic_client *client = client_for("FAULT_CONFIG");
        tally t = {0};
        fake_front_mode(fake, "skewed-clock");
        expect(&t, WHOAMI, client, log, ELIC_OK, 1);
        expect(&t, LOGIN_START, client, log, ELIC_OK, 1);
        fake_front_mode(fake, "ok");
        elic_client_free(client);
        report("skewed-clock", &t, "front clock +10 years: signed answers still accepted, once each");
    }
    { /* The front process dies with the first request in flight; nothing listens afterwards. */
        const char *log = env("FAULT_KILLED_LOG");
        elic_client *client = client_for("FAULT_KILLED_CONFIG");
        tally t = {0};
        expect(&t, WHOAMI, client, log, ELIC_E_NETWORK, 1);
        expect(&t, LOGIN_START, client, log, ELIC_E_NETWORK, 0);
        expect(&t, LICENSE, client, log, ELIC_E_NETWORK, 0);
        elic_client_free(client);
        report("killed", &t, "front process exits mid-request, then connection refused: network");
    }
    { /* TLS: a trusted certificate works; self-signed, wrong host and expired ones fail the handshake. */
        static const char *const configs[] = {"FAULT_TLS_SELF_SIGNED", "FAULT_TLS_WRONG_HOST", "FAULT_TLS_EXPIRED"};
        tally t = {0};
        elic_client *client = client_for("FAULT_TLS_OK");
        expect(&t, WHOAMI, client, NULL, ELIC_OK, -1);
        elic_client_free(client);
        for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++) {
            client = client_for(configs[i]);
            expect(&t, WHOAMI, client, NULL, ELIC_E_TLS, -1);
            expect(&t, LOGIN_START, client, NULL, ELIC_E_TLS, -1);
            elic_client_free(client);
        }
        report("tls", &t, "trusted cert ok; self-signed, wrong host name, expired: tls, not retried");
    }
    curl_global_cleanup();
    return total_failures == 0 ? 0 : 1;
}
