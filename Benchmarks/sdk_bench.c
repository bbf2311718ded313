/*
 * The C side of `make bench`: figures of libelicense against a sandbox front on this machine and
 * the bounds they are compared with, measured in the same process, printed as `name<TAB>value`
 * lines that Benchmarks/table.py turns into the table. Prints figures; asserts nothing (see
 * Tests/sdk for behaviour).
 *
 *   sdk_bench figures CONFIG GRANT_FILE FRONT_URL DATA_DIR FRONT_PID
 *       SM2 sign/verify (OpenSSL, as the SDK and the front call it), an unsigned keep-alive
 *       /healthz round trip (libcurl), a synced append in the front's data directory, signed
 *       whoami from 1 thread and from N threads of one client with p50/p99, a license fetch,
 *       PDF and PNG material, elic_uscc_validate, RSS added per client.
 *       Rates of CPU-bound loops count CPU time (CLOCK_THREAD_CPUTIME_ID), which other work on
 *       a shared machine does not inflate; signed calls also report the CPU the client and the
 *       front spent on each (getrusage, /proc/FRONT_PID/stat), comparable with the SM2 cost.
 *   sdk_bench store CONFIG LABEL FRONT_PID
 *       the signed-call rows (1 thread, and 16 threads) of one front, named LABEL_…: run against
 *       the SQLite front and the PostgreSQL one alike.
 *   sdk_bench calls CONFIG THREADS CALLS
 *       whoami calls only, while run.sh counts the front's disk syncs (strace).
 *   sdk_bench load CONFIG RATE SECONDS THREADS
 *       open-loop load: whoami calls scheduled at RATE per second for SECONDS, sent by up to
 *       THREADS threads; latency counts from the scheduled time (a late start is the server's
 *       delay too), so saturation shows as growing latency, not as a lower offered rate.
 */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <elicense.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int front_pid;

/* CPU seconds this process and the front have used so far. */
static double cpu_client_and_front(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    double seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
                     usage.ru_stime.tv_usec / 1e6;
    char path[64], line[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", front_pid);
    FILE *f = fopen(path, "r");
    if (f != NULL && fgets(line, sizeof line, f) != NULL) {
        unsigned long user = 0, system = 0;
        const char *after = strrchr(line, ')'); /* the command name may hold spaces */
        if (after != NULL && sscanf(after + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &user, &system) == 2)
            seconds += (double)(user + system) / (double)sysconf(_SC_CLK_TCK);
    }
    if (f != NULL) fclose(f);
    return seconds;
}

static void figure(const char *name, double value) { printf("%s\t%.6g\n", name, value); fflush(stdout); }

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile of n latencies (sorted in place). */
static double quantile(double *values, size_t n, double q) {
    if (n == 0) return 0;
    qsort(values, n, sizeof *values, by_value);
    size_t index = (size_t)(q * (double)(n - 1) + 0.5);
    return values[index < n ? index : n - 1];
}

static long rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
    if (f != NULL) fclose(f);
    return kib;
}

/* ---- bounds ------------------------------------------------------------------------------ */

/* SM2 with SM3 and the GB/T 32918 distinguishing ID, each call setting up its context as
 * Sources/CELicenseCrypto does, over a message the size of a canonical request string. */
static void sm2_rates(void) {
    EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    static const unsigned char id[] = "1234567812345678";
    unsigned char msg[160], sig[80];
    memset(msg, 'a', sizeof msg);
    size_t sig_len = 0;
    int n = 0;
    double start = cpu_now();
    for (; cpu_now() - start < 1.0; n++) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_DigestSignInit_ex(ctx, NULL, "SM3", NULL, NULL, key, NULL);
        EVP_PKEY_CTX_set1_id(EVP_MD_CTX_get_pkey_ctx(ctx), id, 16);
        sig_len = sizeof sig;
        EVP_DigestSign(ctx, sig, &sig_len, msg, sizeof msg);
        EVP_MD_CTX_free(ctx);
    }
    figure("sm2_sign_per_s", n / (cpu_now() - start));
    n = 0;
    start = cpu_now();
    for (; cpu_now() - start < 1.0; n++) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_DigestVerifyInit_ex(ctx, NULL, "SM3", NULL, NULL, key, NULL);
        EVP_PKEY_CTX_set1_id(EVP_MD_CTX_get_pkey_ctx(ctx), id, 16);
        EVP_DigestVerify(ctx, sig, sig_len, msg, sizeof msg);
        EVP_MD_CTX_free(ctx);
    }
    figure("sm2_verify_per_s", n / (cpu_now() - start));
    EVP_PKEY_free(key);
}

