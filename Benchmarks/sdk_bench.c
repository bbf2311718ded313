/*
 * Throughput and latency of libelicense against a sandbox front on this machine: offline USCC
 * validation, signed round trips (each costs the SDK one SM2 sign + one verify and the front
 * one verify + one sign, an audit append and a nonce insert), and a shared client under
 * threads. Prints figures; asserts nothing (see Tests/sdk for behaviour).
 *   sdk_bench CONFIG GRANT_FILE
 */
#define _POSIX_C_SOURCE 200809L
#include <elicense.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static elic_client *client;
static char grant[256];

typedef struct { int calls; int errors; } work;

static void *whoami_loop(void *arg) {
    work *w = arg;
    for (int i = 0; i < w->calls; i++) {
        char *json = NULL;
        if (elic_client_whoami(&json, client) != ELIC_OK) w->errors++;
        elic_free(json);
    }
    return NULL;
}

static void threaded(int threads, int calls) {
    pthread_t t[64];
    work w[64];
    double start = now();
    for (int i = 0; i < threads; i++) {
        w[i] = (work){calls, 0};
        pthread_create(&t[i], NULL, whoami_loop, &w[i]);
    }
    int errors = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        errors += w[i].errors;
    }
    double elapsed = now() - start;
    printf("signed whoami, %2d threads: %6.0f calls/s (%d calls, %d errors)\n", threads, threads * calls / elapsed,
           threads * calls, errors);
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s CONFIG GRANT_FILE\n", argv[0]); return 2; }
    FILE *f = fopen(argv[2], "r");
    if (f == NULL || fgets(grant, sizeof grant, f) == NULL) { perror(argv[2]); return 2; }
    fclose(f);
    grant[strcspn(grant, "\r\n")] = '\0';
    if (elic_client_new_from_file(&client, argv[1]) != ELIC_OK) { fprintf(stderr, "%s\n", elic_last_error()); return 1; }

    int n = 200000;
    double start = now();
    for (int i = 0; i < n; i++) (void)elic_uscc_validate("91350100M000100Y43");
    printf("elic_uscc_validate (offline): %.0f calls/s\n", n / (now() - start));

    n = 500;
    start = now();
    for (int i = 0; i < n; i++) {
        char *json = NULL;
        (void)elic_client_whoami(&json, client);
        elic_free(json);
    }
    double each = (now() - start) / n;
    printf("signed whoami, 1 thread:  %.2f ms per call, %.0f calls/s\n", each * 1000, 1 / each);

    n = 200;
    start = now();
    for (int i = 0; i < n; i++) {
        elic_license *license = NULL;
        (void)elic_license_fetch(&license, client, grant);
        elic_license_free(license);
    }
    printf("elic_license_fetch (issuer signature checked): %.2f ms per call\n", (now() - start) / n * 1000);

    n = 20;
    start = now();
    for (int i = 0; i < n; i++) {
        elic_material *material = NULL;
        (void)elic_material_issue(&material, client, grant, "企业开办", "pdf");
        elic_material_free(material);
    }
    printf("elic_material_issue (render PDF+PNG, sign, store): %.1f ms per call\n", (now() - start) / n * 1000);

    threaded(4, 250);
    threaded(16, 100);
    elic_client_free(client);
    return 0;
}
