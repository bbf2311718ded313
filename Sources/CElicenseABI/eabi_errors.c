#include "elicense_abi.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One message per thread, owned here and freed when the thread exits (a pthread key with a
 * destructor, so threads of a JVM or Python host that come and go leak nothing). */
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void make_key(void) { pthread_key_create(&key, free); }

const char *eabi_last_error(void) {
    pthread_once(&key_once, make_key);
    const char *message = pthread_getspecific(key);
    return message != NULL ? message : "";
}

void eabi_set_last_error(const char *message) {
    pthread_once(&key_once, make_key);
    free(pthread_getspecific(key));
    pthread_setspecific(key, message != NULL ? strdup(message) : NULL);
}

void eabi_clear_last_error(void) {
    pthread_once(&key_once, make_key);
    free(pthread_getspecific(key));
    pthread_setspecific(key, NULL);
}
