/*
 * Internal C shim over OpenSSL 3 for the SM2/SM3/SM4 national algorithms.
 * Prefix `ecs_` (never `elic_`): these symbols must stay out of libelicense.so's exports.
 * Every function returns 1 on success and 0 on failure; on failure the OpenSSL error queue of
 * the calling thread holds the reason (read it with ecs_last_error).
 */
#ifndef ECS_CRYPTO_H
#define ECS_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ecs_key ecs_key; /* wraps EVP_PKEY; opaque to Swift */

/* Generates a fresh SM2 key pair. */
ecs_key *ecs_sm2_generate(void);
/* Parses a PEM private key (PKCS#8, optionally encrypted with `pass`) or public key (SPKI).
 * Returns NULL when the PEM is malformed, the passphrase is wrong, or the key is not on SM2. */
ecs_key *ecs_key_from_pem(const char *pem, size_t len, int is_private, const char *pass);
void ecs_key_free(ecs_key *key);
int ecs_key_has_private(const ecs_key *key);

/* PEM export into a malloc'ed, NUL-terminated buffer the caller frees with free().
 * With `pass` non-NULL the private key is PKCS#8-encrypted with SM4-CBC (PBES2). */
int ecs_key_private_pem(const ecs_key *key, const char *pass, char **out, size_t *out_len);
int ecs_key_public_pem(const ecs_key *key, char **out, size_t *out_len);
/* DER SubjectPublicKeyInfo, malloc'ed. */
int ecs_key_public_der(const ecs_key *key, uint8_t **out, size_t *out_len);
/* Uncompressed point 04||X||Y (65 bytes) into out. */
int ecs_key_public_point(const ecs_key *key, uint8_t out[65]);
/* The private scalar d, big-endian, 32 bytes into out. */
int ecs_key_private_scalar(const ecs_key *key, uint8_t out[32]);

/* SM2-with-SM3 over msg, with distinguishing ID `id` (GB/T 32918 Z value).
 * The DER signature (at most 72 bytes) goes to sig; *sig_len is set to its size. */
int ecs_sm2_sign(const ecs_key *key, const uint8_t *id, size_t id_len,
                 const uint8_t *msg, size_t msg_len, uint8_t sig[80], size_t *sig_len);
/* Returns 1 when valid, 0 when invalid or malformed. */
int ecs_sm2_verify(const ecs_key *key, const uint8_t *id, size_t id_len,
                   const uint8_t *msg, size_t msg_len, const uint8_t *sig, size_t sig_len);

/* Incremental SM3. */
typedef struct ecs_sm3 ecs_sm3;
ecs_sm3 *ecs_sm3_new(void);
int ecs_sm3_update(ecs_sm3 *ctx, const uint8_t *data, size_t len);
int ecs_sm3_final(ecs_sm3 *ctx, uint8_t out[32]);
void ecs_sm3_free(ecs_sm3 *ctx);


/* SM4. `mode` is "SM4-ECB" or "SM4-CBC"; `pad` selects PKCS#7 padding.
 * out must hold in_len + 16 bytes. iv is 16 bytes (ignored for ECB). */
int ecs_sm4_crypt(const char *mode, int encrypt, int pad, const uint8_t key[16],
                  const uint8_t *iv, const uint8_t *in, size_t in_len,
                  uint8_t *out, size_t *out_len);

/* Cryptographically secure random bytes. */
int ecs_random(uint8_t *out, size_t len);

/* Frees a buffer returned by this shim. */
void ecs_free(void *p);

/* Pops the calling thread's OpenSSL errors into buf as one line; empties the queue. */
void ecs_last_error(char *buf, size_t len);
void ecs_clear_error(void);

#ifdef __cplusplus
}
#endif
#endif