static size_t discard(char *data, size_t size, size_t count, void *user) {
    (void)data, (void)user;
    return size * count;
}

/* One unsigned GET /healthz on a kept-alive connection: the transport part of a call. */
static void healthz(const char *front_url) {
    char url[512];
    snprintf(url, sizeof url, "%s/healthz", front_url);
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_perform(curl); /* opens the connection */
    int n = 2000, errors = 0;
    double start = now();
    for (int i = 0; i < n; i++) errors += curl_easy_perform(curl) != CURLE_OK;
    figure("healthz_ms", (now() - start) / n * 1000);
    figure("healthz_errors", errors);
    curl_easy_cleanup(curl);
}

/* An 8 KiB append made durable with fdatasync in the front's data directory: what the
 * front's SQLite (WAL, synchronous = FULL) pays to commit a transaction. */
static void synced_commit(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/bench-commit.tmp", dir);
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    if (fd < 0) { perror(path); return; }
    char page[8192];
    memset(page, 0, sizeof page);
    int n = 300;
    double start = now();
    for (int i = 0; i < n; i++) {
        if (write(fd, page, sizeof page) != (ssize_t)sizeof page || fdatasync(fd) != 0) { perror(path); break; }
    }
    figure("commit_ms", (now() - start) / n * 1000);
    close(fd);
    unlink(path);
}

/* ---- the SDK ----------------------------------------------------------------------------- */

static elic_client *client;

typedef struct {
    int calls, errors;
    double *latencies;
} work;

static void *whoami_loop(void *arg) {
    work *w = arg;
    for (int i = 0; i < w->calls; i++) {
        char *json = NULL;
        double start = now();
        if (elic_client_whoami(&json, client) != ELIC_OK) w->errors++;
        w->latencies[i] = now() - start;
        elic_free(json);
    }
    return NULL;
}

/* `threads` threads of one client, `calls` whoami each: throughput, p50 and p99, named
 * PREFIXwhoami_tN_…. */
static void threaded(const char *prefix, int threads, int calls) {
    pthread_t t[64];
    work w[64];
    double *all = calloc((size_t)threads * calls, sizeof *all);
    double cpu = cpu_client_and_front(), start = now();
    for (int i = 0; i < threads; i++) {
        w[i] = (work){calls, 0, all + (size_t)i * calls};
        pthread_create(&t[i], NULL, whoami_loop, &w[i]);
    }
    int errors = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        errors += w[i].errors;
    }
    double elapsed = now() - start;
    char name[64];
    snprintf(name, sizeof name, "%swhoami_t%d_per_s", prefix, threads);
    figure(name, threads * calls / elapsed);
    snprintf(name, sizeof name, "%swhoami_t%d_cpu_ms", prefix, threads);
    figure(name, (cpu_client_and_front() - cpu) / (threads * calls) * 1000);
    snprintf(name, sizeof name, "%swhoami_t%d_p50_ms", prefix, threads);
    figure(name, quantile(all, (size_t)threads * calls, 0.5) * 1000);
    snprintf(name, sizeof name, "%swhoami_t%d_p99_ms", prefix, threads);
    figure(name, quantile(all, (size_t)threads * calls, 0.99) * 1000);
    snprintf(name, sizeof name, "%swhoami_t%d_errors", prefix, threads);
    figure(name, errors);
    free(all);
}

