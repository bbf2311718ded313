/*
 * C types of the libelicense ABI, as the Swift SDK target sees them. The public header
 * Include/elicense.h is generated from these declarations and the Swift @c prototypes
 * (scripts/gen-header.py); there the handle structs are opaque.
 *
 * Internal helpers use the prefix eabi_ so that they are never exported (the version script
 * exports elic_* only).
 */
#ifndef ELICENSE_ABI_H
#define ELICENSE_ABI_H

#include <stddef.h>
#include <stdint.h>

/* A status: ELIC_OK (0) or an ELIC_E_* code in its range (see elicense.h). */
typedef int32_t elic_status;

/* Handles. The members exist only so Swift keeps the type names in the prototypes it emits;
 * callers never see them and never allocate a handle. */
struct elic_client { char elic_private_; };
struct elic_login { char elic_private_; };
struct elic_license { char elic_private_; };
struct elic_material { char elic_private_; };
typedef struct elic_client elic_client;
typedef struct elic_login elic_login;
typedef struct elic_license elic_license;
typedef struct elic_material elic_material;

/* Called by elic_login_wait after every poll, on the waiting thread, with the login's state
 * (ELIC_LOGIN_*) and the milliseconds waited so far. A non-zero return cancels the wait. */
typedef int32_t (*elic_progress_cb)(int32_t state, int64_t elapsed_ms, void *payload);

/* The calling thread's last error message (UTF-8, never NULL, "" when none). */
const char *eabi_last_error(void);
void eabi_set_last_error(const char *message);
void eabi_clear_last_error(void);

#endif
