/*
 * C types of the libelicense ABI, as the Swift SDK target sees them. Sources/elicense-abigen
 * copies the block between the PUBLIC TYPES markers into Include/elicense.h verbatim, so each
 * handle and callback typedef is written here only; the struct bodies below it stay private,
 * and the public header keeps the handles opaque.
 *
 * Internal helpers use the prefix eabi_ so that they are never exported (the version script
 * exports elic_* only).
 */
#ifndef ELICENSE_ABI_H
#define ELICENSE_ABI_H

#include <stddef.h>
#include <stdint.h>

/* BEGIN PUBLIC TYPES */
/* A status: ELIC_OK (0) or an ELIC_E_* code in its range. */
typedef int32_t elic_status;

/* Opaque handles; the library allocates and frees them. */
typedef struct elic_client elic_client;
typedef struct elic_login elic_login;
typedef struct elic_license elic_license;
typedef struct elic_material elic_material;

/* Called by elic_login_wait after every poll, on the waiting thread, with the login's state
 * (ELIC_LOGIN_*) and the milliseconds waited so far; a non-zero return cancels the wait.
 * payload is the caller's, passed through untouched. */
typedef int32_t (*elic_progress_cb)(int32_t state, int64_t elapsed_ms, void *payload);
/* END PUBLIC TYPES */

/* The members exist only so Swift keeps the type names in the prototypes it emits; callers
 * never see them and never allocate a handle. */
struct elic_client { char elic_private_; };
struct elic_login { char elic_private_; };
struct elic_license { char elic_private_; };
struct elic_material { char elic_private_; };

/* The calling thread's last failure: its message (UTF-8, never NULL, "" when none), the front's
 * request id ("" when none) and the advised delay in milliseconds (-1 when none). Set and
 * cleared together. */
const char *eabi_last_error(void);
const char *eabi_last_error_request_id(void);
int64_t eabi_last_error_retry_after_ms(void);
void eabi_set_last_error(const char *message, const char *request_id, int64_t retry_after_ms);
void eabi_clear_last_error(void);

/* The calling thread's limit for every later call in milliseconds (elic_set_call_timeout_ms);
 * 0 when none. */
int64_t eabi_call_timeout_ms(void);
void eabi_set_call_timeout_ms(int64_t ms);

#endif