static void material(const char *grant, const char *format, const char *name) {
    int n = 10, errors = 0;
    double start = now();
    for (int i = 0; i < n; i++) {
        elic_material *m = NULL;
        errors += elic_material_issue(&m, client, grant, "企业开办", format) != ELIC_OK;
        elic_material_free(m);
    }
    figure(name, (now() - start) / n * 1000);
    if (errors > 0) fprintf(stderr, "%s: %d errors, last: %s\n", name, errors, elic_last_error());
}

/* RSS added by each of 32 more clients, each having made one call (connection and keys loaded). */
static void rss_per_client(const char *config) {
    enum { N = 32 };
    elic_client *more[N];
    long before = rss_kib();
    for (int i = 0; i < N; i++) {
        char *json = NULL;
        more[i] = NULL;
        if (elic_client_new_from_file(&more[i], config) == ELIC_OK) (void)elic_client_whoami(&json, more[i]);
        elic_free(json);
    }
    figure("rss_per_client_kib", (double)(rss_kib() - before) / N);
    for (int i = 0; i < N; i++) elic_client_free(more[i]);
}

static int figures(const char *config, const char *grant_file, const char *front_url, const char *data_dir) {
    double average = 0;
    FILE *loadavg = fopen("/proc/loadavg", "r");
    if (loadavg != NULL && fscanf(loadavg, "%lf", &average) == 1) figure("loadavg_1min", average);
    if (loadavg != NULL) fclose(loadavg);
    char grant[256];
    FILE *f = fopen(grant_file, "r");
    if (f == NULL || fgets(grant, sizeof grant, f) == NULL) { perror(grant_file); return 2; }
    fclose(f);
    grant[strcspn(grant, "\r\n")] = '\0';

    sm2_rates();
    healthz(front_url);
    synced_commit(data_dir);

    figure("rss_process_kib", rss_kib());
    if (elic_client_new_from_file(&client, config) != ELIC_OK) { fprintf(stderr, "%s\n", elic_last_error()); return 1; }

    int n = 5000000;
    double start = cpu_now();
    for (int i = 0; i < n; i++) (void)elic_uscc_validate("91350100M000100Y43");
    figure("uscc_c_per_s", n / (cpu_now() - start));

    n = 300;
    double *latencies = calloc((size_t)n, sizeof *latencies);
    double cpu = cpu_client_and_front();
    start = now();
    for (int i = 0; i < n; i++) {
        char *json = NULL;
        double t = now();
        (void)elic_client_whoami(&json, client);
        latencies[i] = now() - t;
        elic_free(json);
    }
    figure("whoami_c_ms", (now() - start) / n * 1000);
    figure("whoami_c_cpu_ms", (cpu_client_and_front() - cpu) / n * 1000);
    figure("whoami_c_p50_ms", quantile(latencies, (size_t)n, 0.5) * 1000);
    free(latencies);

    n = 50;
    start = now();
    for (int i = 0; i < n; i++) {
        elic_license *license = NULL;
        (void)elic_license_fetch(&license, client, grant);
        elic_license_free(license);
    }
    figure("license_fetch_ms", (now() - start) / n * 1000);

    material(grant, "pdf", "material_pdf_ms");
    material(grant, "png", "material_png_ms");

    threaded("", 4, 150);
    threaded("", 16, 50);
    rss_per_client(config);
    elic_client_free(client);
    return 0;
}

/* The signed-call rows of one front, named LABEL_…, so that two stores are measured alike. */
static int store_rows(const char *config, const char *label) {
    if (elic_client_new_from_file(&client, config) != ELIC_OK) { fprintf(stderr, "%s\n", elic_last_error()); return 1; }
    char prefix[64], name[96];
    snprintf(prefix, sizeof prefix, "%s_", label);
    int n = 300;
    double cpu = cpu_client_and_front(), start = now();
    for (int i = 0; i < n; i++) {
        char *json = NULL;
        (void)elic_client_whoami(&json, client);
        elic_free(json);
    }
    snprintf(name, sizeof name, "%swhoami_c_ms", prefix);
    figure(name, (now() - start) / n * 1000);
    snprintf(name, sizeof name, "%swhoami_c_cpu_ms", prefix);
    figure(name, (cpu_client_and_front() - cpu) / n * 1000);
    threaded(prefix, 16, 50);
    elic_client_free(client);
    return 0;
}

