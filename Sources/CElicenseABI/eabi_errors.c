#include "elicense_abi.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The last failure of each thread, owned here and freed when the thread exits (a pthread key
 * with a destructor, so threads of a JVM or Python host that come and go leak nothing). The
 * message and its structured details are set and cleared together. */
struct last_error {
    char *message;
    char *request_id;
    int64_t retry_after_ms;
};

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void release(void *pointer) {
    struct last_error *error = pointer;
    free(error->message);
    free(error->request_id);
    free(error);
}

static void make_key(void) { pthread_key_create(&key, release); }

static const struct last_error *current(void) {
    pthread_once(&key_once, make_key);
    return pthread_getspecific(key);
}

const char *eabi_last_error(void) {
    const struct last_error *error = current();
    return error != NULL && error->message != NULL ? error->message : "";
}

const char *eabi_last_error_request_id(void) {
    const struct last_error *error = current();
    return error != NULL && error->request_id != NULL ? error->request_id : "";
}

int64_t eabi_last_error_retry_after_ms(void) {
    const struct last_error *error = current();
    return error != NULL ? error->retry_after_ms : -1;
}

void eabi_clear_last_error(void) {
    pthread_once(&key_once, make_key);
    void *error = pthread_getspecific(key);
    if (error != NULL) release(error);
    pthread_setspecific(key, NULL);
}

void eabi_set_last_error(const char *message, const char *request_id, int64_t retry_after_ms) {
    eabi_clear_last_error();
    struct last_error *error = calloc(1, sizeof *error);
    if (error == NULL) return; /* out of memory: the thread reads "" and -1, never garbage */
    error->message = message != NULL ? strdup(message) : NULL;
    error->request_id = request_id != NULL && request_id[0] != '\0' ? strdup(request_id) : NULL;
    error->retry_after_ms = retry_after_ms;
    pthread_setspecific(key, error);
}

/* A plain thread-local number: nothing to free when the thread exits. */
static _Thread_local int64_t call_timeout_ms;

int64_t eabi_call_timeout_ms(void) { return call_timeout_ms; }

void eabi_set_call_timeout_ms(int64_t ms) { call_timeout_ms = ms; }
