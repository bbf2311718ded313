/*
 * What a host that loads libelicense on demand (a JVM through JNA, Python through ctypes) pays
 * once: dlopen of the library and the creation of its first client, in a fresh process that is
 * not linked with it. Prints `name<TAB>value` lines for Benchmarks/table.py.
 *   dlopen_bench LIBRARY CONFIG
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef int (*client_new)(void **out, const char *config_path);

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s LIBRARY CONFIG\n", argv[0]); return 2; }
    double start = now();
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    double loaded = now();
    client_new make;
    *(void **)&make = dlsym(lib, "elic_client_new_from_file"); /* POSIX's way to a function pointer */
    void *client = NULL;
    if (make == NULL || make(&client, argv[2]) != 0) { fprintf(stderr, "client creation failed\n"); return 1; }
    double made = now();
    printf("dlopen_ms\t%.6g\ndlopen_client_ms\t%.6g\n", (loaded - start) * 1000, (made - start) * 1000);
    return 0;
}