/* CALLS whoami from each of THREADS threads, nothing measured: the load under which the
 * front's disk syncs are counted (strace). */
static int calls_only(const char *config, int threads, int calls) {
    if (elic_client_new_from_file(&client, config) != ELIC_OK) { fprintf(stderr, "%s\n", elic_last_error()); return 1; }
    if (threads < 1 || threads > 64) threads = 1;
    pthread_t t[64];
    work w[64];
    double *all = calloc((size_t)threads * calls, sizeof *all);
    int errors = 0;
    for (int i = 0; i < threads; i++) {
        w[i] = (work){calls, 0, all + (size_t)i * calls};
        pthread_create(&t[i], NULL, whoami_loop, &w[i]);
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        errors += w[i].errors;
    }
    free(all);
    elic_client_free(client);
    return errors == 0 ? 0 : 1;
}

/* ---- open-loop load ---------------------------------------------------------------------- */

static struct {
    double start, interval;
    long total;
    atomic_long next;
    double *latencies;
    atomic_long errors;
} load;

static void *load_loop(void *arg) {
    (void)arg;
    for (;;) {
        long i = atomic_fetch_add(&load.next, 1);
        if (i >= load.total) return NULL;
        double due = load.start + (double)i * load.interval, wait = due - now();
        if (wait > 0) {
            struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
            nanosleep(&ts, NULL);
        }
        char *json = NULL;
        if (elic_client_whoami(&json, client) != ELIC_OK) atomic_fetch_add(&load.errors, 1);
        elic_free(json);
        load.latencies[i] = now() - due;
    }
}

static int load_run(const char *config, double rate, double seconds, int threads) {
    if (elic_client_new_from_file(&client, config) != ELIC_OK) { fprintf(stderr, "%s\n", elic_last_error()); return 1; }
    if (threads > 256) threads = 256;
    load.total = (long)(rate * seconds);
    load.interval = 1 / rate;
    load.latencies = calloc((size_t)load.total, sizeof *load.latencies);
    pthread_t t[256];
    load.start = now() + 0.05;
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, load_loop, NULL);
    for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
    double elapsed = now() - load.start;
    /* offered, achieved, p50 ms, p99 ms, errors */
    printf("%.0f\t%.1f\t%.2f\t%.2f\t%ld\n", rate, load.total / elapsed,
           quantile(load.latencies, (size_t)load.total, 0.5) * 1000,
           quantile(load.latencies, (size_t)load.total, 0.99) * 1000, atomic_load(&load.errors));
    elic_client_free(client);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 7 && strcmp(argv[1], "figures") == 0) {
        front_pid = atoi(argv[6]);
        return figures(argv[2], argv[3], argv[4], argv[5]);
    }
    if (argc == 6 && strcmp(argv[1], "load") == 0) return load_run(argv[2], atof(argv[3]), atof(argv[4]), atoi(argv[5]));
    if (argc == 5 && strcmp(argv[1], "store") == 0) {
        front_pid = atoi(argv[4]);
        return store_rows(argv[2], argv[3]);
    }
    if (argc == 5 && strcmp(argv[1], "calls") == 0) return calls_only(argv[2], atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr,
            "usage: %s figures CONFIG GRANT_FILE FRONT_URL DATA_DIR FRONT_PID | load CONFIG RATE SECONDS THREADS\n"
            "       | store CONFIG LABEL FRONT_PID | calls CONFIG THREADS CALLS\n",
            argv[0]);
    return 2;
}
