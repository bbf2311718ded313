/*
 * elic_uscc_validate in a loop, from a library loaded by path, so callgrind can count the
 * instructions of one call in two builds of libelicense (Benchmarks/callgrind.sh).
 *   uscc_loop LIBRARY N [CODE]
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*validate)(const char *code);

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s LIBRARY N [CODE]\n", argv[0]); return 2; }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    validate check;
    *(void **)&check = dlsym(lib, "elic_uscc_validate"); /* POSIX's way to a function pointer */
    if (check == NULL) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    const char *code = argc > 3 ? argv[3] : "91370102MA01ELC161";
    long n = atol(argv[2]), valid = 0;
    for (long i = 0; i < n; i++) valid += check(code) == 0;
    return valid == n ? 0 : 3;
}
